/**
 * The only module that touches IndexedDB for favourites: typed schema, numbered migrations,
 * and an old tab that steps aside when a newer version of the app needs the database.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { describeStorageError, NoteConflict, settleTransaction, StorageError } from './errors';
import { classifyRow, type Favourite } from './model';

export { describeStorageError, NoteConflict, StorageError } from './errors';

export const DB_NAME = 'favourites';
export const DB_VERSION = 3;

/** A damaged row moved out of the way: kept as it was, with the key it had. */
export interface QuarantinedRow {
  key: string;
  row: unknown;
  movedAt: number;
}

interface FavouritesSchema extends DBSchema {
  favourites: { key: string; value: Favourite; indexes: { 'by-created': number } };
  quarantine: { key: number; value: QuarantinedRow };
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

export interface ListResult {
  items: Favourite[];
  /** Stored rows that do not look like favourites (damaged storage): left in place until the user moves them aside. */
  damaged: { key: string; row: unknown }[];
  /** Rows of kinds a newer version of the app writes: kept untouched, not shown. */
  newer: number;
}

export interface MergeResult {
  added: number;
  updated: number;
  /** Items whose stored copy was edited more recently: left as they are. */
  keptNewer: number;
}

export interface OpenEvents {
  /** A newer version of the app (another tab) needs the database: this connection has closed. */
  onVersionChange?: () => void;
  /** An older tab holds the database open, so this upgrade waits until it closes or reloads. */
  onBlocked?: () => void;
  /** The browser closed the connection itself (Chromium does after a write hits a full disk): open again to go on. */
  onTerminated?: () => void;
}

export class FavouritesStore {
  private constructor(private readonly db: IDBPDatabase<FavouritesSchema>) {}

  static async open(events: OpenEvents = {}): Promise<FavouritesStore> {
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
          if (oldVersion < 3) {
            // v3: damaged rows can be moved aside instead of deleted.
            database.createObjectStore('quarantine', { autoIncrement: true });
          }
        },
        blocked() {
          events.onBlocked?.();
        },
        terminated() {
          events.onTerminated?.();
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
    const tx = this.db.transaction('favourites');
    const [keys, rows] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll() as Promise<unknown[]>]);
    const items: Favourite[] = [];
    const damaged: ListResult['damaged'] = [];
    let newer = 0;
    rows.forEach((row, i) => {
      const kind = classifyRow(row);
      if (kind === 'favourite') items.push(row as Favourite);
      else if (kind === 'newer') newer++;
      else damaged.push({ key: String(keys[i]), row });
    });
    items.sort((a, b) => b.createdAt - a.createdAt);
    return { items, damaged, newer };
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

  /**
   * Save a note written over the version stored at `baseUpdatedAt`. If another tab saved since, nothing
   * is written and NoteConflict says what is stored now.
   */
  async setNote(id: string, note: string, baseUpdatedAt: number, now = Date.now()): Promise<Favourite> {
    let saved!: Favourite;
    await this.write(async (tx) => {
      const item = await tx.store.get(id);
      if (!item) throw new StorageError('That favourite was removed (in another tab?), so the note has nowhere to go.', 'failed');
      if (item.updatedAt !== baseUpdatedAt) throw new NoteConflict(item);
      saved = { ...item, note, updatedAt: Math.max(now, item.updatedAt + 1) };
      await tx.store.put(saved);
    });
    return saved;
  }

  /** Undo of a removal: puts the item back unless something newer has taken its place since. */
  async restore(item: Favourite): Promise<boolean> {
    let restored = false;
    await this.write(async (tx) => {
      const existing = await tx.store.get(item.id);
      if (existing && existing.updatedAt >= item.updatedAt) return;
      await tx.store.put(item);
      restored = true;
    });
    return restored;
  }

  /** Merge by id in one transaction: all or nothing. Newer edits win. */
  async merge(items: Favourite[]): Promise<MergeResult> {
    const result: MergeResult = { added: 0, updated: 0, keptNewer: 0 };
    await this.write(async (tx) => {
      for (const item of items) {
        const existing = await tx.store.get(item.id);
        if (!existing) result.added++;
        else if (item.updatedAt > existing.updatedAt) result.updated++;
        else {
          if (item.updatedAt < existing.updatedAt) result.keptNewer++;
          continue;
        }
        await tx.store.put(existing ? { ...item, createdAt: Math.min(existing.createdAt, item.createdAt) } : item);
      }
    });
    return result;
  }

  /** Move damaged rows out of the favourites into the quarantine store, in one transaction. */
  async quarantine(keys: string[], now = Date.now()): Promise<void> {
    const tx = this.db.transaction(['favourites', 'quarantine'], 'readwrite');
    await settleTransaction(tx, async () => {
      const [favourites, quarantine] = [tx.objectStore('favourites'), tx.objectStore('quarantine')];
      for (const key of keys) {
        const row: unknown = await favourites.get(key);
        if (row === undefined) continue;
        await quarantine.add({ key, row, movedAt: now });
        await favourites.delete(key);
      }
    });
  }

  async quarantined(): Promise<QuarantinedRow[]> {
    return this.db.getAll('quarantine');
  }

  private async write(work: (tx: WriteTx) => Promise<void>): Promise<void> {
    const tx = this.db.transaction('favourites', 'readwrite');
    await settleTransaction(tx, () => work(tx));
  }
}
