import { describe, expect, it } from 'vitest';
import { oneEditApart, Vocabulary } from '../../src/lib/search/vocabulary';
import { vocabularyOf } from './support/vocabulary';

describe('Vocabulary.withinOneEdit', () => {
  // Words and every one-edit variant of them (and some two-edit ones), over letters, digits, dots and accents.
  const seeds = ['pandas', 'fixtures', 'python', 'dataframe', 'abc', 'aab', 'py3', 'v3.12', 'café', 'zz', 'résumé', 'aaaaaa'];
  const alphabet = 'abcdefpsxyz039.é';
  const variants = new Set<string>(seeds);
  for (const w of seeds) {
    for (let i = 0; i <= w.length; i++) {
      for (const c of alphabet) {
        variants.add(w.slice(0, i) + c + w.slice(i));
        if (i < w.length) variants.add(w.slice(0, i) + c + w.slice(i + 1));
      }
      if (i < w.length) variants.add(w.slice(0, i) + w.slice(i + 1));
      if (i + 1 < w.length) variants.add(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2));
      if (i + 2 < w.length) variants.add(w.slice(0, i) + w[i + 2] + w[i + 1] + w[i] + w.slice(i + 3));
    }
  }
  const terms = [...variants];
  const vocabulary = vocabularyOf(new Map(terms.map((t) => [t, 1])));

  it('finds exactly the terms one edit away, as a check of every term would', () => {
    for (const term of [...seeds, ...terms.slice(0, 400), 'qqqq', 'pandsa', 'xpandas']) {
      const every = terms.filter((t) => t !== term && oneEditApart(term, t)).sort();
      expect(vocabulary.withinOneEdit(term).sort(), term).toEqual(every);
    }
  });
});

describe('Vocabulary.soundsLike, kept', () => {
  const words = ['pigeon', 'pidgin', 'pandarello', 'pileizer', 'python', 'pandas', 'fixtures', 'numpy', 'jupyter', 'flask'];
  const vocabulary = vocabularyOf(new Map(words.map((t, i) => [t, i + 1])));

  it('reads back the sound keys it kept, finding the same sound-alikes without keying a term again', () => {
    const packed = vocabulary.pack();
    expect(packed.sounds).toContain('pidgin pigeon');
    const back = Vocabulary.unpack(packed)!;
    expect(back.prepareSounds(0)).toBe(true); // nothing left to key
    // Every kept word too: the keys of the first and last lines are found where they lie, like the others.
    for (const term of ['pyjion', 'pandarallel', 'pylyzer', 'jupiter', 'fixtures', ...words]) {
      expect(back.soundsLike(term), term).toEqual(vocabulary.soundsLike(term));
    }
    expect(back.soundsLike('pyjion')).toEqual(['pigeon']);
    expect(back.soundsLike('zzqxj')).toEqual([]);
    expect(back.pack()).toEqual(packed); // kept again as it was read
  });

  it("reads back each term's frequency and prefixes, most frequent first, without a Map of every term", () => {
    const back = Vocabulary.unpack(vocabulary.pack())!;
    for (const [i, term] of words.entries()) {
      expect(back.has(term), term).toBe(true);
      expect(back.frequency(term), term).toBe(i + 1);
    }
    expect(back.has('pand')).toBe(false);
    expect(back.frequency('zzz')).toBe(0);
    expect(back.frequency('')).toBe(0);
    expect(back.withPrefix('p')).toEqual(['pandas', 'python', 'pileizer', 'pandarello', 'pidgin', 'pigeon']);
    expect(back.withPrefix('p')).toEqual(vocabulary.withPrefix('p'));
  });

  it('gives nothing for terms out of order or repeated (damaged storage), which its look-ups rely on', () => {
    const packed = vocabulary.pack();
    const terms = packed.terms.split('\n');
    expect(Vocabulary.unpack({ ...packed, terms: [...terms].reverse().join('\n') })).toBeNull();
    expect(Vocabulary.unpack({ ...packed, terms: [terms[0], ...terms.slice(0, -1)].join('\n') })).toBeNull();
    expect(Vocabulary.unpack({ ...packed, df: packed.df.subarray(1) })).toBeNull();
  });
});
