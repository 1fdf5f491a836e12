import { describe, expect, it } from 'vitest';
import { buildCorpus, CorpusBuilder, textOf, type SearchCorpus } from '../../src/lib/search/corpus';
import { textBytesAtMost, type PackFile } from '../../src/lib/packs/format';
import { loadPacks } from '../../src/lib/packs/load';
import { ingestFolder } from '../../src/node/transcripts-folder';
import { SearchEngine } from '../../src/lib/search/engine';
import type { TextPart } from '../../src/lib/search/highlight';
import type { SearchRequest } from '../../src/lib/search/types';
import { episode } from './support/episodes';

const corpus = buildCorpus([
  episode(1, '2019-03-01', [
    [0, 'Welcome to the show, today we talk about pytest fixtures.'],
    [30, 'Fixtures in pytest make testing pleasant.'],
    [60, 'The café down the street serves great coffee.'],
    [90, 'Regular expressions like a+b* (c|d) are tricky? Yes [really].'],
  ]),
  episode(
    2,
    '2021-06-01',
    [
      [0, 'This week: asyncio and the event loop.'],
      [45, 'Performance of the event loop matters for servers.'],
      [80, 'We also mention pytest briefly.'],
      [120, 'Emoji time 🎉 party parrot.'],
    ],
    ['Michael Kennedy'],
  ),
  episode(3, '2023-01-01', [
    [0, 'Loop the loop, the event is over.'],
    [10, 'Pytest 8 is out with better fixtures.'],
  ]),
]);
const engine = SearchEngine.build(corpus);
const search = (q: string, extra: Partial<SearchRequest> = {}) => engine.search({ q, ...extra });
const text = (parts: TextPart[]) => parts.map((p) => p.text).join('');
const marked = (parts: TextPart[]) => parts.filter((p) => p.hit).map((p) => p.text);
const moments = (q: string, extra: Partial<SearchRequest> = {}) =>
  (search(q, { top: 10, ...extra }).top ?? []).map((m) => `${m.episodeId}@${m.t}`);

describe('search engine', () => {
  it('finds exact words in every episode, grouped by episode with counts', () => {
    const r = search('pytest');
    expect(r.total).toBe(4);
    expect(r.groupCount).toBe(3);
    expect(r.groups.find((g) => g.episodeId === '1')!.count).toBe(2);
    expect(r.groups.map((g) => g.episodeId).sort()).toEqual(['1', '2', '3']);
  });

  it('matches the start of the last word (prefix)', () => {
    expect(moments('event lo')).toEqual(expect.arrayContaining(['2@0', '2@45']));
    expect(moments('fixt')).toEqual(expect.arrayContaining(['1@0', '1@30', '3@10']));
  });

  it('tolerates one typo in a word of five or more letters, including swapped letters', () => {
    expect(moments('fixtrues pytest')).toEqual(expect.arrayContaining(['1@0', '1@30']));
    expect(moments('asycnio')).toEqual(['2@0']);
    expect(moments('perfomance')).toEqual(['2@45']);
    // short words are not fuzzed: "loop" does not find "look"
    expect(search('lopo').total).toBe(0);
  });

  it('requires quoted phrases in order', () => {
    expect(moments('"event loop"')).toEqual(expect.arrayContaining(['2@0', '2@45']));
    expect(moments('"event loop"')).not.toContain('3@0'); // has both words, not as a phrase
    expect(moments('"loop event"')).toEqual([]);
  });

  it('ranks words side by side above scattered ones', () => {
    const top = moments('event loop');
    expect(top.slice(0, 2).sort()).toEqual(['2@0', '2@45']);
    expect(top).toContain('3@0');
    expect(top.indexOf('3@0')).toBe(2);
  });

  it('returns a highlighted snippet split into parts, never markup', () => {
    const r = search('fixtures pytest');
    const moment = r.groups[0]!.moments[0]!;
    expect(text(moment.parts)).toMatch(/fixtures/i);
    expect(
      marked(moment.parts)
        .map((s) => s.toLowerCase())
        .sort(),
    ).toEqual(['fixtures', 'pytest']);
  });

  it('keeps the speaker of a moment', () => {
    const r = search('performance');
    expect(r.groups[0]!.moments[0]!.speaker).toBe('Michael Kennedy');
  });

  it('filters by year and by episode range, and sorts newest first', () => {
    expect(search('pytest', { years: { from: 2021, to: 2021 } }).groups.map((g) => g.episodeId)).toEqual(['2']);
    expect(
      search('pytest', { numbers: { from: 2, to: 3 } })
        .groups.map((g) => g.episodeId)
        .sort(),
    ).toEqual(['2', '3']);
    expect(search('pytest', { sort: 'newest' }).groups.map((g) => g.episodeId)).toEqual(['3', '2', '1']);
  });

  it('counts matching moments per year for the chart', () => {
    expect(search('pytest').years).toEqual([
      { year: 2019, count: 2 },
      { year: 2021, count: 1 },
      { year: 2023, count: 1 },
    ]);
  });

  it('finds words with diacritics from plain letters, and highlights the original', () => {
    const r = search('cafe');
    expect(r.groups.map((g) => g.episodeId)).toEqual(['1']);
    expect(marked(r.groups[0]!.moments[0]!.parts)).toEqual(['café']);
  });

  it('treats regular-expression metacharacters and emoji as plain text, without throwing', () => {
    expect(() => search('a+b* (c|d) [really] .* \\ ^$')).not.toThrow();
    expect(moments('(c|d) tricky')).toEqual(['1@90']);
    expect(() => search('🎉')).not.toThrow();
    expect(moments('🎉 parrot')).toEqual(['2@120']);
    expect(search('🎉🎉🎉').total).toBe(0);
  });

  it('suggests the closest known terms when nothing matches', () => {
    const r = search('asxnycyo'); // three edits from asyncio, and sounds unlike it
    expect(r.total).toBe(0);
    expect(r.suggestions).toContain('asyncio');
  });

  it('survives huge and right-to-left queries', () => {
    expect(search('x'.repeat(10_000)).total).toBe(0);
    expect(() => search('שלום עולם مرحبا')).not.toThrow();
  });

  it('answers the same after keep() and restore()', async () => {
    const restored = await SearchEngine.restore(await engine.keep());
    expect(restored).not.toBeNull();
    for (const q of ['pytest', 'event lo', 'fixtrues', '"event loop"', 'cafe'])
      expect(restored!.search({ q })).toEqual(engine.search({ q }));
  });
});

/** A built corpus's text as UTF-8. */
function builtBytes(corpus: SearchCorpus): Uint8Array {
  if (corpus.text.kind !== 'utf8') throw new Error('not a built corpus');
  return corpus.text.bytes;
}

describe('search corpus', () => {
  it('keeps every text exactly, whatever its characters, as UTF-8 with byte offsets', () => {
    const texts = ['plain ascii', 'café crème', '🎉 emoji 🐍 pair', '中文 text', 'مرحبا', '', 'a — dash'];
    const built = buildCorpus([
      episode(
        7,
        '2020-01-01',
        texts.map((t, i) => [i, t] as [number, string]),
      ),
    ]);
    expect(texts.map((_, doc) => textOf(built, doc))).toEqual(texts);
    expect(built.text.kind).toBe('utf8');
    expect(builtBytes(built).length).toBe(new TextEncoder().encode(texts.join('')).length);
  });

  it('fills a text buffer sized ahead, and grows it inside an episode when the size given was short', () => {
    const texts = ['abcd', '🎉🐍 pair', 'café crème', '中文 text', 'a — dash'];
    const exact = new TextEncoder().encode(texts.join('')).length;
    // 5 bytes hold "abcd" but not the emoji after it: the rest is encoded where that stopped, never mid-character.
    for (const size of [5, exact, 0, 2 * exact]) {
      const builder = new CorpusBuilder([episode(9, '2020-01-01', []).episode], texts.length, size);
      builder.add(
        0,
        episode(
          9,
          '2020-01-01',
          texts.map((t, i) => [i, t] as [number, string]),
        ).file,
      );
      const built = builder.finish();
      expect(texts.map((_, doc) => textOf(built, doc))).toEqual(texts);
      expect(builtBytes(built).length).toBe(exact);
      // A whole buffer of its own (IndexedDB keeps a view's whole buffer): the builder's, uncopied, when sized exactly.
      expect(builtBytes(built).buffer.byteLength).toBe(exact);
      expect(builtBytes(built).buffer === builtBytes(builder.snapshot()).buffer).toBe(size === exact);
    }
  });

  it("sizes the text buffer from the catalogue: exactly by its textBytes, else by its episodes' JSON, which holds every text whole", () => {
    const { result, built } = ingestFolder('transcripts');
    const { catalogue } = built;
    const texts = result.episodes.flatMap((e) => e.segments.map((s) => s.text));
    const bytes = new TextEncoder().encode(texts.join('')).length;
    expect(catalogue.textBytes).toBe(bytes);
    expect(textBytesAtMost(catalogue)).toBe(bytes);
    // Without textBytes, or with one the JSON cannot hold or that is no count: the bound from the JSON.
    for (const textBytes of [undefined, 100 * bytes, -1, 1.5, '12']) {
      const bound = textBytesAtMost({ ...catalogue, textBytes } as typeof catalogue)!;
      expect(bound).toBeGreaterThan(bytes);
      expect(bound).toBeLessThan(1.5 * bytes);
    }
    expect(textBytesAtMost({ ...catalogue, episodes: catalogue.episodes.map(({ at: _at, ...entry }) => entry) })).toBeUndefined();
  });

  it("fills exactly the buffer the build's textBytes sizes, as the worker loads the packs, and keeps it uncopied", async () => {
    const { catalogue, files } = ingestFolder('transcripts').built;
    const sources = new Map(files.map((f) => [f.fileName, f.source]));
    const lines = catalogue.episodes.reduce((n, e) => n + e.segmentCount, 0);
    const builder = new CorpusBuilder(catalogue.episodes, lines, textBytesAtMost(catalogue));
    await loadPacks(catalogue, async (name) => JSON.parse(sources.get(name)!) as PackFile, {
      episode: (i, file) => void builder.add(i, file),
    });
    const built = builder.finish();
    expect(builtBytes(built).buffer.byteLength).toBe(catalogue.textBytes);
    expect(builtBytes(built).buffer).toBe(builtBytes(builder.snapshot()).buffer);
  });

  it('keeps neighbouring texts intact around a lone surrogate', () => {
    const texts = ['before', 'broken \ud83c', 'after'];
    const built = buildCorpus([
      episode(
        8,
        '2020-01-01',
        texts.map((t, i) => [i, t] as [number, string]),
      ),
    ]);
    expect([textOf(built, 0), textOf(built, 1), textOf(built, 2)]).toEqual(['before', 'broken \ufffd', 'after']);
  });
});

describe('search engine, one query after another', () => {
  // 80,000 lines, each saying "every line said here": that query's table outgrows the scratch the engine keeps.
  const words = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];
  const big = SearchEngine.build(
    buildCorpus(
      Array.from({ length: 8 }, (_, e) =>
        episode(
          e + 1,
          `20${10 + e}-01-01`,
          Array.from({ length: 10_000 }, (_, i): [number, string] => [
            i * 3,
            `every ${words[(i * 7 + e) % 5]} line ${words[(i * 3) % 5]} said here ${i % 97}`,
          ]),
        ),
      ),
    ),
  );
  it('answers each query as if it were the first, whatever came before', () => {
    const queries = ['every line said here', 'every alpha beta gamma', 'delta', 'beta epsilon line', 'every', 'gamma 42'];
    const first = queries.map((q) => JSON.stringify(big.search({ q, top: 10 })));
    const filtered = JSON.stringify(big.search({ q: 'every alpha beta gamma', years: { from: 2012, to: 2013 }, top: 10 }));
    const again = [...queries].reverse().map((q) => JSON.stringify(big.search({ q, top: 10 })));
    expect(again.reverse()).toEqual(first);
    expect(JSON.stringify(big.search({ q: 'every alpha beta gamma', years: { from: 2012, to: 2013 }, top: 10 }))).toBe(filtered);
    expect(JSON.parse(first[0]!).total).toBeGreaterThan(60_000);
  });
});
