import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LineCoder } from '../../src/lib/search/line-coder';
import { lineLengths, lineText, type CodedLines, type Utf8Lines } from '../../src/lib/search/line-text';
import { DamagedIndexError } from '../../src/lib/search/rare-postings';
import { ingestFolder } from '../../src/node/transcripts-folder';

function utf8Lines(texts: string[]): Utf8Lines {
  const encoded = texts.map((t) => new TextEncoder().encode(t));
  const offsets = new Uint32Array(texts.length + 1);
  encoded.forEach((e, i) => (offsets[i + 1] = offsets[i]! + e.length));
  const bytes = new Uint8Array(offsets[texts.length]!);
  encoded.forEach((e, i) => bytes.set(e, offsets[i]));
  return { kind: 'utf8', bytes, offsets };
}

const every = (text: Utf8Lines | CodedLines) => Array.from({ length: text.offsets.length - 1 }, (_, d) => lineText(text, d));

const TEXTS = [
  'plain ascii, and plain ascii again.',
  'café crème — café',
  '🎉 emoji 🐍 pair 🐍',
  '中文 text 中文',
  'مرحبا مرحبا',
  '',
  '   leading spaces, "quotes"... and (brackets)!',
  `a long word: ${'x'.repeat(200)} and ${'x'.repeat(200)}`,
  "it's don't won't it's",
  'https://example.org/a/b?c=d https://example.org/a/b?c=d',
  '...',
  'plain ascii',
];

describe('line text coded for keeping', () => {
  const plain = utf8Lines(TEXTS);
  const coded = LineCoder.code(plain);

  it('gives back every line exactly, whatever its characters', () => {
    expect(every(coded)).toEqual(TEXTS);
    expect(every(plain)).toEqual(TEXTS);
  });

  it('keeps each line’s UTF-8 length, for ranking without decoding', () => {
    expect(Array.from(coded.lengths)).toEqual(TEXTS.map((t) => new TextEncoder().encode(t).length));
    expect(lineLengths(coded)).toBe(coded.lengths);
    expect(Array.from(lineLengths(plain))).toEqual(Array.from(coded.lengths));
  });

  it('writes no zero byte, so zeroed storage can be told from codes', () => {
    expect(coded.codes.includes(0)).toBe(false);
    expect(coded.words.includes(0)).toBe(false);
  });

  it('codes the same in many small steps as at once', () => {
    const coder = new LineCoder(plain);
    let steps = 0;
    while (!coder.step(0)) steps++;
    expect(steps).toBeGreaterThan(1);
    expect(coder.result).toEqual(coded);
  });

  it('says a line whose codes are damaged is damaged, rather than giving other text', () => {
    const harmed = (harm: (c: CodedLines) => void) => {
      const copy = { ...coded, codes: coded.codes.slice(), lengths: coded.lengths.slice() };
      harm(copy);
      return () => lineText(copy, 0);
    };
    const start = coded.offsets[0]!;
    expect(harmed((c) => (c.codes[start] = 0x7f))).toThrow(DamagedIndexError); // a word beyond the table
    expect(harmed((c) => (c.codes[start] = 0xff))).toThrow(DamagedIndexError); // a varint that runs on
    expect(harmed((c) => (c.lengths[0] = coded.lengths[0]! + 1))).toThrow(DamagedIndexError);
    const literal = { ...LineCoder.code(utf8Lines(['once'])) };
    expect(literal.codes[0]).toBe(1); // said once: written in full
    literal.codes = Uint8Array.of(1, 9, ...literal.codes.subarray(2));
    expect(() => lineText(literal, 0)).toThrow(DamagedIndexError); // its length beyond the line
  });

  it('gives back a line longer than its length can say (65,535 bytes), and the lines after it', () => {
    const texts = ['before', `${'word '.repeat(15_000)}end`, 'after'];
    const long = LineCoder.code(utf8Lines(texts));
    expect(long.lengths[1]).toBe(65_535);
    expect(every(long)).toEqual(texts);
  });

  it('copes with a corpus of no lines, or of empty ones', () => {
    expect(every(LineCoder.code(utf8Lines([])))).toEqual([]);
    expect(every(LineCoder.code(utf8Lines(['', ''])))).toEqual(['', '']);
  });
});

const CORPUS = '../shared/corpus/pythonbytes';
const present = existsSync(CORPUS);
if (!present) console.warn(`SKIPPED line-text corpus test: ${CORPUS} is not present`);

describe.skipIf(!present)('line text coded over the Python Bytes corpus', () => {
  it('gives back all 279,835 lines exactly, in under two fifths of the bytes', () => {
    const texts = ingestFolder(CORPUS).result.episodes.flatMap((e) => e.segments.map((s) => s.text));
    const plain = utf8Lines(texts);
    const coded = LineCoder.code(plain);
    expect(every(coded)).toEqual(texts);
    expect(coded.codes.length + coded.words.length + coded.lengths.byteLength).toBeLessThan(0.4 * plain.bytes.length);
  });
});
