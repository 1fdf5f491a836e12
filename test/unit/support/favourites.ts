/** Favourites for unit tests: a moment, a whole episode, the episodes an app knows, an import file. */
import { favouriteId, type Favourite } from '../../../src/lib/favourites/model';
import type { KnownEpisode } from '../../../src/lib/favourites/transfer';

export const moment = (episodeId: string, t: number, extra: Partial<Favourite> = {}): Favourite => ({
  id: favouriteId(episodeId, t),
  kind: 'moment',
  episodeId,
  episodeTitle: `Episode ${episodeId}`,
  t,
  quote: `quote at ${t}`,
  note: '',
  createdAt: 1000 + t,
  updatedAt: 1000 + t,
  ...extra,
});
export const wholeEpisode = (episodeId: string): Favourite => ({
  id: episodeId,
  kind: 'episode',
  episodeId,
  episodeTitle: `Episode ${episodeId}`,
  t: null,
  quote: '',
  note: '',
  createdAt: 5000,
  updatedAt: 5000,
});

export const known = new Map<string, KnownEpisode>([
  ['98', { title: 'Episode 98', duration: 1615 }],
  ['233', { title: 'Episode 233', duration: 3053 }],
]);
export const fileOf = (value: unknown) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return { text, bytes: new TextEncoder().encode(text).length };
};
