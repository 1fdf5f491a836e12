/**
 * The peer the topic figures are compared with, in the same bench run: MiniSearch over 60-second passages
 * of the same transcripts (each passage one document, its episode kept), prefix and fuzzy search on.
 */
import MiniSearch from 'minisearch';
import type { Episode } from '../../lib/transcript/model';

const PASSAGE_SECONDS = 60;

export function peerAnswers(episodes: Episode[], queries: string[]): string[][] {
  const passages: { id: number; episode: string; text: string }[] = [];
  for (const episode of episodes) {
    let start = -Infinity;
    for (const segment of episode.segments) {
      if (segment.t - start >= PASSAGE_SECONDS || passages.at(-1)?.episode !== episode.id) {
        passages.push({ id: passages.length, episode: episode.id, text: '' });
        start = segment.t;
      }
      passages.at(-1)!.text += ` ${segment.text}`;
    }
  }
  const index = new MiniSearch({ fields: ['text'], storeFields: ['episode'] });
  index.addAll(passages);
  return queries.map((q) => {
    const seen: string[] = [];
    for (const hit of index.search(q, { prefix: true, fuzzy: 0.2 })) {
      const episode = hit.episode as string;
      if (!seen.includes(episode)) seen.push(episode);
      if (seen.length === 10) break;
    }
    return seen;
  });
}
