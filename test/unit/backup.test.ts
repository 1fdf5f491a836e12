import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBackup, restoredMessage, restoreIfEmpty, writeBackup } from '../../src/lib/favourites/backup';
import { FavouritesStore } from '../../src/lib/favourites/store';
import { parseImports } from '../../src/lib/yours/import';
import { YoursStore } from '../../src/lib/yours/store';
import { MemoryCaches } from './support/copy-storage';
import { moment, wholeEpisode } from './support/favourites';

let storage: MemoryCaches;

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  storage = new MemoryCaches();
  (globalThis as { caches?: unknown }).caches = storage;
});
afterEach(() => {
  delete (globalThis as { caches?: unknown }).caches;
});

/** What Chromium does to an app's IndexedDB after writes failed on a full disk: every database gone. */
const loseIndexedDb = () => (globalThis.indexedDB = new IDBFactory());

describe('the favourites’ copy outside IndexedDB', () => {
  it('puts every favourite back, note included, when the browser deleted the database', async () => {
    const first = await FavouritesStore.open();
    const items = [moment('98', 305, { note: 'keep this' }), wholeEpisode('233')];
    for (const item of items) await first.put(item);
    await writeBackup((await first.list()).items);
    first.close();

    loseIndexedDb();
    const store = await FavouritesStore.open();
    expect(await restoreIfEmpty(store)).toBe(2);
    expect((await store.list()).items).toEqual((await readBackup()).sort((a, b) => b.createdAt - a.createdAt));
    expect((await store.list()).items.find((i) => i.id === items[0]!.id)?.note).toBe('keep this');
    expect(restoredMessage(2)).toMatch(/your 2 favourites were put back/);
    expect(restoredMessage(0)).toBeNull();
  });

  it('leaves a store that holds anything alone, and a copy never written restores nothing', async () => {
    const store = await FavouritesStore.open();
    expect(await restoreIfEmpty(store)).toBe(0);
    await writeBackup([moment('98', 1), moment('98', 2)]);
    await store.put(moment('98', 3));
    expect(await restoreIfEmpty(store)).toBe(0);
    expect((await store.list()).items.map((i) => i.t)).toEqual([3]);
  });

  it('a copy that cannot be written (a full disk) keeps the last one, and never throws', async () => {
    await writeBackup([moment('98', 1)]);
    storage.full = true;
    await expect(writeBackup([moment('98', 2)])).resolves.toBeUndefined();
    expect((await readBackup()).map((i) => i.t)).toEqual([1]);
  });

  it('a garbled copy restores nothing rather than garbage', async () => {
    await writeBackup([moment('98', 1)]);
    const [key] = storage.entries.keys();
    storage.entries.set(key!, '{"not": "a list"');
    expect(await readBackup()).toEqual([]);
    storage.entries.set(key!, JSON.stringify([moment('98', 1), { id: 'junk' }]));
    expect((await readBackup()).map((i) => i.t)).toEqual([1]);
  });
});

describe('imported transcripts’ copies outside IndexedDB', () => {
  const vtt = (words: string) => new TextEncoder().encode(`WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n${words}\n`);

  it('come back, renamed as they were, when the browser deleted the database; a deleted one does not', async () => {
    const { transcripts } = parseImports([
      { name: 'garden.vtt', bytes: vtt('zanzibar gardens') },
      { name: 'orchard.vtt', bytes: vtt('quokka orchard') },
    ]);
    const store = await YoursStore.open();
    const { added } = await store.add(transcripts);
    await store.rename(added[0]!.id, 'Gardens, renamed');
    await store.remove(added[1]!.id);
    const before = await store.all();
    store.close();

    loseIndexedDb();
    const reopened = await YoursStore.open();
    expect(await reopened.all()).toEqual(before);
    expect((await reopened.list()).map((e) => e.entry.title)).toEqual(['Gardens, renamed']);
  });

  it('a store that holds a transcript is left as it is', async () => {
    const { transcripts } = parseImports([
      { name: 'a.vtt', bytes: vtt('alpha') },
      { name: 'b.vtt', bytes: vtt('beta') },
    ]);
    await (await YoursStore.open()).add(transcripts.slice(0, 1)); // a: kept, with a copy
    loseIndexedDb();
    delete (globalThis as { caches?: unknown }).caches; // b imported where no copy can be read or kept
    await (await YoursStore.open()).add(transcripts.slice(1));
    (globalThis as { caches?: unknown }).caches = storage;
    expect((await (await YoursStore.open()).list()).map((e) => e.entry.source)).toEqual(['b.vtt']);
  });
});
