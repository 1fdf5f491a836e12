/** Each ranking rule on a small fixture (issue 12): topics, compounds, stems, expansions, known items. */
import { describe, expect, it } from 'vitest';
import type { EpisodeFile } from '../../src/lib/packs/format';
import { buildCorpus, type EngineEpisode } from '../../src/lib/search/corpus';
import { SearchEngine } from '../../src/lib/search/engine';
import { episodeScores } from '../../src/lib/search/episode-rank';
import { adjacentPairs, holdsNeighbouringWords, isWholeLine, lengthNorm } from '../../src/lib/search/line-rank';
import { fullScore, momentRows, momentScores, slotMaxima } from '../../src/lib/search/moments';

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
    episode(4, [
      [0, 'The bendingly odd one.'],
      [5, 'To collapse a tree, call fold.'],
      [8, 'We had 3 guests and 12 questions.'],
      ...filler(20, 80),
    ]),
    // Speech-to-text's spelling of a name it did not know, and versions said with and without dots.
    episode(5, [[0, 'Pigeon is a JIT for CPython.'], [10, 'Python 3.14.0 alpha 1 is out.'], ...filler(20, 80)]),
    episode(6, [[0, 'Python 3.12 made errors nicer.'], [10, 'Python 3 10 added match.'], ...filler(20, 80)]),
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
    const { top } = engine.search({ q: 'every dataframe method', top: 1 });
    expect(top![0]).toEqual({ episodeId: '2', t: 310 });
  });

  it('a name found nowhere finds what sounds like it (pyjion → Pigeon), marked', () => {
    const { groups } = engine.search({ q: 'pyjion' });
    expect(groups.map((g) => g.episodeId)).toEqual(['5']);
    expect(groups[0]!.moments[0]!.parts.filter((p) => p.hit).map((p) => p.text)).toEqual(['Pigeon']);
    expect(engine.matcherOf('pyjion').terms).toContain('pigeon');
  });

  it('a word the transcripts say is never replaced by words that sound like it', () => {
    expect(engine.matcherOf('fold ').terms).toEqual(['fold']);
  });

  it('version numbers keep their dots: 3.12 is not any line with a 3 and a 12', () => {
    expect(episodesFor('3.12 ')).toEqual(['6']);
    expect(episodesFor('3.14 ')).toEqual(['5']); // said as 3.14.0
    const moment = engine.search({ q: '3.14 ' }).groups[0]!.moments[0]!;
    expect(moment.parts.filter((p) => p.hit).map((p) => p.text)).toEqual(['3.14.0']);
    expect(episodesFor('3.14.0.1 ')).toEqual(['5']); // a longer version finds the shorter one said
    expect(episodesFor('3.10 ')).toEqual(['6']); // said without the dot
  });

  it("a moment's snippet spans the neighbouring lines that said the other words", () => {
    const moment = engine.search({ q: 'first item core type' }).groups[0]!.moments[0]!;
    expect(moment.parts.map((p) => p.text).join('')).toBe('Our first item is pandas. The dataframe is its core type.');
    expect(moment.text).toBe('Our first item is pandas.'); // the favourite's quote is the line linked to
  });

  it('highlights every form that matched, in the results and on the episode page', () => {
    const { matcher } = engine.search({ q: 'data frame collapsing ' }) as unknown as { matcher?: unknown };
    expect(matcher).toBeUndefined(); // not sent with every keystroke: the episode page asks for the forms
    const forms = engine.matcherOf('data frame collapsing ');
    expect(forms.terms).toEqual(expect.arrayContaining(['data', 'frame', 'dataframe', 'collapsing', 'collapse']));
    const marked = engine
      .search({ q: 'data frame collapsing ' })
      .groups.flatMap((g) => g.moments.flatMap((m) => m.parts.filter((p) => p.hit)));
    expect(marked.every((p) => forms.terms.includes(p.text.toLowerCase()) || p.text.toLowerCase() === 'data frame')).toBe(true);
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

  it('names the rows a moment is made of: the nearest line within the radius for each missing word', () => {
    expect(momentRows(table, 0, around)).toEqual({ rows: [0, 1], complete: true });
    expect(momentRows(table, 3, around)).toEqual({ rows: [3], complete: false });
  });

  it('line scorers: whole lines, length, words side by side', () => {
    expect(isWholeLine({ docs: [0], weights: Float32Array.from([1, 1]), slots: 2 }, 0)).toBe(true);
    expect(isWholeLine(table, 0)).toBe(false);
    expect(lengthNorm(100, 100)).toBe(1);
    expect(lengthNorm(400, 100)).toBeGreaterThan(lengthNorm(100, 100));
    expect(adjacentPairs(['use', 'event', 'loops'], ['event', 'loop'])).toBe(1);
    expect(adjacentPairs(['loop', 'event'], ['event', 'loop'])).toBe(0);
    // Only a line holding two words typed one after the other can say them side by side (its text is read then).
    const three = { docs: [0, 1, 2], weights: Float32Array.from([1, 0, 1, 1, 1, 0, 0, 1, 1]), slots: 3 };
    expect([0, 1, 2].map((k) => holdsNeighbouringWords(three, k))).toEqual([false, true, true]);
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
