/**
 * One answer from two engines: the bundled episodes and the user's own transcripts ("yours"), each indexed
 * on its own (imports never wait on, or invalidate, the bundled index). Pure.
 */
import { compareRecency } from '../packs/format';
import { EMPTY_RESPONSE, type SearchRequest, type SearchResponse } from './types';

interface Recency {
  date: string | null;
  number: number | null;
}

/** Groups ordered by score (relevance) or date (newest), counts added, the chart's years summed. */
export function mergeResponses(
  answers: SearchResponse[],
  request: SearchRequest,
  recencyOf: (episodeId: string) => Recency,
): SearchResponse {
  const found = answers.filter((a) => a.total > 0 || a.notes.length > 0);
  if (found.length === 0) {
    return { ...EMPTY_RESPONSE, suggestions: [...new Set(answers.flatMap((a) => a.suggestions))].slice(0, 5) };
  }
  if (found.length === 1) return found[0]!;
  const groups = found.flatMap((a) => a.groups);
  if (request.sort === 'newest') groups.sort((a, b) => compareRecency(recencyOf(b.episodeId), recencyOf(a.episodeId)));
  else groups.sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
  const years = new Map<number, number>();
  for (const answer of found) for (const { year, count } of answer.years) years.set(year, (years.get(year) ?? 0) + count);
  const withMoments = found.filter((a) => a.total > 0);
  const merged: SearchResponse = {
    total: found.reduce((n, a) => n + a.total, 0),
    groups: groups.slice(0, request.limit ?? 20),
    groupCount: found.reduce((n, a) => n + a.groupCount, 0),
    years: [...years].sort(([a], [b]) => a - b).map(([year, count]) => ({ year, count })),
    suggestions: [],
    // Partial only when no source has a moment with every word.
    partial: withMoments.length > 0 && withMoments.every((a) => a.partial),
    notes: found.flatMap((a) => a.notes),
  };
  if (request.top) merged.top = found.flatMap((a) => a.top ?? []).slice(0, request.top);
  return merged;
}
