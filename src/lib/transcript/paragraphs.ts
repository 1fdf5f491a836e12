/**
 * Lines grouped into paragraphs for reading: a transcript's lines are often fragments of a sentence (a
 * caption's worth, about nine words in Python Bytes), tiring to read one block and one timestamp at a time.
 *
 * Most transcripts have start times only, so a pause is estimated: the time between two starts less the time
 * the first line takes to say at the corpus's median pace (3 words a second, measured over the 486 Python
 * Bytes episodes). Over that corpus 4.6% of gaps hold an estimated silence of 2 s or more, 1.4% of 3 s.
 */
import type { Segment } from './model';

/** One paragraph: lines `first` to `end` (exclusive). */
export interface Paragraph {
  first: number;
  end: number;
}

/** Median speaking pace over the shared corpus, words per second. */
export const WORDS_PER_SECOND = 3;
/** An estimated silence this long (seconds) starts a new paragraph. */
export const PARAGRAPH_PAUSE_SECONDS = 2;
/** Past this many words, a paragraph ends at the next sentence end: a long monologue still gets breaks. */
export const PARAGRAPH_SOFT_WORDS = 60;
/** A paragraph never grows past this many words (a single longer line stays whole). */
export const PARAGRAPH_MAX_WORDS = 150;

const SENTENCE_END = /[.!?…]["'”’)\]]*$/;

/** What `\s` matches: the whitespace that separates words. */
const SPACE = new Set([
  9, 10, 11, 12, 13, 32, 160, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028,
  0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
]);

/** Words in `text`: runs of anything but spaces. A loop, not a split: it runs over every line of an episode as it opens. */
export function wordCount(text: string): number {
  let words = 0;
  let inWord = false;
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    // Letters, digits and punctuation (33 to 159) are never spaces: most characters skip the set.
    const space = code > 32 && code < 160 ? false : SPACE.has(code);
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words;
}

/**
 * Groups `lines` into paragraphs, breaking at a change of speaker, an estimated pause, a sentence end once a
 * paragraph is long, before a paragraph would pass the maximum, and before every line in `breaksBefore`
 * (chapter starts: a heading never falls inside a paragraph).
 */
export function paragraphsOf(lines: readonly Segment[], breaksBefore: ReadonlySet<number> = new Set()): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let first = 0;
  let words = 0;
  let previousWords = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const lineWords = wordCount(line.text);
    if (i > first && startsParagraph({ previous: lines[i - 1]!, previousWords, words, lineWords }, line, breaksBefore.has(i))) {
      paragraphs.push({ first, end: i });
      first = i;
      words = 0;
    }
    words += lineWords;
    previousWords = lineWords;
  }
  if (lines.length > first) paragraphs.push({ first, end: lines.length });
  return paragraphs;
}

/** Between the line before and this one: the line before, its words, and the paragraph's words so far. */
interface Gap {
  previous: Segment;
  previousWords: number;
  words: number;
  lineWords: number;
}

function startsParagraph({ previous, previousWords, words, lineWords }: Gap, line: Segment, forced: boolean): boolean {
  if (forced) return true;
  if (line.speaker !== undefined && line.speaker !== previous.speaker) return true;
  const silence = line.t - previous.t - previousWords / WORDS_PER_SECOND;
  if (silence >= PARAGRAPH_PAUSE_SECONDS) return true;
  if (words >= PARAGRAPH_SOFT_WORDS && SENTENCE_END.test(previous.text.trim())) return true;
  return words + lineWords > PARAGRAPH_MAX_WORDS;
}

/** The paragraph holding line `index` (paragraphs in order, as `paragraphsOf` gives them); -1 when none. */
export function paragraphOfLine(paragraphs: readonly Paragraph[], index: number): number {
  let low = 0;
  let high = paragraphs.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const p = paragraphs[mid]!;
    if (index < p.first) high = mid - 1;
    else if (index >= p.end) low = mid + 1;
    else return mid;
  }
  return -1;
}
