/** Known-item benchmark queries (`{"q","kind","expect":{"episode","t"}}` per line) and their scoring. */

export type QueryKind = 'exact' | 'typo' | 'prefix';

export interface KnownItemQuery {
  q: string;
  kind: QueryKind;
  expect: { episode: number; t: number };
}

/** How far before the expected second a moment may start and still count. */
export const HIT_WINDOW_SECONDS = 90;

export function parseQueryFile(text: string): KnownItemQuery[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const value = JSON.parse(line) as KnownItemQuery;
      if (typeof value.q !== 'string' || typeof value.expect?.episode !== 'number' || typeof value.expect.t !== 'number') {
        throw new Error(`query file line ${i + 1}: expected {"q", "kind", "expect": {"episode", "t"}}`);
      }
      return value;
    });
}

export function isHit(query: KnownItemQuery, top: { episodeId: string; t: number }[]): boolean {
  return top.some(
    (m) => m.episodeId === String(query.expect.episode) && m.t <= query.expect.t && m.t >= query.expect.t - HIT_WINDOW_SECONDS,
  );
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
