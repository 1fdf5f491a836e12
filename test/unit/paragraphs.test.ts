import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Segment } from '../../src/lib/transcript/model';
import { PARAGRAPH_MAX_WORDS, paragraphOfLine, paragraphsOf, wordCount } from '../../src/lib/transcript/paragraphs';
import { parseTranscript } from '../../src/lib/transcript/parse';

const line = (t: number, text: string, speaker?: string): Segment => (speaker ? { t, text, speaker } : { t, text });
const spans = (lines: Segment[], breaks?: Set<number>) => paragraphsOf(lines, breaks).map((p) => [p.first, p.end]);

describe('paragraphs', () => {
  it('keeps lines spoken without a pause together', () => {
    // Three words a second: each line takes about as long as the gap to the next.
    expect(spans([line(0, 'one two three four five six'), line(2, 'seven eight nine'), line(3, 'ten eleven twelve.')])).toEqual([[0, 3]]);
  });

  it('breaks at a pause of two seconds or more beyond the time the words take', () => {
    const lines = [line(0, 'one two three'), line(3, 'four five six'), line(4, 'seven eight nine')];
    // "one two three" takes 1 s: a 3 s gap is a 2 s pause.
    expect(spans(lines)).toEqual([
      [0, 1],
      [1, 3],
    ]);
    // 1.9 s of silence is not a pause.
    expect(spans([line(0, 'one two three'), line(2.9, 'four')])).toEqual([[0, 2]]);
  });

  it('breaks at a change of speaker, and keeps a speaker with lines that name none', () => {
    const lines = [line(0, 'Hi.', 'Ann'), line(1, 'Hello.', 'Bo'), line(2, 'How are you?', 'Bo'), line(3, 'Fine.', 'Ann')];
    expect(spans(lines)).toEqual([
      [0, 1],
      [1, 3],
      [3, 4],
    ]);
    expect(spans([line(0, 'a b c', 'Ann'), line(1, 'd e f')])).toEqual([[0, 2]]);
  });

  it('ends a long paragraph at a sentence end, and never lets one pass the maximum', () => {
    const ten = 'w '.repeat(9) + 'w';
    const talk = Array.from({ length: 8 }, (_, i) => line(i * 3.3, i === 6 ? `${ten}.` : ten));
    // 70 words by the sentence end after line 6: the next line starts a paragraph.
    expect(spans(talk)).toEqual([
      [0, 7],
      [7, 8],
    ]);
    const noStop = Array.from({ length: 40 }, (_, i) => line(i * 3.3, ten));
    const groups = paragraphsOf(noStop);
    expect(groups.every((p) => (p.end - p.first) * 10 <= PARAGRAPH_MAX_WORDS)).toBe(true);
    expect(groups.at(-1)!.end).toBe(40);
    // A single line longer than the maximum stays whole.
    expect(spans([line(0, 'w '.repeat(200))])).toEqual([[0, 1]]);
  });

  it('starts a paragraph at every forced break (a chapter start)', () => {
    const lines = [line(0, 'a b c'), line(1, 'd e f'), line(2, 'g h i')];
    expect(spans(lines, new Set([1]))).toEqual([
      [0, 1],
      [1, 3],
    ]);
    expect(spans([])).toEqual([]);
  });

  it('finds the paragraph of a line', () => {
    const groups = [
      { first: 0, end: 2 },
      { first: 2, end: 5 },
      { first: 5, end: 6 },
    ];
    expect([0, 1, 2, 4, 5, 6, -1].map((i) => paragraphOfLine(groups, i))).toEqual([0, 0, 1, 1, 2, -1, -1]);
  });
});

const CORPUS = '../shared/corpus/pythonbytes';
const present = existsSync(CORPUS);
if (!present) console.warn(`SKIPPED paragraph measurements: ${CORPUS} is not present`);

describe.skipIf(!present)('paragraphs over the Python Bytes corpus', () => {
  it('reads like a page: a few sentences per paragraph, none past the maximum', () => {
    const words: number[] = [];
    let lines = 0;
    for (const file of readdirSync(CORPUS).filter((f) => /\.(txt|vtt|srt)$/.test(f))) {
      const segments = parseTranscript(file, readFileSync(`${CORPUS}/${file}`, 'utf8')).segments;
      lines += segments.length;
      for (const p of paragraphsOf(segments)) {
        const count = segments.slice(p.first, p.end).reduce((n, s) => n + s.text.split(/\s+/).filter(Boolean).length, 0);
        words.push(p.end - p.first > 1 ? count : Math.min(count, PARAGRAPH_MAX_WORDS));
      }
    }
    words.sort((a, b) => a - b);
    const median = words[words.length >> 1]!;
    console.log(
      `paragraphs: ${lines} lines in ${words.length} paragraphs; words per paragraph median ${median}, p90 ${words[Math.floor(words.length * 0.9)]}`,
    );
    expect(lines / words.length).toBeGreaterThan(3); // far fewer blocks and timestamps than lines
    expect(median).toBeGreaterThanOrEqual(25);
    expect(median).toBeLessThanOrEqual(90);
    expect(words.at(-1)).toBeLessThanOrEqual(PARAGRAPH_MAX_WORDS);
  });

  it('counts words as a split on whitespace does, for every UTF-16 code unit as a separator', () => {
    const bySplit = (text: string) => text.split(/\s+/).filter(Boolean).length;
    for (let code = 0; code < 0x10000; code++) {
      const text = `a${String.fromCharCode(code)}b ${String.fromCharCode(code)}`;
      if (wordCount(text) !== bySplit(text)) expect([code, wordCount(text)]).toEqual([code, bySplit(text)]);
    }
    for (const text of ['', '   ', 'one', ' two  words ', 'tab\tand\nnewline', 'no\u00a0break\u3000ideographic'])
      expect(wordCount(text)).toBe(bySplit(text));
  });
});
