/**
 * Which lines hold a term, in three tiers by how many lines hold it: a bitset (one bit per line) for the
 * most frequent terms, a plain list of lines for the next most frequent, and FlexSearch's postings for the
 * long tail. The first two tiers take most (term, line) pairs off FlexSearch, whose per-pair work was most
 * of the index build and whose JSON export most of a warm start. Read-only once built.
 */
import { documentCount } from './corpus';
import { DamagedIndexError, type RarePostings } from './rare-postings';
import type { SearchIndex } from './search-index';
import { setBits, setLineBits, wordsFor } from './line-bits';

/**
 * The common and middle tiers as kept: term i's lines, ascending, as gaps from the line before (from -1 for
 * the first) in LEB128 varints, `bytes[offsets[i] … offsets[i + 1])`. About a byte a line: at 1,000 episodes
 * the middle tier takes 2.9 MB instead of 7.5 MB as lines, the common one 3.3 MB (1 MB of it still bitsets,
 * see packCommon) instead of 9 MB as bitsets, and every warm start reads them back.
 */
export interface PackedLines {
  terms: string[];
  offsets: Uint32Array;
  bytes: Uint8Array;
}

/**
 * The middle tier in memory: a built index holds every term's lines in a Map, a restored one decodes each on
 * demand, and a snapshot taken while indexing looks each up as asked (ListedLinesBuilder.soFar).
 */
export type ListedTerms = Pick<Map<string, ArrayLike<number>>, 'get' | 'has'>;

export function packLines(listed: ListedTerms): PackedLines {
  if (listed instanceof KeptLines) return listed.packed;
  // A snapshot's look-up cannot list its terms: only a complete index is kept.
  if (!(listed instanceof Map)) throw new Error('only a complete index can be kept: this is a snapshot taken while indexing');
  const entries = [...listed];
  let room = 0;
  for (const [, lines] of entries) room += lines.length * 5; // a gap below 2^32 takes at most five bytes
  const bytes = new Uint8Array(room);
  const offsets = new Uint32Array(entries.length + 1);
  let at = 0;
  entries.forEach(([, lines], i) => {
    let before = -1;
    for (let k = 0; k < lines.length; k++) {
      let gap = lines[k]! - before;
      before = lines[k]!;
      while (gap >= 0x80) {
        bytes[at++] = (gap & 0x7f) | 0x80;
        gap = Math.floor(gap / 0x80);
      }
      bytes[at++] = gap;
    }
    offsets[i + 1] = at;
  });
  return { terms: entries.map(([term]) => term), offsets, bytes: bytes.slice(0, at) };
}

/**
 * A kept tier's lines, each term's decoded when a query first asks (a warm start decodes none). Bytes that do
 * not decode to ascending lines of this corpus throw DamagedIndexError, as damaged rare postings do.
 */
export class KeptLines implements ListedTerms {
  private readonly indexOf: Map<string, number>;
  private readonly decoded = new Map<string, Uint32Array>();

  constructor(
    readonly packed: PackedLines,
    private readonly documents: number,
  ) {
    this.indexOf = new Map(packed.terms.map((term, i) => [term, i]));
  }

  has(term: string): boolean {
    return this.indexOf.has(term);
  }

  get(term: string): Uint32Array | undefined {
    const i = this.indexOf.get(term);
    if (i === undefined) return undefined;
    let lines = this.decoded.get(term);
    if (!lines) this.decoded.set(term, (lines = this.decode(i)));
    return lines;
  }

  /** Term i's lines, decoded afresh (the common tier sets them as bits, and keeps no list). */
  decode(i: number): Uint32Array {
    const { bytes, offsets } = this.packed;
    const from = offsets[i]!;
    const to = offsets[i + 1]!;
    const lines = new Uint32Array(varintCount(bytes, from, to));
    if (decodeGaps(bytes, from, to, this.documents, lines) !== lines.length) {
      throw new DamagedIndexError(`the kept search index is damaged (the lines of "${this.packed.terms[i]}")`);
    }
    return lines;
  }
}

// The two loops of decode, each a function with nothing after it: see takeWeights in match-table.ts.

/** How many varints end in `bytes[from … to)`. */
function varintCount(bytes: Uint8Array, from: number, to: number): number {
  let count = 0;
  for (let b = from; b < to; b++) if (bytes[b]! < 0x80) count++;
  return count;
}

/**
 * Decodes gaps into ascending lines below `documents`; returns how many, or -1 when the bytes end inside a
 * varint. Stops at a zero gap or a line out of range, which the caller sees as a count short.
 */
function decodeGaps(bytes: Uint8Array, from: number, to: number, documents: number, into: Uint32Array): number {
  let line = -1;
  let gap = 0;
  let scale = 1;
  let k = 0;
  for (let b = from; b < to; b++) {
    const byte = bytes[b]!;
    gap += (byte & 0x7f) * scale;
    if (byte >= 0x80) {
      scale *= 0x80;
      continue;
    }
    line += gap;
    if (gap === 0 || line >= documents) break;
    into[k++] = line;
    gap = 0;
    scale = 1;
  }
  return scale === 1 ? k : -1;
}

/**
 * The common tier as kept. Its first rows (the most frequent terms, each on more than some 11% of all lines,
 * where a byte a line outweighs a bit a line) are smaller as bitsets, and slowest to decode as lines: they stay
 * bitsets, `dense` (rows of `wordsFor(documents)` words), their lines left empty. The other rows are lines.
 */
export interface KeptCommon {
  lines: PackedLines;
  dense: Uint32Array;
}

/** A row's lines cost about a byte each as varints (see PackedLines). */
const VARINT_BYTES_PER_LINE = 1.1;

/** The common tier's bitsets (rows of `words` 32-bit words) as kept, for `documents` lines. */
export function packCommon(common: string[], bits: Uint32Array, words: number, documents: number): KeptCommon {
  const stride = wordsFor(documents);
  const rows = common.map((_, i) => setBits(bits, i * words, words));
  let dense = 0;
  while (dense < rows.length && rows[dense]!.length * VARINT_BYTES_PER_LINE > stride * 4) dense++;
  const denseBits = new Uint32Array(dense * stride);
  for (let i = 0; i < dense; i++) denseBits.set(bits.subarray(i * words, i * words + stride), i * stride);
  const lines = packLines(new Map(common.map((term, i) => [term, i < dense ? [] : rows[i]!])));
  return { lines, dense: denseBits };
}

/** A restored common tier: its dense rows in place, the others zeros until filled from their lines (see Postings). */
export interface CommonPending {
  lines: KeptLines;
  /** Rows before this one are the dense rows, already in place. */
  denseRows: number;
}

/** The common tier of a kept index: bitsets with its dense rows copied in, the rest filled when first asked for. */
export function unpackCommon(kept: KeptCommon, documents: number): { bits: Uint32Array; words: number; pending: CommonPending } {
  const words = wordsFor(documents);
  const bits = new Uint32Array(kept.lines.terms.length * words);
  bits.set(kept.dense);
  return { bits, words, pending: { lines: new KeptLines(kept.lines, documents), denseRows: kept.dense.length / words } };
}

export class Postings {
  private readonly commonIndex: Map<string, number>;
  /** A restored index's common rows still to fill from its kept lines (see unpackCommon), and which are filled. */
  private readonly pending: CommonPending | null;
  private readonly filled: Uint8Array | null;
  /** Rows before this one are filled (fillWaiting). */
  private nextWaiting = 0;
  private readonly rare: RarePostings;
  private readonly listed: ListedTerms;
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
    this.pending = index.commonPending ?? null;
    this.filled = this.pending && new Uint8Array(index.common.length).fill(1, 0, this.pending.denseRows);
  }

  /** Where common term `i`'s row starts in `commonBits`, filled. */
  private row(i: number): number {
    const from = i * this.words;
    if (this.filled && !this.filled[i]) {
      setLineBits(this.commonBits, from, this.pending!.lines.decode(i));
      this.filled[i] = 1;
    }
    return from;
  }

  /**
   * Fills the common rows no query has asked for yet, for about `budgetMs`; true when none is left. An idle
   * worker does this, so that a first query with common words need not (up to ~1 ms a row at 1,000 episodes).
   */
  fillWaiting(budgetMs: number): boolean {
    if (!this.filled) return true;
    const until = performance.now() + budgetMs;
    while (this.nextWaiting < this.filled.length) {
      this.row(this.nextWaiting++);
      if (performance.now() >= until) break;
    }
    return this.nextWaiting === this.filled.length;
  }

  /**
   * The lines holding `term`, ascending. Always a Uint32Array: the loops that walk them (match-table.ts) then
   * meet one kind of list, and V8's compiled loop is not thrown away when a term of another tier comes.
   */
  linesOf(term: string): Uint32Array {
    const bitset = this.commonIndex.get(term);
    if (bitset !== undefined) return setBits(this.commonBits, this.row(bitset), this.words);
    const listed = this.listed.get(term);
    if (listed) return listed instanceof Uint32Array ? listed : Uint32Array.from(listed);
    return Uint32Array.from(this.rare.linesOf(term, this.documents));
  }

  /** For a frequent term, a test of one line (cheaper than walking its many lines); null for the others. */
  lineTest(term: string): ((doc: number) => boolean) | null {
    const bitset = this.commonIndex.get(term);
    if (bitset === undefined) return null;
    const from = this.row(bitset);
    const bits = this.commonBits;
    return (doc) => ((bits[from + (doc >>> 5)]! >>> (doc & 31)) & 1) === 1;
  }
}
