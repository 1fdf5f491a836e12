/**
 * Moments: a matching line together with its neighbours. Listeners say a topic's words over a few lines,
 * so a line is scored with the query words said within `radius` seconds around it (in the same episode),
 * those counting a little less than the words in the line itself. Pure, so it can be tested alone.
 */

/** Seconds either side of a line whose words count towards its moment, and what a word said nearby counts. */
export const MOMENT_RADIUS = 30;
export const NEARBY_WEIGHT = 0.7;

/** The lines that match some query word, and how much of each word each has. */
export interface MatchTable {
  /** Matching lines (document numbers), ascending: episode by episode, in time order. */
  docs: ArrayLike<number>;
  /** weights[k * slots + s]: how much line docs[k] holds of query word s (0 when it has none). */
  weights: Float32Array;
  slots: number;
}

export interface Neighbourhood {
  episodeOf: ArrayLike<number>;
  times: ArrayLike<number>;
  /** Seconds either side of a line that still count as the same moment (0: each line alone). */
  radius: number;
  /** What a word said nearby counts, against the same word in the line itself. */
  nearby: number;
}

/**
 * For each matching line: its own words, plus each query word said around it at `nearby` times that
 * word's best weight. One sliding window over the table (lines are in time order within an episode),
 * so the cost is rows × words, whatever the radius.
 */
export function momentScores(table: MatchTable, around: Neighbourhood, best = slotMaxima(table)): Float32Array {
  const rows = table.docs.length;
  // Per row: which words it holds (one bit each; queries have at most 16) and their weight.
  const mask = new Uint32Array(rows);
  const scores = new Float32Array(rows);
  ownScores(table, mask, scores);
  if (around.radius === 0 || table.slots === 1) return scores; // a moment is its own line
  // Each row's episode and time, read once from the corpus-wide arrays: the window below reads each row thrice.
  const rowEpisode = new Uint32Array(rows);
  const rowTime = new Float64Array(rows);
  gatherRows(table.docs, around, rowEpisode, rowTime);
  addNearby(scores, mask, rowEpisode, rowTime, around, best);
  return scores;
}

// The loops below are functions of their own, with nothing after the loop but the return: see takeWeights in
// match-table.ts for why.

/** Fills each row's bits of the words it holds, and its own score (their weights). */
function ownScores(table: MatchTable, mask: Uint32Array, scores: Float32Array): void {
  const { docs, weights, slots } = table;
  for (let k = 0; k < docs.length; k++) {
    let bits = 0;
    let own = 0;
    for (let s = 0; s < slots; s++) {
      const w = weights[k * slots + s]!;
      if (w > 0) {
        bits |= 1 << s;
        own += w;
      }
    }
    mask[k] = bits;
    scores[k] = own;
  }
}

function gatherRows(docs: ArrayLike<number>, around: Neighbourhood, rowEpisode: Uint32Array, rowTime: Float64Array): void {
  const { episodeOf, times } = around;
  for (let k = 0; k < docs.length; k++) {
    rowEpisode[k] = episodeOf[docs[k]!]!;
    rowTime[k] = times[docs[k]!]!;
  }
}

/** Adds to each row's score the words said within the radius around it that it lacks itself. */
function addNearby(
  scores: Float32Array,
  mask: Uint32Array,
  rowEpisode: Uint32Array,
  rowTime: Float64Array,
  around: Neighbourhood,
  best: Float32Array,
): void {
  const { radius, nearby } = around;
  const rows = scores.length;
  const inWindow = new Int32Array(best.length);
  let windowBits = 0;
  let lo = 0;
  let hi = 0; // the window is rows lo..hi-1
  for (let k = 0; k < rows; k++) {
    const episode = rowEpisode[k]!;
    const t = rowTime[k]!;
    while (hi <= k || (hi < rows && rowEpisode[hi] === episode && rowTime[hi]! - t <= radius)) {
      for (let bits = mask[hi]!, s = 0; bits !== 0; bits >>>= 1, s++) if (bits & 1 && inWindow[s]!++ === 0) windowBits |= 1 << s;
      hi++;
    }
    while (lo < k && (rowEpisode[lo] !== episode || t - rowTime[lo]! > radius)) {
      for (let bits = mask[lo]!, s = 0; bits !== 0; bits >>>= 1, s++) if (bits & 1 && --inWindow[s]! === 0) windowBits &= ~(1 << s);
      lo++;
    }
    let missing = windowBits & ~mask[k]!;
    if (missing === 0) continue;
    let near = 0;
    for (let s = 0; missing !== 0; missing >>>= 1, s++) if (missing & 1) near += best[s]!;
    scores[k] = scores[k]! + nearby * near;
  }
}

/** Each query word's best weight on any line. */
export function slotMaxima(table: MatchTable): Float32Array {
  const { weights, slots } = table;
  const best = new Float32Array(slots);
  const rows = table.docs.length;
  for (let k = 0, i = 0; k < rows; k++) {
    for (let s = 0; s < slots; s++, i++) if (weights[i]! > best[s]!) best[s] = weights[i]!;
  }
  return best;
}

/** The most a moment can score: every word at its best weight anywhere. */
export function fullScore(best: Float32Array): number {
  return best.reduce((a, b) => a + b, 0);
}

/**
 * The rows a moment is made of: row k, and for each query word it lacks the nearest row within the radius
 * that says it. `complete` is whether they hold every query word between them.
 */
export function momentRows(table: MatchTable, k: number, around: Omit<Neighbourhood, 'nearby'>): { rows: number[]; complete: boolean } {
  const { docs, weights, slots } = table;
  const { episodeOf, times, radius } = around;
  const doc = docs[k]!;
  const rows = new Set([k]);
  let complete = true;
  for (let s = 0; s < slots; s++) {
    if (weights[k * slots + s]! > 0) continue;
    let nearest = -1;
    let distance = Infinity;
    for (const step of [-1, 1]) {
      for (let j = k + step; j >= 0 && j < docs.length; j += step) {
        const gap = Math.abs(times[docs[j]!]! - times[doc]!);
        if (episodeOf[docs[j]!] !== episodeOf[doc] || gap > radius || gap >= distance) break;
        if (weights[j * slots + s]! > 0) {
          nearest = j;
          distance = gap;
          break;
        }
      }
    }
    if (nearest < 0) complete = false;
    else rows.add(nearest);
  }
  return { rows: [...rows].sort((a, b) => a - b), complete };
}
