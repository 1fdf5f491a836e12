import type { EpisodeFile } from '../../../src/lib/packs/format';
import type { EngineEpisode } from '../../../src/lib/search/corpus';

/** A small episode for engine tests: `[start, text]` lines, all said by the first speaker when one is given. */
export function episode(
  id: number,
  date: string,
  segments: [number, string][],
  speakers: string[] = [],
): { episode: EngineEpisode; file: EpisodeFile } {
  return {
    episode: { id: String(id), number: id, title: `Episode ${id}`, date },
    file: { schema: 1, id: String(id), speakers, segments: segments.map(([t, text]) => [t, speakers.length ? 0 : -1, text]) },
  };
}
