/**
 * Where favourites are in the data this app has now, found by the search worker: an update may have moved or
 * reworded a line, or removed an episode. Found when shown, never written back.
 */
import { isYours } from '../../lib/yours/model';
import type { Anchor } from '../../lib/favourites/anchor';
import type { MomentRef } from '../../lib/deeplink';
import type { Favourite } from '../../lib/favourites/model';
import { catalogue } from './catalogue.svelte';
import { search } from './search.svelte';

/** A moment's quote is the episode's own line: the one with the file's quote, else the one its time names. */
/** Where a favourite is in the current data. */
export type Whereabouts =
  | { status: 'here'; ref: MomentRef | null }
  | { status: 'moved'; ref: MomentRef }
  | { status: 'missing'; ref: MomentRef | null }
  | { status: 'episode-gone' };

/** The moment favourites of episodes this app has. */
async function momentsHere(items: Favourite[]): Promise<Favourite[]> {
  await catalogue.loaded;
  return items.filter((i) => i.kind === 'moment' && catalogue.byId.has(i.episodeId));
}

const anchorsOf = (moments: Favourite[]) =>
  search.anchor(moments.map((m) => ({ episodeId: m.episodeId, t: m.t!, n: m.n, quote: m.quote })));

/** Each moment favourite's anchor by id; null when search could not start (favourites show where they were saved). */
export async function locateMoments(items: Favourite[]): Promise<Map<string, Anchor | null> | null> {
  const moments = await momentsHere(items);
  if (moments.length === 0) return null;
  try {
    const anchors = await anchorsOf(moments);
    return new Map(moments.map((m, i) => [m.id, anchors[i] ?? null]));
  } catch {
    return null;
  }
}

export function whereaboutsOf(item: Favourite, anchors: Map<string, Anchor | null>): Whereabouts {
  // The user's own transcripts are known once read from storage, after the catalogue.
  const known = catalogue.data && (!isYours(item.episodeId) || catalogue.yoursLoaded);
  if (known && !catalogue.byId.has(item.episodeId)) return { status: 'episode-gone' };
  if (item.t === null) return { status: 'here', ref: null };
  const stored = { t: item.t, n: item.n ?? 1 };
  const anchor = anchors.get(item.id);
  if (anchor === undefined || anchor === null) return { status: 'here', ref: stored };
  if (anchor.status === 'missing') return { status: 'missing', ref: anchor.named?.ref ?? stored };
  return { status: anchor.status === 'exact' ? 'here' : 'moved', ref: anchor.ref };
}

/** Imported favourites take their quotes from the episodes as this app has them. */
export async function withEpisodeQuotes(items: Favourite[]): Promise<Favourite[]> {
  const moments = await momentsHere(items);
  if (moments.length === 0) return items;
  let anchors: (Anchor | null)[];
  try {
    anchors = await search.anchor(moments.map((m) => ({ episodeId: m.episodeId, t: m.t!, n: m.n, quote: m.quote })));
  } catch {
    return items; // search could not start: keep the file's quotes, re-anchored later
  }
  const fixed = new Map(
    moments.flatMap((m, i): [string, Favourite][] => {
      const anchor = anchors[i];
      const found = anchor ? (anchor.status === 'missing' ? anchor.named : anchor) : null;
      // Time and id stay as in the file (the same favourite merges by id); where it is now is found on display.
      return found ? [[m.id, { ...m, quote: found.text }]] : [];
    }),
  );
  return items.map((i) => fixed.get(i.id) ?? i);
}
