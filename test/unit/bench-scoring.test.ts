import { describe, expect, it } from 'vitest';
import { knownItemRecall, parseQueryFile, percentile, type KnownItemQuery } from '../../src/node/bench/known-items';
import { parseTopicFile, scoreTopics } from '../../src/node/bench/topic-queries';

const query = (kind: KnownItemQuery['kind'], episode: number, t: number): KnownItemQuery => ({ q: 'words', kind, expect: { episode, t } });

describe('known-item recall', () => {
  it('counts a moment of the expected episode up to 90 s before the expected second, and no later', () => {
    const queries = [query('exact', 7, 300), query('exact', 7, 300), query('exact', 7, 300), query('exact', 7, 300)];
    const recall = knownItemRecall(queries, [
      [{ episodeId: '7', t: 210 }], // the window's start
      [{ episodeId: '7', t: 301 }], // after the line
      [{ episodeId: '7', t: 209 }], // too early
      [
        { episodeId: '8', t: 300 },
        { episodeId: '7', t: 300 },
      ], // second in the top
    ]);
    expect(recall.exact).toBe(0.5);
    expect(recall.all).toBe(0.5);
  });

  it('scores each kind apart, a kind with no queries as 0, and a query with no answer as a miss', () => {
    const queries = [query('exact', 1, 10), query('typo', 2, 20), query('typo', 3, 30), query('exact', 4, 40)];
    const recall = knownItemRecall(queries, [[{ episodeId: '1', t: 10 }], [{ episodeId: '2', t: 20 }], [], [{ episodeId: '4', t: 41 }]]);
    expect(recall).toEqual({ all: 0.5, exact: 0.5, typo: 0.5, prefix: 0 });
    expect(knownItemRecall([], [])).toEqual({ all: 0, exact: 0, typo: 0, prefix: 0 });
  });

  it('rejects a query file line without its expected moment, naming its line in the file (blank lines count)', () => {
    expect(() => parseQueryFile('{"q":"a","kind":"exact","expect":{"episode":1,"t":2}}\n\n{"q":"b","kind":"exact"}\n')).toThrow(
      /line 3: expected/,
    );
    expect(() => parseQueryFile('\n{"q":"a",')).toThrow(/^query file line 2: not JSON/);
    expect(() => parseTopicFile('null')).toThrow(/^query file line 1: expected/);
  });

  it('takes the nearest-rank percentile', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 100], 95)).toBe(19);
    expect(percentile([], 95)).toBe(0);
  });
});

describe('topic scores', () => {
  const topics = parseTopicFile(
    [
      '{"q":"pyxel","kind":"project","expect":{"episode":97},"alsoRelevant":[260]}',
      '{"q":"respx","kind":"title","expect":{"episode":199}}',
      '{"q":"advent","kind":"title","expect":{"episode":113}}',
      '{"q":"nothing","kind":"title","expect":{"episode":5}}',
    ].join('\n'),
  );

  it('grades by the first relevant episode listed, counting the also-relevant ones', () => {
    const scores = scoreTopics(topics, [
      ['260', '97'], // an also-relevant episode first: rank 1
      ['1', '2', '199'], // rank 3
      ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '113'], // 11th: not in the top ten
      [],
    ]);
    expect(scores).toEqual({ recallAt1: 0.25, recallAt3: 0.5, recallAt10: 0.5, mrr: Number(((1 + 1 / 3) / 4).toFixed(3)), empty: 0.25 });
  });
});
