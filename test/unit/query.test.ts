import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/lib/search/query';

describe('parseQuery', () => {
  it('gives no words for nothing typed, spaces included', () => {
    for (const blank of ['', ' ', '\t \n', '\u00a0']) expect(parseQuery(blank)).toEqual({ slots: [], phrases: [] });
  });

  it('keeps the word being typed as a prefix, and a quoted phrase', () => {
    expect(parseQuery('  pandas data')).toEqual({
      slots: [
        { term: 'pandas', prefix: false },
        { term: 'data', prefix: true },
      ],
      phrases: [],
    });
    expect(parseQuery('"data frame" ')).toEqual({
      slots: [
        { term: 'data', prefix: false },
        { term: 'frame', prefix: false },
      ],
      phrases: [['data', 'frame']],
    });
  });

  it('gives no words for quotes and punctuation alone', () => {
    expect(parseQuery('"" ?!').slots).toEqual([]);
  });
});
