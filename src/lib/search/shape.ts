/**
 * Result shaping: ranked lines become episode groups (best first, or newest), each with its best distinct
 * moments and their snippets, plus the per-year counts the chart draws. Pure.
 */
import { compareRecency } from '../packs/format';
import { momentRefAt } from '../deeplink';
import { chapterAt } from '../transcript/chapters';
import { firstLineOf, textOf, type SearchCorpus } from './corpus';
import { episodeScores } from './episode-rank';
import { snippetParts, type TermMatcher, type TextPart } from './highlight';
import { MOMENT_RADIUS, momentRows, type MatchTable } from './moments';
import type { GroupResult, MomentResult, SearchRequest, SearchResponse } from './types';

const MOMENTS_PER_GROUP = 3;
const KEPT_PER_GROUP = 10;
/** A snippet of one line, and of each line when a moment spans several. */
const SNIPPET_WIDTH = 220;
const SPANNING_WIDTH = 140;

export interface ShapeContext {
  corpus: SearchCorpus;
  /** Recording year per episode (0: unknown). */
  years: Int32Array;
  lineCounts: Uint32Array;
  meanLines: number;
  /** Seconds either side of a line whose query words belong to its moment (0: each line alone). */
  radius: number;
}

export interface RankedLines {
  table: MatchTable;
  /** Table rows shown, best first. */
  ranked: number[];
  score: Float32Array;
  matcher: TermMatcher;
  partial: boolean;
}

export function shapeResponse(lines: RankedLines, request: SearchRequest, context: ShapeContext): SearchResponse {
  const { table, ranked, matcher, partial } = lines;
  const { corpus, years } = context;
  // Per episode, in flat arrays (a few Map look-ups per line were most of this step at 1,000 episodes).
  const count = new Uint32Array(corpus.episodes.length);
  const best = new Float32Array(corpus.episodes.length);
  const kept: number[][] = [];
  /** Episodes in the order their first line comes in `ranked`. */
  const order: number[] = [];
  tallyEpisodes(lines, corpus, { count, best, kept, order });
  const perYear = new Map<number, number>();
  for (const episode of order) {
    const year = years[episode]!;
    if (year) perYear.set(year, (perYear.get(year) ?? 0) + count[episode]!);
  }
  let episodeScore: Map<number, number> | null = null;
  if (request.sort === 'newest') {
    order.sort((a, b) => compareRecency(corpus.episodes[b]!, corpus.episodes[a]!));
  } else {
    const bestMoment = new Map(order.map((episode) => [episode, best[episode]!]));
    const scores = (episodeScore = episodeScores(table, bestMoment, {
      episodeOf: corpus.episodeOf,
      lineCounts: context.lineCounts,
      meanLines: context.meanLines,
    }));
    order.sort((a, b) => Math.sign(scores.get(b)! - scores.get(a)!) || a - b); // whole numbers: see bestFirst
  }
  const groups: GroupResult[] = order.slice(0, request.limit ?? 20).map((episodeIndex) => {
    const episode = corpus.episodes[episodeIndex]!;
    return {
      episodeId: episode.id,
      count: count[episodeIndex]!,
      moments: kept[episodeIndex]!.slice(0, MOMENTS_PER_GROUP).map((k) => momentOf(table, k, matcher, context)),
      ...(episodeScore && { score: episodeScore.get(episodeIndex)! }),
    };
  });
  const yearCounts = [...perYear.entries()].sort(([a], [b]) => a - b).map(([year, count]) => ({ year, count }));
  const response: SearchResponse = {
    total: ranked.length,
    groups,
    groupCount: order.length,
    years: yearCounts,
    suggestions: [],
    partial,
    notes: [],
  };
  if (request.top) {
    response.top = ranked.slice(0, request.top).map((k) => {
      const doc = table.docs[k]!;
      return { episodeId: corpus.episodes[corpus.episodeOf[doc]!]!.id, t: corpus.times[doc]! };
    });
  }
  return response;
}

/**
 * Per episode of the ranked lines: how many, the best score, the moments kept, and the episodes in the order
 * their first line comes. A loop of its own, with nothing after it: see takeWeights in match-table.ts.
 */
function tallyEpisodes(
  lines: RankedLines,
  corpus: ShapeContext['corpus'],
  into: { count: Uint32Array; best: Float32Array; kept: number[][]; order: number[] },
): void {
  const { table, ranked, score } = lines;
  const { count, best, kept, order } = into;
  for (const k of ranked) {
    const doc = table.docs[k]!;
    const episode = corpus.episodeOf[doc]!;
    if (count[episode]!++ === 0) {
      order.push(episode);
      kept[episode] = [];
    }
    // Only the head of `ranked` is in order (see sortBest): take each episode's best wherever it is.
    if (score[k]! > best[episode]!) best[episode] = score[k]!;
    const rows = kept[episode]!;
    const t = corpus.times[doc]!;
    // Neighbours of a moment already kept would show the same moment twice.
    if (rows.length < KEPT_PER_GROUP && apartFromAll(rows, table.docs, corpus.times, t)) rows.push(k);
  }
}

/** Whether time `t` is more than a moment's radius from each of `rows`' lines (a loop, not a closure per line). */
function apartFromAll(rows: number[], docs: ArrayLike<number>, times: ArrayLike<number>, t: number): boolean {
  for (let i = 0; i < rows.length; i++) if (Math.abs(times[docs[rows[i]!]!]! - t) <= MOMENT_RADIUS) return false;
  return true;
}

/**
 * A moment links to its line; its snippet also shows the neighbouring lines that said the query words
 * the line lacks, in spoken order.
 */
function momentOf(table: MatchTable, k: number, matcher: TermMatcher, context: ShapeContext): MomentResult {
  const { corpus } = context;
  const doc = table.docs[k]!;
  const speaker = corpus.speakerOf[doc]!;
  const text = textOf(corpus, doc);
  const episodeIndex = corpus.episodeOf[doc]!;
  const episode = corpus.episodes[episodeIndex]!;
  const episodeId = episode.id;
  const chapter = chapterAt(episode.chapters, corpus.times[doc]!);
  const { rows } = momentRows(table, k, { episodeOf: corpus.episodeOf, times: corpus.times, radius: context.radius });
  const parts: TextPart[] = [];
  rows.forEach((row, i) => {
    const rowDoc = table.docs[row]!;
    if (i > 0) parts.push({ text: rowDoc === table.docs[rows[i - 1]!]! + 1 ? ' ' : ' … ', hit: false });
    const rowText = row === k ? text : textOf(corpus, rowDoc);
    parts.push(...snippetParts(rowText, matcher, rows.length > 1 ? SPANNING_WIDTH : SNIPPET_WIDTH));
  });
  return {
    episodeId,
    ...momentRefAt(corpus.times, doc, firstLineOf(corpus, episodeIndex)),
    ...(speaker >= 0 && { speaker: corpus.speakers[speaker]! }),
    ...(chapter && { chapter: chapter.title }),
    text,
    parts,
  };
}
