/** The search index kept in IndexedDB between launches, keyed by the content-hashed catalogue URL. */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { fromStored, toStored, withBytes, type StoredIndex } from '../lib/search/kept-storage';
import { KEPT_DB_NAME, KEPT_STORE, type KeptIndex } from '../lib/search/search-index';

interface KeptSchema extends DBSchema {
  [KEPT_STORE]: { key: string; value: { key: string; stored: StoredIndex } };
}

/**
 * An open waiting behind another (an earlier upgrade still blocked by an old tab) gets no "blocked" event
 * of its own; past this, building the index is quicker than waiting.
 */
const OPEN_PATIENCE_MS = 3000;

/**
 * Open, or fail soon when an old tab blocks the upgrade: the kept index is only a cache, so search
 * builds afresh rather than waiting on "Preparing search…" forever.
 */
function open(): Promise<IDBPDatabase<KeptSchema>> {
  return new Promise((resolve, reject) => {
    let gaveUp = false;
    const giveUp = (why: string) => {
      gaveUp = true;
      reject(new Error(why));
    };
    const timer = setTimeout(() => giveUp('the kept search index did not open in time'), OPEN_PATIENCE_MS);
    openDB<KeptSchema>(KEPT_DB_NAME, 2, {
      upgrade(db) {
        // A cache: any older layout is simply dropped and rebuilt.
        for (const name of [...db.objectStoreNames]) db.deleteObjectStore(name);
        db.createObjectStore(KEPT_STORE, { keyPath: 'key' });
      },
      blocked: () => giveUp('the kept search index is held open by an older tab'),
      blocking(this: void, _current, _next, event) {
        (event.target as IDBDatabase).close();
      },
    }).then((db) => {
      clearTimeout(timer);
      if (gaveUp) db.close();
      else resolve(db);
    }, reject);
  });
}

export async function loadKept(key: string): Promise<KeptIndex | null> {
  try {
    const db = await open();
    const row = await db.get(KEPT_STORE, key);
    db.close();
    return row?.stored ? await fromStored(row.stored) : null;
  } catch {
    return null; // no IndexedDB (private mode), blocked, or unreadable bytes: build every time
  }
}

/** Keep only the current data's index: an app update or a rebuild replaces the old one. */
export async function saveKept(key: string, kept: KeptIndex): Promise<void> {
  const stored = toStored(kept);
  const db = await open();
  const put = async (row: StoredIndex) => {
    const tx = db.transaction(KEPT_STORE, 'readwrite');
    await tx.store.clear();
    await tx.store.put({ key, stored: row });
    await tx.done;
  };
  try {
    // WebKit keeps no Blob in IndexedDB in a private (or automated) session: then the bytes themselves.
    await put(stored).catch(async () => put(await withBytes(stored)));
  } finally {
    db.close();
  }
}
