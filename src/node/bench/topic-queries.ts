/**
 * Topic benchmark queries ("which episode talked about X?"), graded by episode:
 * `{"q", "kind": "title|project", "expect": {"episode"}, "alsoRelevant": [...]}` per line.
 */
import { parseJsonLines } from './known-items';

export interface TopicQuery {
  q: string;
  kind: string;
  expect: { episode: number };
  alsoRelevant?: number[];
}

export function parseTopicFile(text: string): TopicQuery[] {
  return parseJsonLines<TopicQuery>(
    text,
    (v) => typeof v.q === 'string' && typeof v.expect?.episode === 'number',
    '{"q", "kind", "expect": {"episode"}}',
  );
}

export interface TopicScores {
  recallAt1: number;
  recallAt3: number;
  recallAt10: number;
  mrr: number;
  /** Share of queries with no answer at all. */
  empty: number;
}

/** `answers[i]` lists the distinct episode ids shown for query i, best first. */
export function scoreTopics(queries: TopicQuery[], answers: string[][]): TopicScores {
  let at1 = 0;
  let at3 = 0;
  let at10 = 0;
  let reciprocal = 0;
  let empty = 0;
  queries.forEach((query, i) => {
    const relevant = new Set([query.expect.episode, ...(query.alsoRelevant ?? [])].map(String));
    const shown = answers[i] ?? [];
    if (shown.length === 0) empty++;
    const rank = shown.slice(0, 10).findIndex((id) => relevant.has(id));
    if (rank === 0) at1++;
    if (rank >= 0 && rank < 3) at3++;
    if (rank >= 0) {
      at10++;
      reciprocal += 1 / (rank + 1);
    }
  });
  const share = (n: number) => Number((n / Math.max(1, queries.length)).toFixed(3));
  return { recallAt1: share(at1), recallAt3: share(at3), recallAt10: share(at10), mrr: share(reciprocal), empty: share(empty) };
}
