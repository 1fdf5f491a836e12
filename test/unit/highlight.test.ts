import { describe, expect, it } from 'vitest';
import { highlightParts } from '../../src/lib/search/highlight';
import { termsOf, wordSpans } from '../../src/lib/search/normalize';

/** What wordSpans gave before its ASCII fast path: each word folded on its own. */
function foldedWordByWord(text: string) {
  return [...text.matchAll(/[0-9]+(?:\.[0-9]+)+|[\p{L}\p{N}]+/gu)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    term: termsOf(m[0]).join(''),
  }));
}

describe('word spans and highlighting', () => {
  it('gives the same spans and terms for ASCII text as folding each word, and for text with accents', () => {
    for (const text of ["Python 3.12.1 and v3.12, ABC_def don't 42x", 'Café CRÈME: naïve—résumé 3.14', '', '...', 'İstanbul ÅNGSTRÖM'])
      expect(wordSpans(text)).toEqual(foldedWordByWord(text));
  });

  it('marks every form of the matcher, one set lookup per word, with prefixes for the word being typed', () => {
    const matcher = { terms: ['pandas', 'dataframe', 'data', 'frame'], prefixes: ['fixt'] };
    const parts = highlightParts('Pandas DataFrame, a data frame; pytest Fixtures.', matcher);
    expect(parts.filter((p) => p.hit).map((p) => p.text)).toEqual(['Pandas', 'DataFrame', 'data', 'frame', 'Fixtures']);
    expect(parts.map((p) => p.text).join('')).toBe('Pandas DataFrame, a data frame; pytest Fixtures.');
  });
});
