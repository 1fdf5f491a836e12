import { describe, expect, it } from 'vitest';
import { anchorMoment, type Lines } from '../../src/lib/favourites/anchor';
import { buildCorpus, episodeLines } from '../../src/lib/search/corpus';
import { SearchEngine } from '../../src/lib/search/engine';
import { keptProblem } from '../../src/lib/search/kept-check';

const linesOf = (rows: [number, string][]): Lines => ({
  times: rows.map(([t]) => t),
  start: 0,
  end: rows.length,
  textAt: (i) => rows[i]![1],
});

describe('finding a favourite moment again', () => {
  const before: [number, string][] = [
    [0, 'Hello and welcome.'],
    [10, 'Matthew Feigert.'],
    [10, 'And this is Brian.'],
    [30, 'Hello and welcome.'],
  ];

  it('keeps the line it names when the text is still there', () => {
    expect(anchorMoment(linesOf(before), { t: 10, n: 1, quote: 'Matthew Feigert.' })).toEqual({
      status: 'exact',
      ref: { t: 10, n: 1 },
      text: 'Matthew Feigert.',
    });
    expect(anchorMoment(linesOf(before), { t: 10, n: 2, quote: 'And this is Brian.' })).toMatchObject({
      status: 'exact',
      ref: { t: 10, n: 2 },
    });
  });

  it('follows the quote when an update shifted the timings, nearest copy first', () => {
    const shifted: [number, string][] = before.map(([t, text]) => [t + 3.5, text]);
    expect(anchorMoment(linesOf(shifted), { t: 10, quote: 'Matthew Feigert.' })).toMatchObject({ status: 'moved', ref: { t: 13.5, n: 1 } });
    expect(anchorMoment(linesOf(shifted), { t: 28, quote: 'Hello and welcome.' })).toMatchObject({
      status: 'moved',
      ref: { t: 33.5, n: 1 },
    });
  });

  it('finds a favourite saved by its whole second (older versions) on its fractional line', () => {
    const cues: [number, string][] = [
      [10.5, 'Ten and a half.'],
      [12.2, 'Twelve point two.'],
    ];
    expect(anchorMoment(linesOf(cues), { t: 12, quote: 'Twelve point two.' })).toMatchObject({ status: 'moved', ref: { t: 12.2, n: 1 } });
  });

  it('says the line is missing, naming where its time points, when no line has the quote', () => {
    expect(anchorMoment(linesOf(before), { t: 11, quote: 'Words nobody said.' })).toEqual({
      status: 'missing',
      named: { ref: { t: 10, n: 1 }, text: 'Matthew Feigert.' },
    });
  });

  it('works on one episode inside the search corpus', () => {
    const file = (id: string, rows: [number, string][]) => ({
      schema: 1 as const,
      id,
      speakers: [],
      segments: rows.map(([t, text]) => [t, -1, text] as [number, number, string]),
    });
    const corpus = buildCorpus([
      { episode: { id: 'a', number: 1, title: 'A', date: null }, file: file('a', [[10, 'Same text.']]) },
      { episode: { id: 'b', number: 2, title: 'B', date: null }, file: file('b', before) },
    ]);
    const lines = episodeLines(corpus, 'b')!;
    expect([lines.start, lines.end]).toEqual([1, 5]);
    expect(anchorMoment(lines, { t: 10, n: 2, quote: 'And this is Brian.' })).toMatchObject({ status: 'exact', ref: { t: 10, n: 2 } });
    expect(episodeLines(corpus, 'gone')).toBeNull();
  });

  it('finds the lines of the first, a middle and the last of several episodes, one line or many', () => {
    const sizes = [1, 3, 1, 4, 2];
    const corpus = buildCorpus(
      sizes.map((size, e) => ({
        episode: { id: `e${e}`, number: e, title: `E${e}`, date: null },
        file: { schema: 1 as const, id: `e${e}`, speakers: [], segments: Array.from({ length: size }, (_, i) => [i, -1, `line ${i}`]) },
      })) as Parameters<typeof buildCorpus>[0],
    );
    let start = 0;
    sizes.forEach((size, e) => {
      const lines = episodeLines(corpus, `e${e}`)!;
      expect([lines.start, lines.end], `e${e}`).toEqual([start, start + size]);
      start += size;
    });
  });
});

describe('a kept search index read back from storage', () => {
  const file = {
    schema: 1 as const,
    id: 'a',
    speakers: ['Ann'],
    segments: [
      [0, 0, 'python is great'],
      [5.5, -1, 'flask too'],
    ] as [number, number, string][],
  };
  const corpus = () => buildCorpus([{ episode: { id: 'a', number: 1, title: 'A', date: '2020-01-01' }, file }]);

  it('is used when whole', async () => {
    const kept = await SearchEngine.build(corpus()).keep();
    expect(keptProblem(kept, kept.version)).toBeNull();
    const restored = await SearchEngine.restore(kept);
    expect(restored!.search({ q: 'python' }).total).toBe(1);
  });

  const damage: [string, (k: Awaited<ReturnType<SearchEngine['keep']>>) => void, RegExp][] = [
    ['a truncated table', (k) => (k.corpus.times = k.corpus.times.subarray(0, 1)), /different lengths/],
    ['an empty vocabulary', (k) => (k.vocabulary = { terms: '', df: new Uint32Array(0), sounds: '' }), /vocabulary/],
    ['NUL text', (k) => k.corpus.text.codes.fill(0), /NUL/],
    ['NaN times', (k) => (k.corpus.times[1] = NaN), /bad time/],
    ['a line of no episode', (k) => (k.corpus.episodeOf[1] = 7), /bad episode at line 1/],
    ['a line of no speaker', (k) => (k.corpus.speakerOf[0] = 3), /bad speaker at line 0/],
    ['text offsets going backwards', (k) => (k.corpus.text.offsets[1] = k.corpus.text.offsets[2]! + 1), /backwards at line 1/],
    [
      'no postings',
      (k) => (
        (k.chunks = []),
        (k.common = { lines: { terms: [], offsets: Uint32Array.of(0), bytes: Uint8Array.of() }, dense: Uint32Array.of() })
      ),
      /postings/,
    ],
    ['a wrong type', (k) => ((k.corpus as unknown as { text: string }).text = 'python'), /types/],
    ['no listed-term table', (k) => delete (k as Partial<typeof k>).listed, /listed-term table/],
    ['listed offsets cut short', (k) => (k.listed = { terms: ['flask'], offsets: Uint32Array.of(0), bytes: Uint8Array.of() }), /cut short/],
    [
      'listed offsets beyond their bytes',
      (k) => (k.listed = { terms: ['flask'], offsets: Uint32Array.of(0, 3), bytes: Uint8Array.of(1) }),
      /cut short/,
    ],
  ];
  it.each(damage)('is refused with %s, so search rebuilds', async (_name, harm, why) => {
    const kept = await SearchEngine.build(corpus()).keep();
    harm(kept);
    expect(keptProblem(kept, kept.version)).toMatch(why);
    expect(await SearchEngine.restore(kept)).toBeNull();
  });

  it('is refused when its terms are out of order (look-ups rely on it), so search rebuilds', async () => {
    const kept = await SearchEngine.build(corpus()).keep();
    kept.vocabulary.terms = kept.vocabulary.terms.split('\n').reverse().join('\n');
    expect(await SearchEngine.restore(kept)).toBeNull();
  });

  it('is refused when it is not a record at all', () => {
    expect(keptProblem(null, 5)).toBe('not a record');
    expect(keptProblem({ version: 5 }, 5)).toBe('no corpus');
  });
});
