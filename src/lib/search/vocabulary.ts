/** The index's terms with their document frequency: the source of prefix, typo and "did you mean" expansions. */
import { lowerBound } from '../lower-bound';
import { SoundIndex } from './sounds-like';

export const MIN_TYPO_LENGTH = 5;
const MAX_PREFIX_EXPANSIONS = 64;
const MAX_SOUNDALIKES = 6;

/** A vocabulary as kept: terms, their frequencies and their sound keys (SoundIndex.pack). */
export interface PackedVocabulary {
  /** The terms, sorted, one per line. */
  terms: string;
  df: Uint32Array;
  sounds: string;
}

export class Vocabulary {
  /** The terms, sorted (in code-unit order, as `<` compares), and each one's frequency at the same index. */
  private readonly sorted: readonly string[];
  private readonly counts: Uint32Array;
  /** Terms by length, for typo look-ups: made when one first needs it (see `prepareSounds`). */
  private lengthIndex: Map<number, string[]> | null = null;
  private readonly masks = new Map<number, Int32Array>();
  private readonly sounds: SoundIndex;

  private constructor(sorted: readonly string[], counts: Uint32Array, sounds: boolean | string) {
    this.sorted = sorted;
    this.counts = counts;
    this.sounds = typeof sounds === 'string' ? SoundIndex.unpack(sorted, sounds) : new SoundIndex(sounds ? sorted : []);
  }

  /**
   * The vocabulary of `sorted` terms (in code-unit order, as `<` compares, each once), with each one's frequency
   * at its index. `sounds`: false for one that is about to grow (searching while indexing), which gets no
   * sound-alikes.
   */
  static fromSorted(sorted: readonly string[], counts: Uint32Array, sounds = true): Vocabulary {
    return new Vocabulary(sorted, counts, sounds);
  }

  /** Terms, frequencies and sound keys in flat values, cheap to keep in IndexedDB and to read back. */
  pack(): PackedVocabulary {
    return { terms: this.sorted.join('\n'), df: this.counts, sounds: this.sounds.pack() };
  }

  /**
   * The vocabulary a kept index holds; null when its terms are not in strictly ascending order (damaged
   * storage), which the look-ups below rely on.
   */
  static unpack(packed: PackedVocabulary): Vocabulary | null {
    const sorted = packed.terms === '' ? [] : packed.terms.split('\n');
    if (sorted.length !== packed.df.length || !strictlyAscending(sorted)) return null;
    // The sound keys as kept (SoundIndex.pack): looked up where they lie.
    return new Vocabulary(sorted, packed.df, packed.sounds);
  }

  /** Where `term` is in `sorted`; -1 when it is not a term. */
  private indexOf(term: string): number {
    const i = lowerBound(this.sorted.length, (k) => this.sorted[k]! < term);
    return this.sorted[i] === term ? i : -1;
  }

  private get byLength(): Map<number, string[]> {
    if (this.lengthIndex) return this.lengthIndex;
    const byLength = (this.lengthIndex = new Map<number, string[]>());
    for (const term of this.sorted) {
      const bucket = byLength.get(term.length);
      if (bucket) bucket.push(term);
      else byLength.set(term.length, [term]);
    }
    return byLength;
  }

  get size(): number {
    return this.sorted.length;
  }

  frequency(term: string): number {
    const i = this.indexOf(term);
    return i < 0 ? 0 : this.counts[i]!;
  }

  has(term: string): boolean {
    return this.indexOf(term) >= 0;
  }

  /** Terms that start with `prefix` (the term itself excluded), most frequent first. */
  withPrefix(prefix: string): string[] {
    const lo = lowerBound(this.sorted.length, (i) => this.sorted[i]! < prefix);
    const found: number[] = [];
    for (let i = lo; i < this.sorted.length && this.sorted[i]!.startsWith(prefix); i++) {
      if (this.sorted[i] !== prefix) found.push(i);
    }
    // Stable: equally frequent terms stay in term order.
    found.sort((a, b) => this.counts[b]! - this.counts[a]!);
    return found.slice(0, MAX_PREFIX_EXPANSIONS).map((i) => this.sorted[i]!);
  }

  /** Terms one edit away (insert, delete, substitute, or swap two neighbours). */
  withinOneEdit(term: string): string[] {
    const found: string[] = [];
    const mask = letterMask(term);
    for (let len = term.length - 1; len <= term.length + 1; len++) {
      const bucket = this.byLength.get(len);
      if (!bucket) continue;
      addOneEditApart(term, mask, bucket, this.masksOf(len, bucket), found);
    }
    return found;
  }

  /** The letter masks of one length's terms, made when a typo of about that length is first looked up. */
  private masksOf(length: number, bucket: string[]): Int32Array {
    let masks = this.masks.get(length);
    if (!masks) this.masks.set(length, (masks = Int32Array.from(bucket, letterMask)));
    return masks;
  }

  /** Terms that sound like `term`, nearest in spelling first (`pyjion` → `pigeon`, `pidgin`). */
  soundsLike(term: string): string[] {
    // Garbage (`zzqxj`) can share a sound key with a real word; a name misheard is still spelt half alike.
    const maxDistance = Math.floor(term.length / 2);
    const scored = this.sounds
      .lookup(term)
      .map((other) => ({ term: other, d: editDistance(term, other, maxDistance) }))
      .filter((s) => s.d <= maxDistance);
    scored.sort((a, b) => a.d - b.d || this.frequency(b.term) - this.frequency(a.term));
    return scored.slice(0, MAX_SOUNDALIKES).map((s) => s.term);
  }

  /** Prepares typo and `soundsLike` look-ups for about `budgetMs`, so no keystroke waits for them; true when done. */
  prepareSounds(budgetMs: number): boolean {
    void this.byLength;
    return this.sounds.prepare(budgetMs);
  }

  /** Closest known terms for "did you mean", nearest then most frequent. */
  closest(term: string, limit: number): string[] {
    const maxDistance = term.length >= 8 ? 3 : 2;
    const scored: { term: string; d: number }[] = [];
    for (let len = term.length - maxDistance; len <= term.length + maxDistance; len++) {
      for (const candidate of this.byLength.get(len) ?? []) {
        // "Did you mean" words start like the word typed: a cheap test that skips most of the vocabulary.
        if (candidate[0] !== term[0] && candidate[1] !== term[1]) continue;
        const d = editDistance(term, candidate, maxDistance);
        if (d <= maxDistance) scored.push({ term: candidate, d });
      }
    }
    scored.sort((a, b) => a.d - b.d || this.frequency(b.term) - this.frequency(a.term));
    return scored.slice(0, limit).map((s) => s.term);
  }
}

/** Optimal-string-alignment distance, giving up (returning max + 1) once it must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prevPrev[j - 2]! + 1);
      row.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** Which characters a term holds, one bit per character code modulo 31 (a–z each have their own). */
export function letterMask(term: string): number {
  let mask = 0;
  for (let i = 0; i < term.length; i++) mask |= 1 << (term.charCodeAt(i) % 31);
  return mask;
}

/** True when a and b differ by exactly one insert, delete, substitution or neighbour swap. Allocation-free. */
export function oneEditApart(a: string, b: string): boolean {
  if (a.length < b.length) [a, b] = [b, a];
  const la = a.length;
  const lb = b.length;
  if (la - lb > 1) return false;
  let i = 0;
  while (i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === lb) return la !== lb; // equal, or a has one extra trailing letter
  if (la === lb) {
    // substitution: the rest matches after i; or a swap of neighbours
    if (sameFrom(a, i + 1, b, i + 1)) return true;
    return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && sameFrom(a, i + 2, b, i + 2);
  }
  // deletion from a
  return sameFrom(a, i + 1, b, i);
}

/** Whether a from `i` and b from `j` are the same to their ends (no substrings made: this runs per vocabulary term). */
function sameFrom(a: string, i: number, b: string, j: number): boolean {
  if (a.length - i !== b.length - j) return false;
  for (; i < a.length; i++, j++) if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
  return true;
}

/**
 * Adds to `found` the terms of one length's bucket one edit from `term`. A loop of its own: as an inner loop of
 * withinOneEdit, V8's compiled loop was left and thrown away at the end of each bucket (see takeWeights in
 * match-table.ts).
 */
function addOneEditApart(term: string, mask: number, bucket: string[], masks: Int32Array, found: string[]): void {
  for (let i = 0; i < bucket.length; i++) {
    // One edit changes which letters a word has by at most two: a test of two integers skips most terms.
    let differ = mask ^ masks[i]!;
    differ &= differ - 1;
    differ &= differ - 1;
    if (differ !== 0) continue;
    const candidate = bucket[i]!;
    if (candidate !== term && oneEditApart(term, candidate)) found.push(candidate);
  }
}

/** Whether each term sorts after the one before. A loop of its own: see takeWeights in match-table.ts. */
function strictlyAscending(terms: string[]): boolean {
  for (let i = 1; i < terms.length; i++) if (!(terms[i - 1]! < terms[i]!)) return false;
  return true;
}
