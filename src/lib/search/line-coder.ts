/** Codes a built corpus's text (see line-text.ts for the form), in steps that an idle worker can take. */
import { FIRST_WORD, grown, LITERAL, lineCount, lineLengths, type CodedLines, type Utf8Lines } from './line-text';

/** Longer words are always written in full: they are URLs and the like, said once. */
const MAX_WORD_BYTES = 64;

/** Letters, digits, `'`, `_` and every byte of a non-ASCII character. */
const IS_WORD_BYTE = new Uint8Array(256).map((_, b) => Number(b >= 0x80 || /[A-Za-z0-9'_]/.test(String.fromCharCode(b))));

/**
 * Codes a built corpus's text in steps (`step` does about `budgetMs` of work and says whether it is done), so
 * an idle worker can do it between keystrokes: two passes, one counting each word, one writing the codes.
 */
export class LineCoder {
  private readonly table = new WordTable();
  private counting = true;
  private line = 0;
  private codes: Uint8Array;
  private written = 0;
  private readonly offsets: Uint32Array;
  /** Per word of the table: its code, or 0 when it is written in full. */
  private codeOf = new Uint32Array(0);
  private coded: CodedLines | null = null;

  constructor(private readonly text: Utf8Lines) {
    this.offsets = new Uint32Array(text.offsets.length);
    this.codes = new Uint8Array(Math.max(1024, text.bytes.length >> 2));
  }

  /** The whole text at once (Node and tests). */
  static code(text: Utf8Lines): CodedLines {
    const coder = new LineCoder(text);
    while (!coder.step(Infinity));
    return coder.result;
  }

  get result(): CodedLines {
    if (!this.coded) throw new Error('the text is not coded yet');
    return this.coded;
  }

  step(budgetMs: number): boolean {
    if (this.coded) return true;
    const until = performance.now() + budgetMs;
    const lines = lineCount(this.text);
    while (this.line < lines) {
      const last = Math.min(lines, this.line + 512);
      for (; this.line < last; this.line++) {
        if (this.counting) this.count(this.line);
        else this.write(this.line);
      }
      if (performance.now() >= until) return false;
    }
    if (this.counting) {
      this.counting = false;
      this.line = 0;
      this.numberWords();
      return false;
    }
    this.offsets[lines] = this.written;
    const { words, wordOffsets } = this.table.wordsInOrder(this.text.bytes, this.codeOf);
    this.coded = {
      kind: 'coded',
      codes: this.codes.slice(0, this.written),
      offsets: this.offsets,
      lengths: lineLengths(this.text),
      words,
      wordOffsets,
    };
    return true;
  }

  private count(line: number): void {
    const { bytes, offsets } = this.text;
    forEachWord(bytes, offsets[line]!, offsets[line + 1]!, (from, to) => {
      if (to - from <= MAX_WORD_BYTES) this.table.add(bytes, from, to);
    });
  }

  /** Words said more than once get codes, the most frequent the shortest. */
  private numberWords(): void {
    const { counts, size } = this.table;
    const byCount = Array.from({ length: size }, (_, i) => i).filter((i) => counts[i]! > 1);
    byCount.sort((a, b) => counts[b]! - counts[a]! || a - b);
    this.codeOf = new Uint32Array(size);
    byCount.forEach((word, rank) => (this.codeOf[word] = rank + FIRST_WORD));
  }

  private write(line: number): void {
    const { bytes, offsets } = this.text;
    this.offsets[line] = this.written;
    forEachWord(bytes, offsets[line]!, offsets[line + 1]!, (from, to) => {
      const word = to - from <= MAX_WORD_BYTES ? this.table.find(bytes, from, to) : -1;
      const code = word >= 0 ? this.codeOf[word]! : 0;
      this.reserve(code ? 5 : 10 + to - from);
      if (code) this.varint(code);
      else {
        this.varint(LITERAL);
        this.varint(to - from);
        this.codes.set(bytes.subarray(from, to), this.written);
        this.written += to - from;
      }
    });
  }

  private varint(value: number): void {
    while (value >= 0x80) {
      this.codes[this.written++] = (value & 0x7f) | 0x80;
      value = Math.floor(value / 0x80);
    }
    this.codes[this.written++] = value;
  }

  private reserve(bytes: number): void {
    if (this.written + bytes > this.codes.length) this.codes = grown(this.codes, this.written + bytes, this.written);
  }
}

/** Calls `visit(from, to)` for each word of `bytes[from … to)` in order: they cover it exactly. */
function forEachWord(bytes: Uint8Array, from: number, to: number, visit: (from: number, to: number) => void): void {
  let start = from;
  let at = from;
  while (at < to) {
    while (at < to && IS_WORD_BYTE[bytes[at]!]) at++;
    while (at < to && !IS_WORD_BYTE[bytes[at]!]) at++;
    visit(start, at);
    start = at;
  }
}

/**
 * The distinct words of a text, each by where it was first seen, in an open-addressed hash table: a Map keyed
 * by strings would decode every word of the corpus first.
 */
class WordTable {
  size = 0;
  counts = new Uint32Array(1024);
  private starts = new Uint32Array(1024);
  private ends = new Uint32Array(1024);
  private hashes = new Uint32Array(1024);
  /** 1 + word, by hash; kept under half full. */
  private slots = new Int32Array(4096);

  add(bytes: Uint8Array, from: number, to: number): void {
    const hash = hashOf(bytes, from, to);
    const slot = this.slotOf(bytes, from, to, hash);
    const found = this.slots[slot]!;
    if (found) {
      this.counts[found - 1]!++;
      return;
    }
    if (this.size === this.counts.length) this.growWords();
    const word = this.size++;
    this.starts[word] = from;
    this.ends[word] = to;
    this.hashes[word] = hash;
    this.counts[word] = 1;
    this.slots[slot] = word + 1;
    if (this.size * 2 > this.slots.length) this.growSlots();
  }

  /** The word `bytes[from … to)` is, or -1. */
  find(bytes: Uint8Array, from: number, to: number): number {
    return this.slots[this.slotOf(bytes, from, to, hashOf(bytes, from, to))]! - 1;
  }

  /** The words with codes, in code order, as one table of UTF-8. */
  wordsInOrder(bytes: Uint8Array, codeOf: Uint32Array): { words: Uint8Array; wordOffsets: Uint32Array } {
    const order: number[] = [];
    for (let word = 0; word < this.size; word++) if (codeOf[word]) order[codeOf[word]! - FIRST_WORD] = word;
    const wordOffsets = new Uint32Array(order.length + 1);
    order.forEach((word, i) => (wordOffsets[i + 1] = wordOffsets[i]! + this.ends[word]! - this.starts[word]!));
    const words = new Uint8Array(wordOffsets[order.length]!);
    order.forEach((word, i) => words.set(bytes.subarray(this.starts[word], this.ends[word]), wordOffsets[i]));
    return { words, wordOffsets };
  }

  private slotOf(bytes: Uint8Array, from: number, to: number, hash: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const found = this.slots[slot]!;
      if (found === 0) return slot;
      const word = found - 1;
      if (this.hashes[word] === hash && sameBytes(bytes, this.starts[word]!, this.ends[word]!, from, to)) return slot;
    }
  }

  private growWords(): void {
    const size = this.counts.length * 2;
    const widen = (from: Uint32Array) => {
      const next = new Uint32Array(size);
      next.set(from);
      return next;
    };
    this.counts = widen(this.counts);
    this.starts = widen(this.starts);
    this.ends = widen(this.ends);
    this.hashes = widen(this.hashes);
  }

  private growSlots(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    const mask = this.slots.length - 1;
    for (let word = 0; word < this.size; word++) {
      let slot = this.hashes[word]! & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = word + 1;
    }
  }
}

/** FNV-1a. */
function hashOf(bytes: Uint8Array, from: number, to: number): number {
  let hash = 0x811c9dc5;
  for (let b = from; b < to; b++) hash = Math.imul(hash ^ bytes[b]!, 0x01000193);
  return hash >>> 0;
}

function sameBytes(bytes: Uint8Array, aFrom: number, aTo: number, bFrom: number, bTo: number): boolean {
  if (aTo - aFrom !== bTo - bFrom) return false;
  for (let i = 0; i < aTo - aFrom; i++) if (bytes[aFrom + i] !== bytes[bFrom + i]) return false;
  return true;
}
