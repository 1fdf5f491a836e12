/**
 * Which lines hold a term: FlexSearch's postings for most terms, and for the most frequent ones a bitset
 * (one bit per line), which halves FlexSearch's work. Read-only once built.
 */
import type { Index } from 'flexsearch';

export const wordsFor = (documents: number) => Math.ceil(documents / 32);

export class Postings {
  private readonly commonIndex: Map<string, number>;

  constructor(
    private readonly index: Index,
    common: string[],
    private readonly commonBits: Uint32Array,
    private readonly documents: number,
    /** One common term's row length in `commonBits` (wider than `documents` needs while still indexing). */
    private readonly words = wordsFor(documents),
  ) {
    this.commonIndex = new Map(common.map((term, i) => [term, i]));
  }

  forEachLine(term: string, visit: (doc: number) => void): void {
    const bitset = this.commonIndex.get(term);
    if (bitset !== undefined) {
      forEachBit(this.commonBits, bitset * this.words, this.words, visit);
      return;
    }
    const ids = this.index.search(term, { limit: this.documents }) as number[];
    for (let k = 0; k < ids.length; k++) visit(ids[k]!);
  }

  /** For a frequent term, a test of one line (cheaper than walking its many lines); null for the others. */
  lineTest(term: string): ((doc: number) => boolean) | null {
    const bitset = this.commonIndex.get(term);
    if (bitset === undefined) return null;
    const from = bitset * this.words;
    const bits = this.commonBits;
    return (doc) => ((bits[from + (doc >>> 5)]! >>> (doc & 31)) & 1) === 1;
  }
}

function forEachBit(bits: Uint32Array, from: number, words: number, visit: (doc: number) => void): void {
  for (let w = 0; w < words; w++) {
    let x = bits[from + w]!;
    while (x !== 0) {
      const low = x & -x;
      visit(w * 32 + 31 - Math.clz32(low));
      x ^= low;
    }
  }
}
