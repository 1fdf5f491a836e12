import type { TextPart } from './highlight';

export type SortOrder = 'relevance' | 'newest';
export type SourceFilter = 'all' | 'podcast' | 'yours';

/** Inclusive. */
export interface Range {
  from: number;
  to: number;
}

/** Search options kept in the URL next to `q` (see routes.ts), so a shared search shows the same thing. */
export interface SearchFilters {
  sort: SortOrder;
  /** The bundled episodes, the user's own transcripts, or both ('all'). */
  source: SourceFilter;
  /** Years of the recording date. */
  years: Range | null;
  /** Episode numbers. */
  numbers: Range | null;
}

export interface SearchRequest extends Partial<SearchFilters> {
  q: string;
  /** How many episode groups to return. */
  limit?: number;
  /** How many of the best moments overall to list in `top` (the benchmark's known-item recall); none by default. */
  top?: number;
}

export interface MomentResult {
  episodeId: string;
  /** Which line of the episode (see deeplink.ts). */
  t: number;
  n: number;
  speaker?: string;
  /** The title of the chapter the moment is in, when the episode has chapters. */
  chapter?: string;
  /** The whole segment (the snippet may be cut): what a favourite keeps as its quote. */
  text: string;
  parts: TextPart[];
}

/** An episode's matches; its title, number and date are in the catalogue the page already has. */
export interface GroupResult {
  episodeId: string;
  /** How many moments of this episode match. */
  count: number;
  moments: MomentResult[];
  /** How well the episode answers the query (by relevance only): merges answers from several indexes. */
  score?: number;
}

/** An episode whose show notes hold the query: listed apart from, and below, the moments of speech. */
export interface NotesResult {
  episodeId: string;
  parts: TextPart[];
}

export interface SearchResponse {
  /** Matching moments in all episodes. */
  total: number;
  groups: GroupResult[];
  groupCount: number;
  /** The best moments overall, best first, when the request asked for `top`. */
  top?: { episodeId: string; t: number }[];
  /** Matching moments per recording year, for the chart. */
  years: { year: number; count: number }[];
  /** Closest known terms when nothing matched. */
  suggestions: string[];
  /** True when no moment has every word and the closest partial matches are shown. */
  partial: boolean;
  /** Episodes whose show notes hold every word. */
  notes: NotesResult[];
}

export const EMPTY_RESPONSE: SearchResponse = {
  total: 0,
  groups: [],
  groupCount: 0,
  years: [],
  suggestions: [],
  partial: false,
  notes: [],
};
