import { describe, expect, it } from 'vitest';
import { textOf } from '../../src/lib/search/corpus';
import { SearchEngine } from '../../src/lib/search/engine';
import { GrowingIndex } from '../../src/lib/search/growing-index';
import { buildCorpus } from '../../src/lib/search/corpus';
import { IndexBuilder } from '../../src/lib/search/index-builder';
import { indexTermsOf } from '../../src/lib/search/normalize';
import { episode } from './support/episodes';
import { vocabularyOf } from './support/vocabulary';

// Enough lines that the common-term bitsets span several 32-bit words, and text beyond Latin-1 in each episode.
const filler = (from: number, n: number): [number, string][] =>
  Array.from({ length: n }, (_, i) => [from + i * 5, `and the show goes on — line ${i} of café talk`]);
const parts = [
  episode(1, '2020-01-01', [[0, 'Pandas dataframes in episode one.'], ...filler(5, 40)]),
  episode(2, '2021-01-01', [[0, 'Rust and pyo3 bindings.'], ...filler(5, 40), [300, 'More pandas here.']]),
  episode(3, '2022-01-01', [[0, 'A word only here: zeppelin.'], ...filler(5, 40)]),
];
const totalLines = parts.reduce((n, p) => n + p.file.segments.length, 0);
const episodesOf = (engine: SearchEngine, q: string) => engine.search({ q }).groups.map((g) => g.episodeId);

describe('searching while indexing', () => {
  it('answers from the episodes added so far, and from more as they arrive', () => {
    const growing = new GrowingIndex(
      parts.map((p) => p.episode),
      totalLines,
    );
    expect(growing.engineSoFar()).toBeNull();
    growing.add(0, parts[0]!.file);
    expect(growing.progress).toEqual({ episodes: 1, of: 3 });
    const first = growing.engineSoFar()!;
    expect(episodesOf(first, 'pandas')).toEqual(['1']);
    expect(episodesOf(first, 'zeppelin')).toEqual([]);
    expect(growing.engineSoFar()).toBe(first); // nothing added: the same engine, not rebuilt per keystroke

    growing.add(1, parts[1]!.file);
    const second = growing.engineSoFar()!;
    expect(second).not.toBe(first);
    expect(episodesOf(second, 'pandas').sort()).toEqual(['1', '2']);
    // Common words (bitsets) are found in every episode so far, none beyond.
    expect(second.search({ q: 'show goes' }).groupCount).toBe(2);
    expect(textOf(second.lines, second.documentCount - 1)).toBe('More pandas here.');
  });

  it('refuses to keep a snapshot, whose listed terms are looked up as asked, saying why', async () => {
    const growing = new GrowingIndex(
      parts.map((p) => p.episode),
      totalLines,
    );
    growing.add(0, parts[0]!.file);
    await expect(growing.engineSoFar()!.keep()).rejects.toThrow('only a complete index can be kept');
  });

  it('gives each snapshot a vocabulary of exactly the terms so far, each with its number of lines', () => {
    const builder = new IndexBuilder(400);
    const texts: string[] = [];
    for (let batch = 0; batch < 6; batch++) {
      // Each batch brings words new to the index, and words that sort between those already there.
      const lines = Array.from({ length: 30 }, (_, i) => `Batch${batch} word${(i * 7) % 13} a${batch}${i % 3} Café ${i % 2 ? 'zed' : ''}`);
      builder.add(texts.length, lines);
      texts.push(...lines);
      const lineCounts = new Map<string, number>();
      for (const text of texts) for (const term of new Set(indexTermsOf(text))) lineCounts.set(term, (lineCounts.get(term) ?? 0) + 1);
      const snapshot = builder.snapshot(
        buildCorpus([
          episode(
            1,
            '2020-01-01',
            texts.map((t, i): [number, string] => [i, t]),
          ),
        ]),
      );
      expect(snapshot.vocabulary.pack()).toEqual(vocabularyOf(lineCounts, false).pack());
    }
  });

  it('finishes into the same index as building in one go', () => {
    const growing = new GrowingIndex(
      parts.map((p) => p.episode),
      totalLines,
    );
    parts.forEach((p, i) => growing.add(i, p.file));
    const finished = growing.finish();
    const whole = SearchEngine.build(buildCorpus(parts));
    for (const q of ['pandas', 'show goes', 'zeppelin', 'cafe', 'pyo']) expect(finished.search({ q })).toEqual(whole.search({ q }));
    expect(finished.lines.text).toEqual(whole.lines.text);
  });

  it('narrows the common-term rows when fewer lines arrived than the catalogue announced', async () => {
    const growing = new GrowingIndex(
      parts.map((p) => p.episode),
      totalLines + 200,
    );
    parts.forEach((p, i) => growing.add(i, p.file));
    const finished = growing.finish();
    const restored = await SearchEngine.restore(await finished.keep());
    expect(restored!.search({ q: 'show goes' }).groupCount).toBe(3);
  });
});
