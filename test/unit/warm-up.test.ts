import { describe, expect, it, vi } from 'vitest';
import { buildCorpus, textOf } from '../../src/lib/search/corpus';
import { termsOf } from '../../src/lib/search/normalize';
import { SearchEngine } from '../../src/lib/search/engine';
import { warmUpQueries } from '../../src/lib/search/warm-up';
import { episode } from './support/episodes';

// Every line says "that", "just" and "number" (words said everywhere); its two made-up names each about 1% of lines.
const syllables = ['ka', 'lo', 'mi', 'nu', 'pe', 'ra', 'si', 'to', 'vu', 'ze'];
const name = (k: number) => `${syllables[k % 10]}${syllables[Math.floor(k / 10) % 10]}${k >= 100 ? 'der' : 'ster'}`;
const corpus = () =>
  buildCorpus(
    Array.from({ length: 6 }, (_, e) =>
      episode(
        e + 1,
        `20${15 + e}-01-01`,
        Array.from({ length: 120 }, (_, i): [number, string] => {
          const line = e * 120 + i;
          return [i * 20, `So that is just ${name((line * 7) % 200)} and ${name((line * 13 + 5) % 200)}, number ${i}.`];
        }),
      ),
    ),
  );
const isCommon = (term: string) => ['that', 'just', 'number', 'and'].includes(term);

describe('warm-up searches', () => {
  it('types a few lines word by word, with a slip of the finger, never a word said everywhere alone', () => {
    const queries = warmUpQueries(corpus(), isCommon);
    expect(queries).toEqual(warmUpQueries(corpus(), isCommon)); // the same every launch
    // The first line typed: a fifth of the way in.
    const [first, second] = termsOf(textOf(corpus(), 144)).filter((w) => w.length >= 3 && !isCommon(w));
    expect(queries.slice(0, 4)).toEqual([first!.slice(0, 3), first, `${first} ${second!.slice(0, 3)}`, `${first} ${second}`]);
    const typo = `${first![0]}${first![2]}${first![1]}${first!.slice(3)}`; // the longest word, two letters swapped
    expect(queries).toContain(`${typo} ${second}`);
    expect(queries).toContain(`that ${first} ${second}`);
    expect(queries.length).toBeGreaterThan(16); // four lines
    for (const q of queries) expect(q.split(' ').every(isCommon)).toBe(false);
    expect(new Set(queries).size).toBe(queries.length);
  });

  it('has nothing to type over an empty index or one of only short words', () => {
    expect(warmUpQueries(buildCorpus([]), isCommon)).toEqual([]);
    expect(
      warmUpQueries(
        buildCorpus([
          episode(1, '2020-01-01', [
            [0, 'a b c'],
            [5, 'so it is'],
          ]),
        ]),
        isCommon,
      ),
    ).toEqual([]);
  });

  it('runs each search once, a step at a time, and changes no answer', () => {
    const warmed = SearchEngine.build(corpus());
    const fresh = SearchEngine.build(corpus());
    const search = vi.spyOn(warmed, 'search');
    let steps = 1;
    while (!warmed.warmUpStep()) steps++;
    expect(search.mock.calls.length).toBeGreaterThan(8);
    expect(steps).toBe(search.mock.calls.length);
    expect(warmed.warmUpStep()).toBe(true); // nothing left: no more searches
    expect(search.mock.calls.length).toBe(steps);
    expect(warmed.warmUpSearches).toBe(steps);
    search.mockRestore();
    for (const q of [
      name(3),
      'that just',
      `${name(17)} ${name(40).slice(0, 3)}`,
      name(150).replace('a', 'aa'),
      'number 7',
      `"${name(1)} and"`,
    ])
      expect(warmed.search({ q, top: 10 })).toEqual(fresh.search({ q, top: 10 }));
  });

  it('is done at once over an empty index', () => {
    const empty = SearchEngine.build(buildCorpus([]));
    expect(empty.warmUpStep()).toBe(true);
    expect(empty.warmUpSearches).toBe(0);
  });
});
