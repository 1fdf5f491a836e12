/**
 * Ranking episodes for "which episode talked about X?": how well its best moment covers the query, plus
 * how much of the episode discusses each word (BM25 over the episode's lines, so a topic that keeps coming
 * back outranks a passing mention, and long episodes do not win by length alone). Pure.
 */
import type { MatchTable } from './moments';

const K1 = 1.2;
const B = 0.75;
/** What the breadth of discussion adds to the best moment's score. */
const BREADTH = 0.6;

export interface EpisodeLines {
  episodeOf: ArrayLike<number>;
  /** Lines per episode, and their mean. */
  lineCounts: ArrayLike<number>;
  meanLines: number;
}

/** Score per episode index (NaN-free; 0 for episodes with no matching line). */
export function episodeScores(table: MatchTable, bestMoment: Map<number, number>, lines: EpisodeLines): Map<number, number> {
  const { slots } = table;
  // Per episode and word: on how many lines, and at what best weight (flat arrays: one Map lookup per line was most of the cost).
  const episodes = lines.lineCounts.length;
  const counts = new Float32Array(episodes * slots);
  const peaks = new Float32Array(episodes * slots);
  countWords(table, lines.episodeOf, counts, peaks);
  const scores = new Map<number, number>();
  for (const [episode, moment] of bestMoment) {
    const norm = K1 * (1 - B + (B * lines.lineCounts[episode]!) / lines.meanLines);
    let breadth = 0;
    for (let s = 0, at = episode * slots; s < slots; s++, at++) breadth += (peaks[at]! * counts[at]! * (K1 + 1)) / (counts[at]! + norm);
    scores.set(episode, moment + BREADTH * breadth);
  }
  return scores;
}

/**
 * Per episode and word: on how many lines it is said, and its best weight. A loop of its own, with nothing
 * after it: see takeWeights in match-table.ts.
 */
function countWords(table: MatchTable, episodeOf: ArrayLike<number>, counts: Float32Array, peaks: Float32Array): void {
  const { docs, weights, slots } = table;
  for (let k = 0, i = 0; k < docs.length; k++) {
    const at = episodeOf[docs[k]!]! * slots;
    for (let s = 0; s < slots; s++, i++) {
      const w = weights[i]!;
      if (w > 0) {
        counts[at + s]!++;
        if (w > peaks[at + s]!) peaks[at + s] = w;
      }
    }
  }
}
