/** Known-item benchmark queries (`{"q","kind","expect":{"episode","t"}}` per line) and their scoring. */

export type QueryKind = 'exact' | 'typo' | 'prefix';

export interface KnownItemQuery {
  q: string;
  kind: QueryKind;
  expect: { episode: number; t: number };
}

/** How far before the expected second a moment may start and still count. */
export const HIT_WINDOW_SECONDS = 90;

/** One JSON value per non-empty line, each checked; a bad line throws naming its number in the file and the shape wanted. */
export function parseJsonLines<T>(text: string, isValid: (value: T) => boolean, shape: string): T[] {
  return text.split('\n').flatMap((line, i) => {
    if (line.trim() === '') return [];
    let value: T;
    try {
      value = JSON.parse(line) as T;
    } catch (error) {
      throw new Error(`query file line ${i + 1}: not JSON (${(error as Error).message})`);
    }
    if (typeof value !== 'object' || value === null || !isValid(value)) throw new Error(`query file line ${i + 1}: expected ${shape}`);
    return [value];
  });
}

export function parseQueryFile(text: string): KnownItemQuery[] {
  return parseJsonLines<KnownItemQuery>(
    text,
    (v) => typeof v.q === 'string' && typeof v.expect?.episode === 'number' && typeof v.expect.t === 'number',
    '{"q", "kind", "expect": {"episode", "t"}}',
  );
}

export function isHit(query: KnownItemQuery, top: { episodeId: string; t: number }[]): boolean {
  return top.some(
    (m) => m.episodeId === String(query.expect.episode) && m.t <= query.expect.t && m.t >= query.expect.t - HIT_WINDOW_SECONDS,
  );
}

/** Known-item recall@10 over every query and by kind: the share of queries whose expected moment is in their top. */
export interface KnownItemRecall {
  all: number;
  exact: number;
  typo: number;
  prefix: number;
}

/** Scores each query's top moments (`tops[i]` answers `queries[i]`); a kind with no queries scores 0. */
export function knownItemRecall(queries: KnownItemQuery[], tops: { episodeId: string; t: number }[][]): KnownItemRecall {
  const hits: Record<string, { hit: number; total: number }> = {};
  const all = { hit: 0, total: 0 };
  queries.forEach((query, i) => {
    const hit = Number(isHit(query, tops[i] ?? []));
    for (const bucket of [all, (hits[query.kind] ??= { hit: 0, total: 0 })]) {
      bucket.total++;
      bucket.hit += hit;
    }
  });
  const share = (b: { hit: number; total: number } | undefined) => (b?.total ? b.hit / b.total : 0);
  return { all: share(all), exact: share(hits.exact), typo: share(hits.typo), prefix: share(hits.prefix) };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
