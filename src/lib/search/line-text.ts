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
 * This module reads both forms; line-coder.ts writes the coded one.
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

/** The code of a word written in full (its length and bytes follow); word w's code is w + FIRST_WORD. */
export const LITERAL = 1;
export const FIRST_WORD = 2;
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

/** A copy of `bytes` with room for at least `size` bytes, of which the first `kept` are copied. */
export function grown(bytes: Uint8Array, size: number, kept: number): Uint8Array<ArrayBuffer> {
  const next = new Uint8Array(Math.max(size, bytes.length * 2));
  next.set(bytes.subarray(0, kept));
  return next;
}
