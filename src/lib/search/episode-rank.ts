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
  const { docs, weights, slots } = table;
  const tf = new Map<number, Float32Array>();
  const top = new Map<number, Float32Array>();
  for (let k = 0; k < docs.length; k++) {
    const episode = lines.episodeOf[docs[k]!]!;
    let counts = tf.get(episode);
    let peaks = top.get(episode);
    if (!counts || !peaks) {
      tf.set(episode, (counts = new Float32Array(slots)));
      top.set(episode, (peaks = new Float32Array(slots)));
    }
    for (let s = 0; s < slots; s++) {
      const w = weights[k * slots + s]!;
      if (w > 0) {
        counts[s]!++;
        peaks[s] = Math.max(peaks[s]!, w);
      }
    }
  }
  const scores = new Map<number, number>();
  for (const [episode, moment] of bestMoment) {
    const counts = tf.get(episode)!;
    const peaks = top.get(episode)!;
    const norm = K1 * (1 - B + (B * lines.lineCounts[episode]!) / lines.meanLines);
    let breadth = 0;
    for (let s = 0; s < slots; s++) breadth += (peaks[s]! * counts[s]! * (K1 + 1)) / (counts[s]! + norm);
    scores.set(episode, moment + BREADTH * breadth);
  }
  return scores;
}
