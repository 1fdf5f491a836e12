import { describe, expect, it } from 'vitest';
import { buildData } from '../../src/lib/packs/build';
import {
  DEFAULT_PODCAST,
  encodeEpisode,
  episodeFromPack,
  frequentTermsIn,
  type PackFile,
  type PackReader,
} from '../../src/lib/packs/format';
import type { Episode } from '../../src/lib/transcript/model';

function episode(n: number, text: string): Episode {
  const segments = Array.from({ length: 40 }, (_, i) => ({ t: i * 5, text: `${text} ${i}`, speaker: 'Ana Ñúñez' }));
  return {
    id: String(n),
    number: n,
    title: `Épisode ${n} “quoted”`,
    date: '2024-01-01',
    source: `${n}.txt`,
    speakers: ['Ana Ñúñez'],
    duration: 195,
    segmentCount: 40,
    segments,
  };
}

const utf8 = new TextEncoder();

describe('data packs', () => {
  // Accents, curly quotes, an emoji and a backslash: UTF-8 lengths differ from string lengths.
  const episodes = [episode(1, 'café crème 😀'), episode(2, 'plain ascii'), episode(3, 'a \\ "quote" and ✓')];
  const { catalogue, files } = buildData({ episodes, problems: [] }, DEFAULT_PODCAST);

  it('writes packs that are plain JSON of their episodes', () => {
    const pack = files.find((f) => f.fileName === catalogue.episodes[0]!.file)!;
    expect((JSON.parse(pack.source) as PackFile).episodes).toEqual(episodes.map(encodeEpisode));
  });

  it("ranks the corpus's frequent terms for the worker's tiers: most lines first, none on few lines", () => {
    const { catalogue } = buildData(
      { episodes: [episode(1, 'café crème'), episode(2, 'plain crème'), episode(3, 'plain')], problems: [] },
      DEFAULT_PODCAST,
    );
    // Each line is its words and its number: "crème" is on 80 lines, "plain" on 80, "café" on 40 (folded).
    expect(catalogue.frequentTerms).toEqual(['creme', 'plain', 'cafe']);
    // Line numbers 0…39 are on three lines each, fewer than LISTED_MIN_LINES: not ranked.
    expect(catalogue.frequentTermLines).toEqual([80, 80, 40]);
    expect(frequentTermsIn(catalogue)).toEqual({ terms: ['creme', 'plain', 'cafe'], lines: [80, 80, 40] });
  });

  it('the worker takes a ranking without its counts when they are unsound, and no ranking that is not one', () => {
    const counted = (frequentTerms: unknown, frequentTermLines: unknown) =>
      frequentTermsIn({ ...catalogue, frequentTerms, frequentTermLines } as typeof catalogue);
    const lines = catalogue.episodes.reduce((n, e) => n + e.segmentCount, 0);
    expect(counted(['a', 'b'], [2, 1])).toEqual({ terms: ['a', 'b'], lines: [2, 1] });
    expect(counted(['a', 'b'], [2])).toEqual({ terms: ['a', 'b'] });
    expect(counted(['a', 'b'], [2, -1])).toEqual({ terms: ['a', 'b'] });
    expect(counted(['a', 'b'], [2, 1.5])).toEqual({ terms: ['a', 'b'] });
    expect(counted(['a'], [lines + 1])).toEqual({ terms: ['a'] });
    expect(counted(['a', 'b'], 'many')).toEqual({ terms: ['a', 'b'] });
    expect(counted(['a', 7], [1, 1])).toBeUndefined();
    expect(counted(undefined, undefined)).toBeUndefined();
  });

  /** Reads a pack's bytes as the page does from its Blob, and records which ranges it read. */
  const readerOf = (bytes: Uint8Array, reads: ([number, number] | 'all')[] = []): PackReader => {
    return async (range) => {
      reads.push(range ?? 'all');
      return new TextDecoder().decode(range ? bytes.subarray(range[0], range[1]) : bytes);
    };
  };

  it("says where each episode's JSON lies in its pack, in bytes, so the reader reads and parses only that episode", async () => {
    for (const [i, entry] of catalogue.episodes.entries()) {
      const bytes = utf8.encode(files.find((f) => f.fileName === entry.file)!.source);
      expect(entry.at).toBeDefined();
      const slice = new TextDecoder().decode(bytes.subarray(entry.at![0], entry.at![1]));
      expect(JSON.parse(slice)).toEqual(encodeEpisode(episodes[i]!));
      const reads: ([number, number] | 'all')[] = [];
      expect(await episodeFromPack(readerOf(bytes, reads), entry)).toEqual(encodeEpisode(episodes[i]!));
      expect(reads).toEqual([entry.at]);
    }
  });

  it('reads the whole pack when the range is missing or wrong, and names a missing episode', async () => {
    const entry = catalogue.episodes[1]!;
    const read = readerOf(utf8.encode(files.find((f) => f.fileName === entry.file)!.source));
    expect((await episodeFromPack(read, { ...entry, at: undefined })).id).toBe('2');
    expect((await episodeFromPack(read, { ...entry, at: [0, 40] })).id).toBe('2');
    expect((await episodeFromPack(read, { ...entry, at: catalogue.episodes[0]!.at })).id).toBe('2');
    await expect(episodeFromPack(read, { ...entry, id: '9' })).rejects.toThrow(/episode 9 is missing from data\/pack-1\./);
  });
});
