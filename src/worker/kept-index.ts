/** The search index kept in IndexedDB between launches, keyed by the content-hashed catalogue URL. */
import { openDB, type DBSchema } from 'idb';
import type { KeptIndex } from '../lib/search/engine';

interface KeptSchema extends DBSchema {
  indexes: { key: string; value: { key: string; kept: KeptIndex } };
}

const DB_NAME = 'search-index';

async function open() {
  return openDB<KeptSchema>(DB_NAME, 2, {
    upgrade(db, oldVersion) {
      // A cache: any older layout is simply dropped and rebuilt.
      if (oldVersion > 0) db.deleteObjectStore('indexes');
      db.createObjectStore('indexes', { keyPath: 'key' });
    },
  });
}

export async function loadKept(key: string): Promise<KeptIndex | null> {
  try {
    const db = await open();
    const row = await db.get('indexes', key);
    db.close();
    return row?.kept ?? null;
  } catch {
    return null; // no IndexedDB (private mode): build every time
  }
}

/** Keep only the current data's index: an app update replaces the old one. */
export async function saveKept(key: string, kept: KeptIndex): Promise<void> {
  const db = await open();
  const tx = db.transaction('indexes', 'readwrite');
  await tx.store.clear();
  await tx.store.put({ key, kept });
  await tx.done;
  db.close();
}
