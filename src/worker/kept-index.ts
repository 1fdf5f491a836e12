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
/** Reading the kept bytes: see keptFor. */
const BYTES_PATIENCE_MS = 10_000;

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

/** The one kept record (there is at most one), whichever data it was built from. */
export interface KeptRecord {
  key: string;
  stored: StoredIndex;
}

/**
 * Read before the worker is told which data it serves: opening the database and reading the record then
 * overlap the worker's own start (its first message arrives some 15 ms after its script has run). A read still
 * waiting after `patienceMs` (behind the transaction of a page just closed, say) gives nothing: the kept index is
 * only a cache, and building is quicker than waiting on "Preparing search…".
 */
export async function readKeptRecord(patienceMs = OPEN_PATIENCE_MS): Promise<KeptRecord | null> {
  const read = (async () => {
    const db = await open();
    try {
      const cursor = await db.transaction(KEPT_STORE).store.openCursor();
      const row = cursor?.value ?? null;
      return row?.stored ? row : null;
    } finally {
      db.close();
    }
  })();
  return orNull(read, patienceMs); // no IndexedDB (private mode), blocked or stuck: build
}

/** What `work` gives, or null when it fails or is still waiting after `patienceMs`. */
async function orNull<T>(work: Promise<T | null>, patienceMs: number): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const patience = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), patienceMs)));
  try {
    return await Promise.race([work, patience]);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** The index a kept record holds when it was built from the data `key` names; null for other data or unreadable bytes. */
export async function keptFor(record: KeptRecord | null, key: string): Promise<KeptIndex | null> {
  if (record?.key !== key) return null;
  // Its bytes take ~0.1 s at 1,000 episodes here: a read not done in ten seconds is stuck.
  return orNull(fromStored(record.stored), BYTES_PATIENCE_MS);
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
