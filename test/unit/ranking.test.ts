/** Each ranking rule on a small fixture (issue 12): topics, compounds, stems, expansions, known items. */
import { describe, expect, it } from 'vitest';
import type { EpisodeFile } from '../../src/lib/data-format';
import { buildCorpus, type EngineEpisode } from '../../src/lib/search/corpus';
import { SearchEngine } from '../../src/lib/search/engine';
import { episodeScores } from '../../src/lib/search/episode-rank';
import { fullScore, momentScores, slotMaxima } from '../../src/lib/search/moments';

function episode(id: number, segments: [number, string][]): { episode: EngineEpisode; file: EpisodeFile } {
  return {
    episode: { id: String(id), number: id, title: `Episode ${id}`, date: `20${10 + id}-01-01` },
    file: { schema: 1, id: String(id), speakers: [], segments: segments.map(([t, text]) => [t, -1, text]) },
  };
}

/** Filler lines so that rarity means something, as in a real corpus. */
const filler = (from: number, count: number): [number, string][] =>
  Array.from({ length: count }, (_, i) => [from + i * 20, `And that is just what we think about things number ${i}.`]);

const engine = SearchEngine.build(
  buildCorpus([
    // A passing mention of both words in one long line.
    episode(1, [
      [0, 'Somebody once said pandas can hold a data frame, anyway, moving on to the weather and sports and other news.'],
      ...filler(20, 80),
    ]),
    // The topic discussed over neighbouring lines, again and again.
    episode(2, [
      [0, 'Our first item is pandas.'],
      [8, 'The dataframe is its core type.'],
      [16, 'A dataframe holds columns.'],
      [300, 'Back to pandas once more.'],
      [310, 'Every dataframe method returns a new dataframe.'],
      [900, 'One last pandas tip.'],
      [905, 'Name your dataframe well.'],
      ...filler(1000, 80),
    ]),
    episode(3, [[0, 'Collapsing sections in the docs is handy.'], [10, 'Let me bend the rules a little.'], ...filler(20, 80)]),
    episode(4, [[0, 'The bendingly odd one.'], [5, 'To collapse a tree, call fold.'], ...filler(20, 80)]),
  ]),
);
const episodesFor = (q: string) => engine.search({ q, limit: 10 }).groups.map((g) => g.episodeId);

describe('ranking rules', () => {
  it('a topic spread over neighbouring lines outranks a single passing mention', () => {
    expect(episodesFor('pandas dataframe')).toEqual(['2', '1']);
  });

  it('data frame finds dataframe, and the reverse', () => {
    expect(episodesFor('data frame ')).toContain('2');
    expect(episodesFor('dataframe ')).toContain('1');
  });

  it('stems match: collapse finds collapsing, and the reverse', () => {
    expect(episodesFor('collapse ')).toEqual(expect.arrayContaining(['3', '4']));
    expect(episodesFor('collapsing ')).toEqual(expect.arrayContaining(['3', '4']));
  });

  it('an exact word outranks its rare prefix extension', () => {
    const { groups } = engine.search({ q: 'bend' }); // still being typed: `bendingly` matches too
    expect(groups.map((g) => g.episodeId)).toEqual(['3', '4']);
  });

  it('a line holding every word comes first, before a moment pieced from neighbours', () => {
    const { top } = engine.search({ q: 'every dataframe method' });
    expect(top[0]).toEqual({ episodeId: '2', t: 310 });
  });

  it('highlights every form that matched', () => {
    const { matcher } = engine.search({ q: 'data frame collapsing ' });
    expect(matcher.terms).toEqual(expect.arrayContaining(['data', 'frame', 'dataframe', 'collapsing', 'collapse']));
    // What the episode page asks for, without a search: the same forms.
    expect(engine.matcherOf('data frame collapsing ')).toEqual(matcher);
  });
});

describe('moments and episodes, alone', () => {
  // Lines 0..3 of one episode at 0, 10, 20, 100 s; two query words.
  const table = { docs: [0, 1, 2, 3], weights: Float32Array.from([2, 0, 0, 1, 0, 0, 0, 1]), slots: 2 };
  const around = { episodeOf: [0, 0, 0, 0], times: [0, 10, 20, 100], radius: 30, nearby: 0.5 };

  it('counts a word said nearby at a share of its best weight, and not one said far away', () => {
    expect([...momentScores(table, around)]).toEqual([2 + 0.5 * 1, 1 + 0.5 * 2, 0.5 * 2 + 0.5 * 1, 1]);
    expect(fullScore(slotMaxima(table))).toBe(3);
  });

  it('keeps moments within one episode', () => {
    expect([...momentScores(table, { ...around, episodeOf: [0, 1, 1, 1] })]).toEqual([2, 1, 0.5 * 1, 1]);
  });

  it('ranks the episode that keeps coming back to the words above one with the same best moment', () => {
    const twoEpisodes = { docs: [0, 1, 2, 3], weights: Float32Array.from([1, 1, 1, 1]), slots: 1 };
    const scores = episodeScores(
      twoEpisodes,
      new Map([
        [0, 1],
        [1, 1],
      ]),
      { episodeOf: [0, 1, 1, 1], lineCounts: [10, 10], meanLines: 10 },
    );
    expect(scores.get(1)!).toBeGreaterThan(scores.get(0)!);
  });
});
