/**
 * Which lines hold a term, in three tiers by how many lines hold it: a bitset (one bit per line) for the
 * most frequent terms, a plain list of lines for the next most frequent, and FlexSearch's postings for the
 * long tail. The first two tiers take most (term, line) pairs off FlexSearch, whose per-pair work was most
 * of the index build and whose JSON export most of a warm start. Read-only once built.
 */
import { documentCount } from './corpus';
import type { RarePostings } from './rare-postings';
import type { SearchIndex } from './search-index';

export const wordsFor = (documents: number) => Math.ceil(documents / 32);

/** The middle tier as kept: term i's lines are `docs[offsets[i] … offsets[i + 1])`, ascending. */
export interface ListedLines {
  terms: string[];
  offsets: Uint32Array;
  docs: Uint32Array;
}

/** The packed form a map was unpacked from: keeping a finished index then packs nothing again. */
const packedFrom = new WeakMap<Map<string, ArrayLike<number>>, ListedLines>();

export function packListed(listed: Map<string, ArrayLike<number>>): ListedLines {
  const known = packedFrom.get(listed);
  if (known) return known;
  const terms = [...listed.keys()];
  const offsets = new Uint32Array(terms.length + 1);
  terms.forEach((term, i) => (offsets[i + 1] = offsets[i]! + listed.get(term)!.length));
  const docs = new Uint32Array(offsets[terms.length]!);
  terms.forEach((term, i) => docs.set(listed.get(term)!, offsets[i]));
  return { terms, offsets, docs };
}

export function unpackListed(lines: ListedLines): Map<string, Uint32Array> {
  const { terms, offsets, docs } = lines;
  const listed = new Map(terms.map((term, i) => [term, docs.subarray(offsets[i], offsets[i + 1])]));
  packedFrom.set(listed, lines);
  return listed;
}

export class Postings {
  private readonly commonIndex: Map<string, number>;
  private readonly rare: RarePostings;
  private readonly listed: Map<string, ArrayLike<number>>;
  private readonly commonBits: Uint32Array;
  private readonly documents: number;
  /** One common term's row length in `commonBits` (wider than `documents` needs while still indexing). */
  private readonly words: number;

  constructor(index: SearchIndex) {
    this.commonIndex = new Map(index.common.map((term, i) => [term, i]));
    this.rare = index.rare;
    this.listed = index.listed;
    this.commonBits = index.commonBits;
    this.documents = documentCount(index.corpus);
    this.words = index.commonWords;
  }

  /** The lines holding `term`, ascending. */
  linesOf(term: string): ArrayLike<number> {
    const bitset = this.commonIndex.get(term);
    if (bitset === undefined) return this.listed.get(term) ?? this.rare.linesOf(term, this.documents);
    return setBits(this.commonBits, bitset * this.words, this.words);
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

/** The positions of the bits set in `bits[from … from + words)`, ascending. */
export function setBits(bits: Uint32Array, from: number, words: number): Uint32Array {
  let count = 0;
  for (let w = 0; w < words; w++) count += popCount(bits[from + w]!);
  const lines = new Uint32Array(count);
  let k = 0;
  for (let w = 0; w < words; w++) {
    let x = bits[from + w]!;
    while (x !== 0) {
      const low = x & -x;
      lines[k++] = w * 32 + 31 - Math.clz32(low);
      x ^= low;
    }
  }
  return lines;
}

function popCount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
