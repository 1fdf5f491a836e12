/** The search index kept in IndexedDB between launches, keyed by the content-hashed catalogue URL. */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { KeptIndex } from '../lib/search/engine';

interface KeptSchema extends DBSchema {
  indexes: { key: string; value: { key: string; kept: KeptIndex } };
}

export const KEPT_DB_NAME = 'search-index';

/**
 * Open, or fail at once when an old tab blocks the upgrade: the kept index is only a cache, so search
 * builds afresh rather than waiting on "Preparing search…" forever.
 */
function open(): Promise<IDBPDatabase<KeptSchema>> {
  return new Promise((resolve, reject) => {
    let gaveUp = false;
    openDB<KeptSchema>(KEPT_DB_NAME, 2, {
      upgrade(db, oldVersion) {
        // A cache: any older layout is simply dropped and rebuilt.
        if (oldVersion > 0) db.deleteObjectStore('indexes');
        db.createObjectStore('indexes', { keyPath: 'key' });
      },
      blocked: () => {
        gaveUp = true;
        reject(new Error('the kept search index is held open by an older tab'));
      },
      blocking(this: void, _current, _next, event) {
        (event.target as IDBDatabase).close();
      },
    }).then((db) => (gaveUp ? db.close() : resolve(db)), reject);
  });
}

export async function loadKept(key: string): Promise<KeptIndex | null> {
  try {
    const db = await open();
    const row = await db.get('indexes', key);
    db.close();
    return row?.kept ?? null;
  } catch {
    return null; // no IndexedDB (private mode), or blocked: build every time
  }
}

/** Keep only the current data's index: an app update or a rebuild replaces the old one. */
export async function saveKept(key: string, kept: KeptIndex): Promise<void> {
  const db = await open();
  const tx = db.transaction('indexes', 'readwrite');
  await tx.store.clear();
  await tx.store.put({ key, kept });
  await tx.done;
  db.close();
}
