import { describe, expect, it } from 'vitest';
import { buildCorpus } from '../../src/lib/search/corpus';
import { SearchEngine } from '../../src/lib/search/engine';
import { hasZeroedRun, keptProblem, ZEROED_RUN } from '../../src/lib/search/kept-check';
import { fromStored, layoutIndexOf, toStored, withBytes, type StoredIndex } from '../../src/lib/search/kept-storage';
import { episode } from './support/episodes';

const filler = (n: number): [number, string][] =>
  Array.from({ length: n }, (_, i) => [i * 3.25, `line ${i} of café talk, with pandas ${i % 7}`]);
const corpus = () =>
  buildCorpus([
    episode(1, '2020-01-01', [[0, 'Pandas dataframes in episode one.'], ...filler(200)], ['Ann']),
    episode(2, '2021-01-01', [[0, 'Rust and pyo3 bindings — “quoted”.'], ...filler(150)]),
  ]);

const asBlob = async (s: StoredIndex) => s;
const sizeOf = (s: StoredIndex) => (s.data instanceof Blob ? s.data.size : s.data.byteLength);
const cut = (s: StoredIndex, to: number) => (s.data = s.data instanceof Blob ? s.data.slice(0, to) : s.data.slice(0, to));

describe.each([
  ['one Blob', asBlob],
  ['bytes (where a Blob cannot be kept)', withBytes],
])('the kept index as stored: a small record and %s', (_kind, container) => {
  const stored = async () => container(toStored(await SearchEngine.build(corpus()).keep()));

  it('reads back exactly what was kept, and searches the same', async () => {
    const engine = SearchEngine.build(corpus());
    const kept = await engine.keep();
    const back = await fromStored(await container(toStored(kept)));
    expect(back).toEqual(kept);
    expect(keptProblem(back, kept.version)).toBeNull();
    const restored = await SearchEngine.restore(back!);
    for (const q of ['pandas', 'pyo3', 'cafe talk', 'line 17']) expect(restored!.search({ q })).toEqual(engine.search({ q }));
  });

  it("keeps each line's time in the fewest bytes that hold it exactly, and gives back the same times", async () => {
    const timed = (times: number[]) =>
      buildCorpus([
        episode(
          1,
          '2020-01-01',
          times.map((t, i): [number, string] => [t, `line ${i} about pandas`]),
        ),
      ]);
    const cases: [number[], typeof Float64Array | typeof Uint32Array | typeof Uint16Array][] = [
      [[0, 5, 65_535], Uint16Array],
      [[0, 5, 65_536], Uint32Array],
      [[0, 5.5, 9], Float64Array],
      [[0, 5, 2 ** 33], Float64Array],
    ];
    for (const [times, type] of cases) {
      const engine = SearchEngine.build(timed(times));
      const kept = await engine.keep();
      expect(kept.corpus.times, String(times)).toBeInstanceOf(type);
      const back = await fromStored(await container(toStored(kept)));
      expect(back!.corpus.times).toBeInstanceOf(type);
      expect(Array.from(back!.corpus.times)).toEqual(times);
      expect(keptProblem(back, kept.version)).toBeNull();
      expect((await SearchEngine.restore(back!))!.search({ q: 'pandas' })).toEqual(engine.search({ q: 'pandas' }));
    }
  });

  it("keeps each line's episode and speaker in the fewest bytes, widened where there are more speakers", async () => {
    const plain = await SearchEngine.build(corpus()).keep();
    expect(plain.corpus.episodeOf).toBeInstanceOf(Uint16Array);
    expect(plain.corpus.speakerOf).toBeInstanceOf(Int8Array);
    // 300 episodes of a speaker each: the speakers need two bytes, and one time is not whole milliseconds.
    const many = buildCorpus(
      Array.from({ length: 300 }, (_, e) =>
        episode(
          e + 1,
          '2022-01-01',
          [
            [e === 7 ? 1.0005 : 0, `talk ${e}`],
            [2, 'more'],
          ],
          [`Guest ${e}`],
        ),
      ),
    );
    expect(many.speakerOf).toBeInstanceOf(Int16Array);
    const kept = await SearchEngine.build(many).keep();
    const back = await fromStored(await container(toStored(kept)));
    expect(back).toEqual(kept);
    expect(back!.corpus.speakerOf).toBeInstanceOf(Int16Array);
    expect([back!.corpus.times[14], back!.corpus.speakerOf[599], back!.corpus.episodeOf[599]]).toEqual([1.0005, 299, 299]);
  });

  it('lays every array on a multiple of 8 bytes, so a Float64Array views it in place', async () => {
    expect((await stored()).layout.every(([start]) => start % 8 === 0)).toBe(true);
  });

  const damage: [string, (s: StoredIndex) => void][] = [
    ['cut-short data', (s) => cut(s, sizeOf(s) - 10)],
    ['a missing part', (s) => s.layout.pop()],
    ['a part beyond the data', (s) => (s.layout[3] = [s.layout[3]![0], sizeOf(s)])],
    ['a misaligned array', (s) => (s.layout[0] = [s.layout[0]![0] + 1, s.layout[0]![1]])],
    ['a string laid over the arrays', (s) => (s.layout[layoutIndexOf('vocabularyTerms')] = [0, 64])],
    ['no data', (s) => ((s as unknown as { data: string }).data = 'bytes')],
  ];
  it.each(damage)('gives null for %s, so search rebuilds', async (_name, harm) => {
    const s = await stored();
    harm(s);
    expect(await fromStored(s)).toBeNull();
  });

  it('reads arrays garbled in place, which the kept-index check then refuses', async () => {
    const s = await stored();
    const bytes = new Uint8Array(await new Blob([s.data as Uint8Array<ArrayBuffer>]).arrayBuffer());
    const [codesStart, codesBytes] = s.layout[layoutIndexOf('codes')]!; // the last of the arrays used in place
    bytes.fill(0xff, 0, codesStart + codesBytes);
    s.data = await container({ ...s, data: new Blob([bytes]) }).then((c) => c.data);
    const back = await fromStored(s);
    expect(back).not.toBeNull();
    expect(keptProblem(back, back!.version)).not.toBeNull();
    expect(await SearchEngine.restore(back!)).toBeNull();
  });

  it('gives null for garbled strings (the episodes, the terms), so search rebuilds', async () => {
    const s = await stored();
    const bytes = new Uint8Array(await new Blob([s.data as Uint8Array<ArrayBuffer>]).arrayBuffer());
    const [episodesStart, episodesBytes] = s.layout[layoutIndexOf('episodes')]!;
    bytes.fill(0xff, episodesStart, episodesStart + episodesBytes);
    expect(await fromStored({ ...s, data: bytes })).toBeNull();
  });

  it('keeps nothing that grows with the episodes in the record itself (Chromium keeps one over 64 KB as a Blob of its own)', async () => {
    const { data: _data, ...record } = await stored();
    expect(Object.keys(record).sort()).toEqual(['chunkKeys', 'layout', 'version']);
  });
});

describe('hasZeroedRun', () => {
  it('finds a zeroed run of a disk block at any place, and none where there is none', () => {
    const bytes = new Uint8Array(5 * ZEROED_RUN + 3).fill(0x80);
    expect(hasZeroedRun(bytes)).toBe(false);
    for (let at = 0; at + ZEROED_RUN <= bytes.length; at++) {
      bytes.fill(0, at, at + ZEROED_RUN);
      expect(hasZeroedRun(bytes), `a run from ${at}`).toBe(true);
      bytes.fill(0x80, at, at + ZEROED_RUN);
    }
    expect(hasZeroedRun(new Uint8Array(ZEROED_RUN - 1))).toBe(true); // a short text zeroed whole
  });
});
