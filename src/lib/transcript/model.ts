/** The typed episode model every later feature stands on. Plain data: it crosses workers and JSON as is. */

export interface Segment {
  /** Start time in seconds (may carry milliseconds from WebVTT/SRT). */
  t: number;
  text: string;
  speaker?: string;
}

export interface EpisodeMeta {
  /** URL-safe id: the episode number as text, or a slug of the file name when there is no number. */
  id: string;
  number: number | null;
  title: string;
  /** ISO YYYY-MM-DD, or null when no recording date could be read. */
  date: string | null;
  speakers: string[];
  /** Seconds: the start of the last segment. */
  duration: number;
  segmentCount: number;
  /** The transcript file the episode came from. */
  source: string;
}

export interface Episode extends EpisodeMeta {
  segments: Segment[];
}

export type Severity = 'error' | 'warning';

export interface Problem {
  file: string;
  /** 1-based line number; 0 when the problem concerns the whole file. */
  line: number;
  severity: Severity;
  message: string;
}
