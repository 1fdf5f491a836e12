/**
 * The only module that touches IndexedDB for favourites: typed schema, numbered migrations,
 * and an old tab that steps aside when a newer version of the app needs the database.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { isFavourite, type Favourite } from './model';

export const DB_NAME = 'favourites';
export const DB_VERSION = 2;

interface FavouritesSchema extends DBSchema {
  favourites: { key: string; value: Favourite; indexes: { 'by-created': number } };
}

/** Shape written by version 1 of the app (moments only, no notes). */
interface FavouriteV1 {
  id: string;
  episodeId: string;
  episodeTitle: string;
  t: number;
  quote: string;
  createdAt: number;
}

type WriteTx = IDBPTransaction<FavouritesSchema, ['favourites'], 'readwrite'>;

export class StorageError extends Error {
  constructor(
    message: string,
    readonly reason: 'unavailable' | 'full' | 'failed',
  ) {
    super(message);
  }
}

export function describeStorageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const name = (error as DOMException | undefined)?.name;
  if (name === 'QuotaExceededError') {
    return new StorageError(
      'Your device is out of storage space, so this change was not saved. Everything saved before is still there.',
      'full',
    );
  }
  if (name === 'InvalidStateError' || name === 'SecurityError' || name === 'UnknownError') {
    return new StorageError(
      'This browser does not let the app store data (private browsing?), so favourites cannot be saved here.',
      'unavailable',
    );
  }
  return new StorageError(`Saving failed: ${(error as Error)?.message ?? String(error)}`, 'failed');
}

export interface ListResult {
  items: Favourite[];
  /** Stored rows that do not look like favourites (damaged storage): left in place, reported. */
  damaged: number;
}

export class FavouritesStore {
  private constructor(private readonly db: IDBPDatabase<FavouritesSchema>) {}

  static async open(events: { onVersionChange?: () => void } = {}): Promise<FavouritesStore> {
    if (typeof indexedDB === 'undefined')
      throw new StorageError('This browser has no IndexedDB, so favourites cannot be saved here.', 'unavailable');
    try {
      const db = await openDB<FavouritesSchema>(DB_NAME, DB_VERSION, {
        async upgrade(database, oldVersion, _newVersion, tx) {
          if (oldVersion < 1) {
            database.createObjectStore('favourites', { keyPath: 'id' });
          }
          if (oldVersion < 2) {
            // v2: whole episodes, notes, edit times, and an index to list newest first.
            const store = tx.objectStore('favourites');
            store.createIndex('by-created', 'createdAt');
            let cursor = await store.openCursor();
            while (cursor) {
              const old = cursor.value as unknown as FavouriteV1;
              await cursor.update({ ...old, kind: 'moment', note: '', updatedAt: old.createdAt });
              cursor = await cursor.continue();
            }
          }
        },
        blocking() {
          // A newer version of the app (another tab) wants to upgrade: close and let it.
          db.close();
          events.onVersionChange?.();
        },
      });
      return new FavouritesStore(db);
    } catch (error) {
      throw describeStorageError(error);
    }
  }

  close(): void {
    this.db.close();
  }

  async list(): Promise<ListResult> {
    const rows: unknown[] = await this.db.getAll('favourites');
    const items = rows.filter(isFavourite).sort((a, b) => b.createdAt - a.createdAt);
    return { items, damaged: rows.length - items.length };
  }

  async put(item: Favourite): Promise<void> {
    await this.write(async (tx) => {
      await tx.store.put(item);
    });
  }

  async remove(id: string): Promise<void> {
    await this.write(async (tx) => {
      await tx.store.delete(id);
    });
  }

  async setNote(id: string, note: string, now = Date.now()): Promise<void> {
    await this.write(async (tx) => {
      const item = await tx.store.get(id);
      if (!item) throw new StorageError('That favourite no longer exists.', 'failed');
      await tx.store.put({ ...item, note, updatedAt: now });
    });
  }

  /** Merge by id in one transaction: all or nothing. Newer edits win. */
  async merge(items: Favourite[]): Promise<{ added: number; updated: number }> {
    let added = 0;
    let updated = 0;
    await this.write(async (tx) => {
      for (const item of items) {
        const existing = await tx.store.get(item.id);
        if (!existing) added++;
        else if (item.updatedAt > existing.updatedAt) updated++;
        else continue;
        await tx.store.put(existing ? { ...item, createdAt: Math.min(existing.createdAt, item.createdAt) } : item);
      }
    });
    return { added, updated };
  }

  /** Empty the store (used to recover from damaged data, only when the user asks). */
  async clear(): Promise<void> {
    await this.write(async (tx) => {
      await tx.store.clear();
    });
  }

  private async write(work: (tx: WriteTx) => Promise<void>): Promise<void> {
    const tx = this.tx();
    try {
      await Promise.all([work(tx), tx.done]);
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // already finished or aborted
      }
      throw describeStorageError(error);
    }
  }

  private tx(): WriteTx {
    return this.db.transaction('favourites', 'readwrite');
  }
}
