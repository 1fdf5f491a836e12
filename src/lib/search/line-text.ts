/**
 * Every line's text, in one of two forms. As built: UTF-8 bytes with offsets. As kept: each line as codes
 * into a table of the corpus's words, a third of the bytes.
 *
 * At 1,000 episodes the text was 30.8 of the 48 MB that every warm start reads back from IndexedDB, at some
 * 270 MB/s here. A search reads only the lines it shows or ranks closely, so a kept line is decoded when it is
 * asked for, and never all at once.
 *
 * A word here is a run of letters, digits, `'`, `_` and non-ASCII bytes, with the spaces and punctuation
 * after it ("Python, "). Word w is written as the varint w + 2. A word said once is written in full: the
 * varint 1, its length, its bytes. No code holds a zero byte, so zeroed storage shows (kept-check.ts).
 */
import { DamagedIndexError } from './rare-postings';

/** Line d is the UTF-8 `bytes[offsets[d] … offsets[d + 1])`. */
export interface Utf8Lines {
  kind: 'utf8';
  bytes: Uint8Array;
  offsets: Uint32Array;
}

/** Line d is the codes `codes[offsets[d] … offsets[d + 1])`; word w is `words[wordOffsets[w] … wordOffsets[w + 1])`. */
export interface CodedLines {
  kind: 'coded';
  codes: Uint8Array;
  offsets: Uint32Array;
  /** Each line's length in UTF-8 bytes, at most 65535: ranking weighs lines by it without decoding them. */
  lengths: Uint16Array;
  words: Uint8Array;
  wordOffsets: Uint32Array;
}

export type LineText = Utf8Lines | CodedLines;

const LITERAL = 1;
const FIRST_WORD = 2;
/** Longer words are always written in full: they are URLs and the like, said once. */
const MAX_WORD_BYTES = 64;
export const MAX_LENGTH = 0xffff;

const utf8 = new TextDecoder();
/** Where a coded line is put together before it is decoded: grown to the longest line asked for. */
let scratch = new Uint8Array(1024);

export function lineCount(text: LineText): number {
  return text.offsets.length - 1;
}

export function lineText(text: LineText, doc: number): string {
  if (text.kind === 'utf8') return utf8.decode(text.bytes.subarray(text.offsets[doc], text.offsets[doc + 1]));
  const { codes, offsets, words, wordOffsets } = text;
  const end = offsets[doc + 1]!;
  const wordCount = wordOffsets.length - 1;
  const length = text.lengths[doc]!;
  if (length > scratch.length) scratch = new Uint8Array(length);
  let out = 0;
  let at = offsets[doc]!;
  while (at < end) {
    let code = codes[at++]!;
    if (code >= 0x80) {
      // Two bytes for most words past the 126 commonest: read here, the rest by varintAt.
      const next = at < end ? codes[at]! : 0x80;
      if (next < 0x80) {
        code = (code & 0x7f) | (next << 7);
        at++;
      } else [code, at] = varintAt(codes, at, end, code, doc);
    }
    if (code === LITERAL) {
      let bytes = at < end ? codes[at++]! : 0;
      if (bytes >= 0x80) [bytes, at] = varintAt(codes, at, end, bytes, doc);
      if (bytes === 0 || at + bytes > end) damaged(doc);
      out = copied(codes, at, at + bytes, out);
      at += bytes;
    } else {
      const word = code - FIRST_WORD;
      if (word < 0 || word >= wordCount) damaged(doc);
      out = copied(words, wordOffsets[word]!, wordOffsets[word + 1]!, out);
    }
  }
  if (out !== length && !(out > MAX_LENGTH && length === MAX_LENGTH)) damaged(doc);
  return utf8.decode(scratch.subarray(0, out));
}

/** The rest of a varint whose first byte, `first`, said more follow; and where it ends. */
function varintAt(codes: Uint8Array, at: number, end: number, first: number, doc: number): [number, number] {
  let value = first & 0x7f;
  for (let scale = 0x80; ; scale *= 0x80) {
    if (at >= end) damaged(doc);
    const byte = codes[at++]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return [value, at];
  }
}

/** `source[from … to)` appended to the scratch at `out`; where it now ends. */
function copied(source: Uint8Array, from: number, to: number, out: number): number {
  if (out + to - from > scratch.length) scratch = grown(scratch, out + to - from, out);
  const into = scratch;
  for (let b = from; b < to; b++) into[out++] = source[b]!;
  return out;
}

/** Each line's length in UTF-8 bytes, at most 65535. */
export function lineLengths(text: LineText): Uint16Array {
  if (text.kind === 'coded') return text.lengths;
  const { offsets } = text;
  const lengths = new Uint16Array(offsets.length - 1);
  for (let d = 0; d < lengths.length; d++) lengths[d] = Math.min(MAX_LENGTH, offsets[d + 1]! - offsets[d]!);
  return lengths;
}

function damaged(doc: number): never {
  throw new DamagedIndexError(`the kept search index is damaged (the text of line ${doc})`);
}

function grown(bytes: Uint8Array, size: number, kept: number): Uint8Array<ArrayBuffer> {
  const next = new Uint8Array(Math.max(size, bytes.length * 2));
  next.set(bytes.subarray(0, kept));
  return next;
}

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
