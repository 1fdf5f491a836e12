import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { type Favourite } from '../../src/lib/favourites/model';
import { settleTransaction } from '../../src/lib/favourites/errors';
import { DB_NAME, FavouritesStore, NoteConflict, StorageError } from '../../src/lib/favourites/store';
import { moment, wholeEpisode } from './support/favourites';

beforeEach(() => {
  // A fresh database per test.
  globalThis.indexedDB = new IDBFactory();
});

describe('favourites store', () => {
  it('adds, lists newest first, updates a note, removes', async () => {
    const store = await FavouritesStore.open();
    await store.put(moment('233', 78));
    await store.put(wholeEpisode('98'));
    expect((await store.list()).items.map((i) => i.id)).toEqual(['98', '233@78']);
    await store.setNote('233@78', 'great bit', 1078, 9999);
    const [, item] = (await store.list()).items;
    expect(item).toMatchObject({ id: '233@78', note: 'great bit', updatedAt: 9999 });
    await store.remove('98');
    expect((await store.list()).items.map((i) => i.id)).toEqual(['233@78']);
    store.close();
  });

  it('migrates a version-1 database, keeping every saved moment', async () => {
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open(DB_NAME, 1);
      open.onupgradeneeded = () => {
        const store = open.result.createObjectStore('favourites', { keyPath: 'id' });
        store.put({ id: '233@78', episodeId: '233', episodeTitle: 'RaaS', t: 78, quote: 'readme', createdAt: 10 });
        store.put({ id: '98@5', episodeId: '98', episodeTitle: 'Electron', t: 5, quote: 'gui', createdAt: 20 });
      };
      open.onsuccess = () => {
        open.result.close();
        resolve();
      };
      open.onerror = () => reject(open.error);
    });
    const store = await FavouritesStore.open();
    const { items, damaged } = await store.list();
    expect(damaged).toEqual([]);
    expect(items).toEqual([
      { id: '98@5', kind: 'moment', episodeId: '98', episodeTitle: 'Electron', t: 5, quote: 'gui', note: '', createdAt: 20, updatedAt: 20 },
      {
        id: '233@78',
        kind: 'moment',
        episodeId: '233',
        episodeTitle: 'RaaS',
        t: 78,
        quote: 'readme',
        note: '',
        createdAt: 10,
        updatedAt: 10,
      },
    ]);
    store.close();
  });

  it('merges an import by id without duplicates; newer edits win', async () => {
    const store = await FavouritesStore.open();
    await store.put(moment('233', 78, { note: 'old', updatedAt: 1 }));
    const result = await store.merge([moment('233', 78, { note: 'new', updatedAt: 50 }), moment('98', 5)]);
    expect(result).toEqual({ added: 1, updated: 1, keptNewer: 0 });
    const again = await store.merge([moment('233', 78, { note: 'new', updatedAt: 50 })]);
    expect(again).toEqual({ added: 0, updated: 0, keptNewer: 0 });
    const older = await store.merge([moment('233', 78, { note: 'older', updatedAt: 20 })]);
    expect(older).toEqual({ added: 0, updated: 0, keptNewer: 1 });
    const { items } = await store.list();
    expect(items).toHaveLength(2);
    expect(items.find((i) => i.id === '233@78')!.note).toBe('new');
    store.close();
  });

  it('is atomic: a failing import changes nothing', async () => {
    const store = await FavouritesStore.open();
    await store.put(moment('233', 78));
    const bad = { ...moment('98', 5), id: undefined } as unknown as Favourite; // keyPath missing: the put throws
    await expect(store.merge([moment('98', 1), bad])).rejects.toBeInstanceOf(StorageError);
    expect((await store.list()).items.map((i) => i.id)).toEqual(['233@78']);
    store.close();
  });

  it('reports damaged rows, moves only them aside, and keeps rows of newer kinds untouched', async () => {
    const store = await FavouritesStore.open();
    await store.put(moment('233', 78));
    await store.put({ id: 'junk', kind: 'moment' } as unknown as Favourite);
    const fromTheFuture = { id: 'clip-1', kind: 'clip', episodeId: '233', start: 1, end: 9 };
    await store.put(fromTheFuture as unknown as Favourite);
    const { items, damaged, newer } = await store.list();
    expect(items.map((i) => i.id)).toEqual(['233@78']);
    expect(damaged).toEqual([{ key: 'junk', row: { id: 'junk', kind: 'moment' } }]);
    expect(newer).toBe(1);
    await store.quarantine(
      damaged.map((d) => d.key),
      7,
    );
    const after = await store.list();
    expect(after.items.map((i) => i.id)).toEqual(['233@78']);
    expect(after.damaged).toEqual([]);
    expect(after.newer).toBe(1);
    expect(await store.quarantined()).toEqual([{ key: 'junk', row: { id: 'junk', kind: 'moment' }, movedAt: 7 }]);
    store.close();
  });

  it('refuses a note written over a version another tab has changed since', async () => {
    const store = await FavouritesStore.open();
    await store.put(moment('233', 78));
    const first = await store.setNote('233@78', 'from tab one', 1078, 2000);
    const conflict = await store.setNote('233@78', 'from tab two', 1078, 2001).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(NoteConflict);
    expect((conflict as NoteConflict).stored.note).toBe('from tab one');
    await store.setNote('233@78', 'from tab two', first.updatedAt, 2002);
    expect((await store.list()).items[0]!.note).toBe('from tab two');
    store.close();
  });

  it('undo never overwrites a newer copy of the same favourite', async () => {
    const store = await FavouritesStore.open();
    const old = moment('233', 78, { note: 'old', updatedAt: 10 });
    await store.put(old);
    await store.remove(old.id);
    await store.put(moment('233', 78, { note: 'saved again', updatedAt: 20 }));
    expect(await store.restore(old)).toBe(false);
    expect((await store.list()).items[0]!.note).toBe('saved again');
    await store.remove(old.id);
    expect(await store.restore(old)).toBe(true);
    expect((await store.list()).items[0]!.note).toBe('old');
    store.close();
  });

  it('reports a full disk during a write as out of storage, not as an abort', async () => {
    const full = new DOMException('Quota exceeded', 'QuotaExceededError');
    // fake-indexeddb has no quota: drive the transaction runner with one that aborts as a full disk does,
    // where the abort names nothing and the transaction's error names the cause.
    const error = await settleTransaction(
      { done: Promise.reject(new DOMException('aborted', 'AbortError')), error: full, abort() {} },
      async () => {},
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'full' });
  });

  it('says clearly when IndexedDB is unavailable', async () => {
    const saved = globalThis.indexedDB;
    // @ts-expect-error simulating a browser without IndexedDB
    delete globalThis.indexedDB;
    await expect(FavouritesStore.open()).rejects.toMatchObject({ reason: 'unavailable' });
    globalThis.indexedDB = saved;
  });
});
