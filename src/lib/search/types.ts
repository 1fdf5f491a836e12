import type { TermMatcher, TextPart } from './highlight';

export type SortOrder = 'relevance' | 'newest';

export interface SearchRequest {
  q: string;
  sort?: SortOrder;
  /** Inclusive year range of the recording date. */
  years?: { from: number; to: number } | null;
  /** Inclusive episode-number range. */
  numbers?: { from: number; to: number } | null;
  /** How many episode groups to return. */
  limit?: number;
}

export interface MomentResult {
  episodeId: string;
  /** Which line of the episode (see deeplink.ts). */
  t: number;
  n: number;
  speaker?: string;
  /** The whole segment (the snippet may be cut): what a favourite keeps as its quote. */
  text: string;
  parts: TextPart[];
}

export interface GroupResult {
  episodeId: string;
  number: number | null;
  title: string;
  date: string | null;
  /** How many moments of this episode match. */
  count: number;
  moments: MomentResult[];
}

export interface SearchResponse {
  /** Matching moments in all episodes. */
  total: number;
  groups: GroupResult[];
  groupCount: number;
  /** The ten best moments overall, best first. */
  top: { episodeId: string; t: number }[];
  /** Matching moments per recording year, for the chart. */
  years: { year: number; count: number }[];
  /** Closest known terms when nothing matched. */
  suggestions: string[];
  /** True when no moment has every word and the closest partial matches are shown. */
  partial: boolean;
  matcher: TermMatcher;
}

export const EMPTY_RESPONSE: SearchResponse = {
  total: 0,
  groups: [],
  groupCount: 0,
  top: [],
  years: [],
  suggestions: [],
  partial: false,
  matcher: { terms: [], prefixes: [] },
};
