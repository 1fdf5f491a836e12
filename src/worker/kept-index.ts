/** The search index kept in IndexedDB between launches, keyed by the data's content hash. */
import { openDB, type DBSchema } from 'idb';
import type { KeptIndex } from '../lib/search/engine';

interface KeptSchema extends DBSchema {
  indexes: { key: string; value: { hash: string; kept: KeptIndex } };
}

const DB_NAME = 'search-index';

async function open() {
  return openDB<KeptSchema>(DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore('indexes', { keyPath: 'hash' });
    },
  });
}

export async function loadKept(hash: string): Promise<KeptIndex | null> {
  try {
    const db = await open();
    const row = await db.get('indexes', hash);
    db.close();
    return row?.kept ?? null;
  } catch {
    return null; // no IndexedDB (private mode): build every time
  }
}

/** Keep only the current data's index: an app update replaces the old one. */
export async function saveKept(hash: string, kept: KeptIndex): Promise<void> {
  const db = await open();
  const tx = db.transaction('indexes', 'readwrite');
  await tx.store.clear();
  await tx.store.put({ hash, kept });
  await tx.done;
  db.close();
}
