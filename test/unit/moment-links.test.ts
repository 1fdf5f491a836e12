import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { momentIndex, momentRefAt } from '../../src/lib/deeplink';
import { episodeHref, parseRoute } from '../../src/lib/routes';
import type { Episode } from '../../src/lib/transcript/model';
import { ingestFolder } from '../../src/node/transcripts-folder';

const CORPUS = '../shared/corpus/pythonbytes';
const present = existsSync(CORPUS);
if (!present) console.warn(`SKIPPED corpus link test: ${CORPUS} is not present`);

/** Every line's link, written as the app writes it and read as the app reads it, must land on that line. */
function misses(episodes: Episode[]): string[] {
  const wrong: string[] = [];
  for (const episode of episodes) {
    const times = episode.segments.map((s) => s.t);
    for (let i = 0; i < times.length; i++) {
      const url = new URL(episodeHref('/', episode.id, momentRefAt(times, i)), 'http://x');
      const route = parseRoute(url.pathname, url.search, '/');
      if (route.name !== 'episode' || route.t.kind !== 'ok') {
        wrong.push(`${episode.id} line ${i}: ${url.search} did not parse`);
        continue;
      }
      const landed = momentIndex(times, { t: route.t.seconds, n: route.n });
      if (landed !== i) wrong.push(`${episode.id} line ${i} (${url.search}) landed on line ${landed}`);
    }
  }
  return wrong;
}

describe('moment links', () => {
  it('land on their own line in every bundled episode', () => {
    expect(misses(ingestFolder('transcripts').result.episodes)).toEqual([]);
  });

  it('land on their own line in WebVTT and SRT files with fractional and shared start times', () => {
    expect(misses(ingestFolder('test/fixtures/formats').result.episodes)).toEqual([]);
  });

  it.skipIf(!present)('land on their own line for every line of the shared corpus', () => {
    const { episodes } = ingestFolder(CORPUS).result;
    const shared = episodes.reduce(
      (n, e) => n + e.segments.filter((s, i) => i > 0 && Math.floor(e.segments[i - 1]!.t) === Math.floor(s.t)).length,
      0,
    );
    expect(shared).toBeGreaterThan(1000); // the case that used to point at the wrong line is common
    expect(misses(episodes)).toEqual([]);
  });
});
