/** The typed episode model every later feature stands on. Plain data: it crosses workers and JSON as is. */
import type { Chapter } from './chapters';

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
  /** The episode's web page, from the feed. */
  link?: string;
  /** The episode's audio, from the feed's enclosure: fetched only when the listener presses Play. */
  audio?: { url: string; type: string };
}

export interface Episode extends EpisodeMeta {
  segments: Segment[];
  /** Podcasting 2.0 chapters, in time order (only those meant to be shown). */
  chapters?: Chapter[];
  /** Show notes from the feed, as HTML already sanitised by the build. */
  notes?: string;
}

export type Severity = 'error' | 'warning';

export interface Problem {
  file: string;
  /** 1-based line number; 0 when the problem concerns the whole file. */
  line: number;
  severity: Severity;
  message: string;
}
