/**
 * The only module that touches IndexedDB for imported transcripts ("Your transcripts"): a database of its own,
 * apart from favourites and the search index, so rebuilding either never touches what the user imported.
 * Entries (for lists) and files (the lines) are separate stores: listing never reads every transcript.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { describeStorageError, settleTransaction, StorageError } from '../favourites/errors';
import type { EpisodeFile } from '../packs/format';
import { importedFile, isYourEntry, type YourEntry, type YourTranscript } from './model';
import { dropCopy, keepCopy, savedCopies } from './backup';

export const YOURS_DB_NAME = 'your-transcripts';
export const YOURS_DB_VERSION = 1;
const WHAT = 'imported transcripts';

interface YoursSchema extends DBSchema {
  entries: { key: string; value: YourEntry };
  files: { key: string; value: EpisodeFile };
}

export interface AddResult {
  added: YourEntry[];
  /** Already imported (the same lines): left as they are, title included. */
  existing: YourEntry[];
}

export class YoursStore {
  private constructor(private readonly db: IDBPDatabase<YoursSchema>) {}

  static async open(events: { onVersionChange?: () => void } = {}): Promise<YoursStore> {
    if (typeof indexedDB === 'undefined')
      throw new StorageError(`This browser has no IndexedDB, so ${WHAT} cannot be kept here.`, 'unavailable');
    try {
      const db = await openDB<YoursSchema>(YOURS_DB_NAME, YOURS_DB_VERSION, {
        upgrade(database, oldVersion) {
          if (oldVersion < 1) {
            database.createObjectStore('entries', { keyPath: 'id' });
            database.createObjectStore('files', { keyPath: 'id' });
          }
        },
        blocking() {
          // A newer version of the app (another tab) wants to upgrade: close and let it.
          db.close();
          events.onVersionChange?.();
        },
      });
      const store = new YoursStore(db);
      await store.restoreIfEmpty();
      return store;
    } catch (error) {
      throw describeStorageError(error, 'open', WHAT);
    }
  }

  close(): void {
    this.db.close();
  }

  /** Newest first; damaged rows are left in place and not listed. */
  async list(): Promise<YourEntry[]> {
    const rows: unknown[] = await this.db.getAll('entries');
    return rows.filter(isYourEntry).sort((a, b) => b.addedAt - a.addedAt);
  }

  /** Every listed transcript with its lines, for the search worker. */
  async all(): Promise<YourTranscript[]> {
    const tx = this.db.transaction(['entries', 'files']);
    const [entries, files] = await Promise.all([tx.objectStore('entries').getAll(), tx.objectStore('files').getAll()]);
    const byId = new Map<string, unknown>(files.map((f: unknown) => [(f as { id?: unknown })?.id as string, f]));
    return (entries as unknown[]).filter(isYourEntry).flatMap((e) => {
      const lines = importedFile(byId.get(e.id), e.id);
      return lines ? [{ entry: e.entry, file: lines }] : [];
    });
  }

  async file(id: string): Promise<EpisodeFile | null> {
    return importedFile(await this.db.get('files', id), id);
  }

  /** In one transaction: all of them are kept, or none. */
  async add(transcripts: YourTranscript[], now = Date.now()): Promise<AddResult> {
    const result: AddResult = { added: [], existing: [] };
    const tx = this.db.transaction(['entries', 'files'], 'readwrite');
    const [entries, files] = [tx.objectStore('entries'), tx.objectStore('files')];
    await settleTransaction(
      tx,
      async () => {
        for (const [i, { entry, file }] of transcripts.entries()) {
          const stored: unknown = await entries.get(entry.id);
          if (isYourEntry(stored)) {
            result.existing.push(stored);
            continue;
          }
          // Later files of one import list above earlier ones, as the newest first.
          const row: YourEntry = { id: entry.id, entry, addedAt: now + i };
          await entries.put(row);
          await files.put(file);
          result.added.push(row);
        }
      },
      WHAT,
    );
    const lines = new Map(transcripts.map(({ file }) => [file.id, file]));
    await Promise.all(result.added.map((row) => keepCopy({ row, file: lines.get(row.id)! })));
    return result;
  }

  async rename(id: string, title: string): Promise<YourEntry> {
    let renamed!: YourEntry;
    const tx = this.db.transaction('entries', 'readwrite');
    await settleTransaction(
      tx,
      async () => {
        const stored: unknown = await tx.store.get(id);
        if (!isYourEntry(stored))
          throw new StorageError('That transcript was deleted (in another tab?), so it cannot be renamed.', 'failed');
        renamed = { ...stored, entry: { ...stored.entry, title } };
        await tx.store.put(renamed);
      },
      WHAT,
    );
    const file = await this.file(id);
    if (file) await keepCopy({ row: renamed, file });
    return renamed;
  }

  async remove(id: string): Promise<void> {
    const tx = this.db.transaction(['entries', 'files'], 'readwrite');
    await settleTransaction(
      tx,
      () => Promise.all([tx.objectStore('entries').delete(id), tx.objectStore('files').delete(id)]).then(() => undefined),
      WHAT,
    );
    await dropCopy(id);
  }

  /**
   * When the store holds no transcript at all but copies exist, the browser deleted the database (see
   * backup-copies.ts): put them back as they were. Never throws: the store opens either way.
   */
  private async restoreIfEmpty(): Promise<void> {
    try {
      if ((await this.db.count('entries')) > 0) return;
      const copies = await savedCopies();
      if (copies.length === 0) return;
      const tx = this.db.transaction(['entries', 'files'], 'readwrite');
      await settleTransaction(
        tx,
        () =>
          Promise.all(copies.flatMap(({ row, file }) => [tx.objectStore('entries').put(row), tx.objectStore('files').put(file)])).then(
            () => undefined,
          ),
        WHAT,
      );
    } catch {
      // still failing storage: what the app does next reports it
    }
  }
}
