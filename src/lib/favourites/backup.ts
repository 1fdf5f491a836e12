/** The favourites' copy outside IndexedDB (see backup-copies.ts): rewritten whole after each change, it is small. */
import { copiesOf, putCopy, type CopyStorage } from '../backup-copies';
import { isFavourite, type Favourite } from './model';
import type { FavouritesStore } from './store';

const KEY = 'favourites';

export function writeBackup(items: Favourite[], storage?: CopyStorage | null): Promise<void> {
  return putCopy(KEY, items, storage);
}

/** The favourites of the copy; none when there is no copy or it cannot be read. */
export async function readBackup(storage?: CopyStorage | null): Promise<Favourite[]> {
  const [items] = await copiesOf(KEY, storage);
  return Array.isArray(items) ? items.filter(isFavourite) : [];
}

/**
 * Puts the copy's favourites back when the store holds none at all (the browser deleted it); returns how many.
 * A store with any row, even a damaged one, is left alone. Never throws: still failing storage is reported by
 * what the app does next.
 */
export async function restoreIfEmpty(store: FavouritesStore, storage?: CopyStorage | null): Promise<number> {
  try {
    const { items, damaged, newer } = await store.list();
    if (items.length > 0 || damaged.length > 0 || newer > 0) return 0;
    const saved = await readBackup(storage);
    return saved.length === 0 ? 0 : (await store.merge(saved)).added;
  } catch {
    return 0;
  }
}

/** What to tell the user after `restoreIfEmpty` put `count` favourites back; null when it put none. */
export function restoredMessage(count: number): string | null {
  if (count === 0) return null;
  const them = count === 1 ? 'your favourite was' : `your ${count} favourites were`;
  return `The browser lost the app's saved data (this can happen when the device runs out of space): ${them} put back from the app's own copy.`;
}
