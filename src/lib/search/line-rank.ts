/**
 * Ordering the lines shown for a query, one scorer per rule: a line's moment score, a bonus for a line that
 * holds every word itself (what a listener remembers), a mild preference for shorter lines, and a boost
 * for query words side by side in the order typed. Pure, so each rule can be tested alone.
 */
import type { MatchTable } from './moments';
import { termsOf } from './normalize';

/** A line holding every query word itself counts this much more than a moment pieced from neighbours. */
const WHOLE_LINE_BONUS = 1.5;
/** Each pair of query words said side by side, in order, adds this share. */
const ADJACENT_PAIR_BOOST = 0.2;
/** Only this many of the best lines are checked for adjacent words: it reads their text. */
const PROXIMITY_CANDIDATES = 300;
/** Lines past this many are counted but never shown, so only this many need sorting. */
export const SORTED_LINES = 2000;

export interface LineFacts {
  lengths: ArrayLike<number>;
  averageLength: number;
  textOf(doc: number): string;
}

/** Whether table row k holds every query word itself. */
export function isWholeLine(table: MatchTable, k: number): boolean {
  for (let s = 0; s < table.slots; s++) if (!(table.weights[k * table.slots + s]! > 0)) return false;
  return true;
}

/** Whether table row k itself holds two query words typed one after the other. */
export function holdsNeighbouringWords(table: MatchTable, k: number): boolean {
  const { slots, weights } = table;
  for (let s = 0; s + 1 < slots; s++) if (weights[k * slots + s]! > 0 && weights[k * slots + s + 1]! > 0) return true;
  return false;
}

/** Longer lines hold more words by chance: divide by this (1 at the mean length, gently growing). */
export function lengthNorm(length: number, averageLength: number): number {
  return Math.sqrt(0.75 + (0.25 * length) / averageLength);
}

/** How many consecutive query-word pairs the line says side by side, in order (the last word as a prefix). */
export function adjacentPairs(lineTerms: string[], queryTerms: string[]): number {
  let pairs = 0;
  for (let i = 0; i + 1 < queryTerms.length; i++) {
    for (let p = 0; p + 1 < lineTerms.length; p++) {
      if (lineTerms[p] === queryTerms[i] && lineTerms[p + 1]!.startsWith(queryTerms[i + 1]!)) {
        pairs++;
        break;
      }
    }
  }
  return pairs;
}

/** Whether the text says each phrase, its words in order. */
export function hasPhrases(text: string, phrases: string[][]): boolean {
  const joined = ` ${termsOf(text).join(' ')} `;
  return phrases.every((phrase) => joined.includes(` ${phrase.join(' ')} `));
}

/** Score of each shown row; sorts `shown` best first (fully up to SORTED_LINES). */
export function rankLines(
  table: MatchTable,
  moments: ArrayLike<number>,
  shown: number[],
  queryTerms: string[],
  lines: LineFacts,
): Float32Array {
  const score = new Float32Array(table.docs.length);
  scoreShown(table, moments, shown, lines, score);
  sortBest(shown, score);
  if (queryTerms.length < 2) return score;
  const head = shown.slice(0, PROXIMITY_CANDIDATES);
  for (const k of head) {
    // Reading the text is the cost: a line cannot say two words side by side unless it holds both.
    if (!holdsNeighbouringWords(table, k)) continue;
    score[k] = score[k]! * (1 + ADJACENT_PAIR_BOOST * adjacentPairs(termsOf(lines.textOf(table.docs[k]!)), queryTerms));
  }
  head.sort(bestFirst(score));
  shown.splice(0, head.length, ...head);
  return score;
}

/**
 * Orders rows best first by `score`, then by row. It returns only -1, 1 or a difference of rows (whole numbers):
 * the difference of two scores, a fraction, was a new heap number on each of the sort's calls.
 */
export function bestFirst(score: ArrayLike<number>): (a: number, b: number) => number {
  return (a, b) => (score[b]! > score[a]! ? 1 : score[b]! < score[a]! ? -1 : a - b);
}

/** The `rank`th highest of the rows' scores. */
function scoreAtRank(rows: number[], score: Float32Array, rank: number): number {
  const scores = new Float32Array(rows.length);
  for (let i = 0; i < rows.length; i++) scores[i] = score[rows[i]!]!; // a loop: a mapping function boxed each score
  return scores.sort()[scores.length - rank]!; // native numeric sort: fast
}

/** Each shown row's score before proximity. A loop of its own, with nothing after it: see takeWeights in match-table.ts. */
function scoreShown(table: MatchTable, moments: ArrayLike<number>, shown: number[], lines: LineFacts, score: Float32Array): void {
  for (const k of shown) {
    const bonus = isWholeLine(table, k) ? WHOLE_LINE_BONUS : 1;
    score[k] = (moments[k]! * bonus) / lengthNorm(lines.lengths[table.docs[k]!]!, lines.averageLength);
  }
}

/**
 * Orders `rows` best first by `score`, fully up to SORTED_LINES; the rest follow in no order. A common
 * word can make tens of thousands of lines match, and a full sort of those was most of a keystroke's time.
 */
export function sortBest(rows: number[], score: Float32Array): void {
  const byScore = bestFirst(score);
  if (rows.length <= SORTED_LINES) {
    rows.sort(byScore);
    return;
  }
  const threshold = scoreAtRank(rows, score, SORTED_LINES);
  const head = rows.filter((k) => score[k]! >= threshold).sort(byScore);
  const tail = rows.filter((k) => score[k]! < threshold);
  // Copied back one by one: spreading tens of thousands of arguments can overflow the stack.
  head.forEach((k, i) => (rows[i] = k));
  tail.forEach((k, i) => (rows[head.length + i] = k));
}
