import { describe, expect, it, vi } from 'vitest';
import { buildCorpus, documentCount, textOf, type SearchCorpus } from '../../src/lib/search/corpus';
import { GrowingIndex } from '../../src/lib/search/growing-index';
import { buildIndex, frequentTermsOf, LISTED_MIN_LINES, rankTermsForTiers, type RankedTerms } from '../../src/lib/search/index-builder';
import { indexTermsOf } from '../../src/lib/search/normalize';
import { KeptLines, packLines, Postings } from '../../src/lib/search/postings';
import { DamagedIndexError, groupOf, RARE_GROUPS, RarePostings } from '../../src/lib/search/rare-postings';
import { keepIndex, restoreIndex, type SearchIndex } from '../../src/lib/search/search-index';
import { episode } from './support/episodes';

// 700 words with frequencies from every line to a single one, so each of the three tiers (bitsets, lists,
// FlexSearch) holds some; a few lines beyond Latin-1 and with apostrophes and versions.
const word = (k: number) => `w${k.toString(36)}`;
const lineText = (e: number, i: number) => {
  const words = [];
  for (let k = 0; k < 700; k++) if ((i * 7 + e * 3) % (k + 1) === 0) words.push(word(k));
  if (i % 11 === 0) words.push("don't", 'café', 'Python 3.12');
  return words.join(' ');
};
const parts = Array.from({ length: 3 }, (_, e) =>
  episode(
    e + 1,
    `202${e}-01-01`,
    Array.from({ length: 300 }, (_, i): [number, string] => [i * 4, lineText(e, i)]),
  ),
);

/** Every term's lines, read straight from the texts. */
function expected(corpus: SearchCorpus): Map<string, number[]> {
  const lines = new Map<string, number[]>();
  for (let doc = 0; doc < documentCount(corpus); doc++) {
    for (const term of new Set(indexTermsOf(textOf(corpus, doc)))) {
      if (!lines.has(term)) lines.set(term, []);
      lines.get(term)!.push(doc);
    }
  }
  return lines;
}

function expectEveryTerm(index: SearchIndex): void {
  const postings = new Postings(index);
  const want = expected(index.corpus);
  for (const [term, docs] of want) {
    const got = Array.from(postings.linesOf(term));
    if (got.length !== docs.length || got.some((d, i) => d !== docs[i])) expect(got, term).toEqual(docs);
  }
}

/** A built index's middle tier, which is a Map (a restored one decodes on demand). */
const listedOf = (index: SearchIndex) => index.listed as Map<string, ArrayLike<number>>;

describe('postings in three tiers', () => {
  it('give every term exactly its lines, in order, whichever tier holds it', async () => {
    const index = buildIndex(buildCorpus(parts));
    expect(index.common.length).toBe(128);
    expect(listedOf(index).size).toBeGreaterThan(100);
    const rare = [...expected(index.corpus).keys()].filter((t) => !index.common.includes(t) && !index.listed.has(t));
    expect(rare.length).toBeGreaterThan(50);
    expectEveryTerm(index);
    // And after being kept and read back, as on a warm start.
    expectEveryTerm((await restoreIndex(await keepIndex(index)))!);
  });

  it('fill a restored index’s common rows in idle steps, after which every term still has exactly its lines', async () => {
    const restored = (await restoreIndex(await keepIndex(buildIndex(buildCorpus(parts)))))!;
    const postings = new Postings(restored);
    expect(postings.fillWaiting(0)).toBe(false);
    while (!postings.fillWaiting(0));
    const pending = restored.commonPending!;
    const words = restored.commonWords;
    const row = (i: number) => Array.from(restored.commonBits.subarray(i * words, (i + 1) * words));
    // Every row past the dense ones holds its lines now, before any query asked.
    for (let i = pending.denseRows; i < restored.common.length; i++) {
      const lines = pending.lines.decode(i);
      const bits = new Uint32Array(words);
      for (const line of lines) bits[line >>> 5]! |= 1 << (line & 31);
      expect(row(i), restored.common[i]).toEqual(Array.from(bits));
    }
    expect(postings.fillWaiting(0)).toBe(true);
    expectEveryTerm(restored);
  });

  const texts = parts.flatMap((p) => p.file.segments.map((row) => row[2] as string));
  const total = parts.reduce((n, p) => n + p.file.segments.length, 0);
  /** Indexes `parts` episode by episode with this ranking, checking every term after the second episode too. */
  const indexRanked = (ranked: RankedTerms) => {
    const growing = new GrowingIndex(
      parts.map((p) => p.episode),
      total,
      ranked,
    );
    growing.add(0, parts[0]!.file);
    growing.add(1, parts[1]!.file);
    expectEveryTerm((growing.engineSoFar() as unknown as { index: SearchIndex }).index);
    growing.add(2, parts[2]!.file);
    return (growing.finish() as unknown as { index: SearchIndex }).index;
  };

  /** A ranking as the build makes one, of the 400 terms on most lines: 128 bitsets, 272 lists, the rest rare. */
  const ranking = () => {
    const { terms, lines } = frequentTermsOf(texts, 400);
    return { terms: [...terms], lines: [...lines!] };
  };

  it("take their tiers from the build's ranking and counts when the catalogue has them, each term once", async () => {
    const { terms, lines } = ranking();
    // A term ranked twice (a damaged catalogue) must not get a bitset row and a list.
    const twice = { terms: [...terms.slice(0, 3), terms[1]!, ...terms.slice(3)], lines: [...lines.slice(0, 3), 5, ...lines.slice(3)] };
    const index = indexRanked(twice);
    expect(index.common).toEqual(terms.slice(0, 128));
    expect([...listedOf(index).keys()]).toEqual(terms.slice(128));
    expect(listedOf(index).size).toBe(272);
    expect([...expected(index.corpus).keys()].filter((t) => !terms.includes(t)).length).toBeGreaterThan(50);
    expectEveryTerm(index);
    expectEveryTerm((await restoreIndex(await keepIndex(index)))!);
  });

  it('give every term its lines when the counts are wrong, short or long, or missing', () => {
    const { terms, lines } = ranking();
    const short = lines.map((n, k) => (k === 200 ? n - 3 : n));
    const long = lines.map((n, k) => (k === 150 ? n + 7 : n));
    for (const ranked of [{ terms, lines: short }, { terms, lines: long }, { terms }]) {
      const index = indexRanked(ranked);
      expect([...listedOf(index).keys()]).toEqual(terms.slice(128));
      expectEveryTerm(index);
    }
  });

  it('the build ranks only terms on LISTED_MIN_LINES lines or more, with their counts', () => {
    const { terms, lines } = rankTermsForTiers(texts);
    const all = expected(buildIndex(buildCorpus(parts)).corpus);
    expect(terms.length).toBeGreaterThan(50);
    terms.forEach((term, k) => expect(lines![k], term).toBe(all.get(term)!.length));
    expect(lines!.every((n, k) => n >= LISTED_MIN_LINES && (k === 0 || n <= lines![k - 1]!))).toBe(true);
    expect([...all.values()].filter((docs) => docs.length >= LISTED_MIN_LINES)).toHaveLength(terms.length);
  });

  it('give the lines indexed so far while indexing, then all of them', () => {
    const total = parts.reduce((n, p) => n + p.file.segments.length, 0);
    const growing = new GrowingIndex(
      parts.map((p) => p.episode),
      total,
    );
    growing.add(0, parts[0]!.file);
    growing.add(1, parts[1]!.file);
    const soFar = (growing.engineSoFar() as unknown as { index: SearchIndex }).index;
    expect(documentCount(soFar.corpus)).toBe(600);
    expectEveryTerm(soFar);
    growing.add(2, parts[2]!.file);
    expectEveryTerm((growing.finish() as unknown as { index: SearchIndex }).index);
  });
});

describe('keeping a finished index', () => {
  it('keeps the listed lines as gaps in varints, about a byte a line, decoded for a term only when asked', async () => {
    const index = buildIndex(buildCorpus(parts));
    const kept = await keepIndex(index);
    const lines = [...listedOf(index).values()].reduce((n, l) => n + l.length, 0);
    expect(kept.listed.bytes.length).toBeLessThan(lines * 1.5);
    const restored = (await restoreIndex(kept))!.listed as KeptLines;
    const [term, want] = [...listedOf(index)][7]!;
    expect(restored.has(term)).toBe(true);
    expect(Array.from(restored.get(term)!)).toEqual(Array.from(want));
    expect(restored.get(term)).toBe(restored.get(term)); // decoded once
    expect(restored.get('no-such-term')).toBeUndefined();
    expect(packLines(restored)).toBe(kept.listed); // keeping it again encodes nothing
  });

  it("keeps the most frequent terms' rows as bitsets and the others as lines, filled as queries ask", async () => {
    const index = buildIndex(buildCorpus(parts));
    const kept = await keepIndex(index);
    const words = index.commonWords;
    const dense = kept.common.dense.length / words;
    const lines = (i: number) => Array.from(new Postings(index).linesOf(index.common[i]!));
    // Dense rows are those of a line in ten or more, and they come first; the rest take less room as lines.
    expect(dense).toBeGreaterThan(0);
    expect(dense).toBeLessThan(index.common.length);
    expect(lines(dense - 1).length * 10).toBeGreaterThan(documentCount(index.corpus));
    expect(kept.common.lines.bytes.length + kept.common.dense.length * 4).toBeLessThan(index.common.length * words * 4);
    const restored = (await restoreIndex(kept))!;
    expect(restored.commonBits.subarray(dense * words).every((w) => w === 0)).toBe(true); // the rest wait to be asked for
    const postings = new Postings(restored);
    for (const i of [0, dense - 1, dense, dense + 3]) expect(Array.from(postings.linesOf(index.common[i]!)), `row ${i}`).toEqual(lines(i));
    const term = index.common[dense + 5]!;
    expect(postings.lineTest(term)!(lines(dense + 5)[0]!)).toBe(true);
    // A row's bytes garbled in place: its term's first query says the index is damaged.
    const { offsets, bytes } = kept.common.lines;
    bytes.fill(0x80, offsets[dense + 1], offsets[dense + 2]);
    const damaged = new Postings((await restoreIndex(kept))!);
    expect(() => damaged.linesOf(index.common[dense + 1]!)).toThrow(DamagedIndexError);
  });

  it('gives lines beyond every line, the same line twice or a varint cut short as a damaged index', () => {
    // Lines 3 and 130 (gaps 4 and 127), then each damage: line 11 of 10, line 3 again, a last byte that says "more".
    const kept = (bytes: number[]) =>
      new KeptLines({ terms: ['flask'], offsets: Uint32Array.of(0, bytes.length), bytes: Uint8Array.from(bytes) }, 10);
    expect(
      Array.from(new KeptLines({ terms: ['flask'], offsets: Uint32Array.of(0, 2), bytes: Uint8Array.of(4, 127) }, 200).get('flask')!),
    ).toEqual([3, 130]);
    expect(
      Array.from(
        new KeptLines({ terms: ['flask'], offsets: Uint32Array.of(0, 3), bytes: Uint8Array.of(0x82, 0x01, 1) }, 200).get('flask')!,
      ),
    ).toEqual([129, 130]);
    for (const bytes of [[12], [4, 0], [4, 0x81]]) expect(() => kept(bytes).get('flask'), JSON.stringify(bytes)).toThrow(DamagedIndexError);
  });
});

describe('the rare tier kept in groups', () => {
  /** A kept group's JSON, from its UTF-8 bytes. */
  const jsonOf = (data: Uint8Array) => new TextDecoder().decode(data);
  const bytesOf = (json: string) => new TextEncoder().encode(json);
  const rareTermsOf = (index: SearchIndex) =>
    [...expected(index.corpus).keys()].filter((t) => !index.common.includes(t) && !index.listed.has(t));

  it('keeps each term in the group of its hash, and a warm start imports a group only when asked', async () => {
    const index = buildIndex(buildCorpus(parts));
    const kept = await keepIndex(index);
    const keys = kept.chunks.map(([key]) => key);
    expect(keys.every((key) => /^\d+\.map$/.test(key) && Number.parseInt(key) < RARE_GROUPS)).toBe(true);
    for (const [key, data] of kept.chunks) {
      for (const [term] of JSON.parse(jsonOf(data)) as [string][]) expect(`${groupOf(term)}.map`, term).toBe(key);
    }
    const rare = RarePostings.fromKept(kept.chunks)!;
    const imported = vi.spyOn(rare.index, 'import');
    const term = rareTermsOf(index)[0]!;
    expect(rare.linesOf(term, 1e6)).toEqual(expected(index.corpus).get(term));
    expect(imported).toHaveBeenCalledTimes(1);
    expect(imported).toHaveBeenCalledWith(`${groupOf(term)}.map`, expect.any(String));
    expect(rare.importWaiting(Infinity)).toBe(true);
    expect(imported).toHaveBeenCalledTimes(kept.chunks.length);
  });

  it('imports every group kept as UTF-8 bytes, and one cut short as damage', async () => {
    const index = buildIndex(buildCorpus(parts));
    const kept = await keepIndex(index);
    const rare = RarePostings.fromKept(kept.chunks)!;
    for (const term of rareTermsOf(index)) expect(rare.linesOf(term, 1e6), term).toEqual(expected(index.corpus).get(term));
    const [key, bytes] = kept.chunks[0]!;
    const cut = RarePostings.fromKept([[key, bytes.subarray(0, bytes.length - 1)]])!;
    expect(() => cut.importWaiting(Infinity)).toThrow(DamagedIndexError);
  });

  it('refuses keys it never writes, and reports a group that will not import as a damaged index', async () => {
    const kept = await keepIndex(buildIndex(buildCorpus(parts)));
    expect(RarePostings.fromKept([...kept.chunks, ['1.reg', bytesOf('[]')]])).toBeNull();
    expect(RarePostings.fromKept([...kept.chunks, kept.chunks[0]!])).toBeNull();
    expect(RarePostings.fromKept([[`${RARE_GROUPS}.map`, bytesOf('[]')]])).toBeNull();
    const [key, data] = kept.chunks[0]!;
    const term = (JSON.parse(jsonOf(data)) as [string][])[0]![0];
    const garbled = RarePostings.fromKept([[key, bytesOf(`}${jsonOf(data)}`)], ...kept.chunks.slice(1)])!;
    expect(() => garbled.linesOf(term, 1e6)).toThrow(DamagedIndexError);
    // A restored engine answers what other groups hold; its idle import reports the damage too.
    const other = kept.chunks[1]!;
    const otherTerm = (JSON.parse(jsonOf(other[1])) as [string][])[0]![0];
    expect(garbled.linesOf(otherTerm, 1e6).length).toBeGreaterThan(0);
    const again = RarePostings.fromKept([[key, bytesOf(`}${jsonOf(data)}`)]])!;
    expect(() => again.importWaiting(Infinity)).toThrow(DamagedIndexError);
  });
});
