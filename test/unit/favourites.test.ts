import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { favouriteId, type Favourite } from '../../src/lib/favourites/model';
import { DB_NAME, FavouritesStore, StorageError } from '../../src/lib/favourites/store';
import { EXPORT_APP, EXPORT_SCHEMA, exportJson, exportMarkdown, parseImport } from '../../src/lib/favourites/transfer';

const moment = (episodeId: string, t: number, extra: Partial<Favourite> = {}): Favourite => ({
  id: favouriteId(episodeId, t),
  kind: 'moment',
  episodeId,
  episodeTitle: `Episode ${episodeId}`,
  t,
  quote: `quote at ${t}`,
  note: '',
  createdAt: 1000 + t,
  updatedAt: 1000 + t,
  ...extra,
});
const wholeEpisode = (episodeId: string): Favourite => ({
  id: episodeId,
  kind: 'episode',
  episodeId,
  episodeTitle: `Episode ${episodeId}`,
  t: null,
  quote: '',
  note: '',
  createdAt: 5000,
  updatedAt: 5000,
});

const known = new Set(['98', '233']);
const fileOf = (value: unknown) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return { text, bytes: new TextEncoder().encode(text).length };
};

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
    await store.setNote('233@78', 'great bit', 9999);
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
    expect(damaged).toBe(0);
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
    expect(result).toEqual({ added: 1, updated: 1 });
    const again = await store.merge([moment('233', 78, { note: 'new', updatedAt: 50 })]);
    expect(again).toEqual({ added: 0, updated: 0 });
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

  it('reports damaged rows without losing the good ones', async () => {
    const store = await FavouritesStore.open();
    await store.put(moment('233', 78));
    await store.put({ id: 'junk', kind: 'moment' } as unknown as Favourite);
    const { items, damaged } = await store.list();
    expect(items.map((i) => i.id)).toEqual(['233@78']);
    expect(damaged).toBe(1);
    store.close();
  });

  it('says clearly when IndexedDB is unavailable', async () => {
    const saved = globalThis.indexedDB;
    // @ts-expect-error simulating a browser without IndexedDB
    delete globalThis.indexedDB;
    await expect(FavouritesStore.open()).rejects.toMatchObject({ reason: 'unavailable' });
    globalThis.indexedDB = saved;
  });
});

describe('export and import files', () => {
  const items = [moment('233', 78, { note: 'note *with* markdown' }), wholeEpisode('98')];

  it('exports a versioned JSON envelope that imports back', () => {
    const json = exportJson(items, new Date('2026-01-02T03:04:05Z'));
    expect(JSON.parse(json)).toEqual({ app: EXPORT_APP, schema: EXPORT_SCHEMA, exportedAt: '2026-01-02T03:04:05.000Z', items });
    const file = fileOf(json);
    expect(parseImport(file.text, file.bytes, known)).toEqual({ ok: true, items });
  });

  it('exports Markdown with quote, note and link per item', () => {
    const md = exportMarkdown(items, (i) => `https://x/episodes/${i.episodeId}${i.t === null ? '' : `?t=${i.t}`}`);
    expect(md).toContain('## Episode 233 at 01:18');
    expect(md).toContain('> quote at 78');
    expect(md).toContain('note *with* markdown');
    expect(md).toContain('https://x/episodes/233?t=78');
    expect(md).toContain('https://x/episodes/98\n');
  });

  const cases: [string, unknown, RegExp][] = [
    ['not JSON', '{"app": ', /not JSON/],
    ['wrong app', { app: 'other', schema: 1, items: [] }, /not exported by this app/],
    ['wrong schema version', { app: EXPORT_APP, schema: 99, items: [] }, /schema 99/],
    ['no items list', { app: EXPORT_APP, schema: 1 }, /no list of items/],
    ['wrong types', { app: EXPORT_APP, schema: 1, items: [{ ...moment('233', 78), t: 'soon' }] }, /Item 1 is not a valid favourite/],
    ['unknown episode', { app: EXPORT_APP, schema: 1, items: [moment('999', 1)] }, /episode “999”/],
  ];
  it.each(cases)('rejects a file with %s', (_name, content, message) => {
    const file = fileOf(content);
    const result = parseImport(file.text, file.bytes, known);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });

  it('rejects a file over 5 MB before reading it', () => {
    const result = parseImport('', 6 * 1024 * 1024, known);
    expect(!result.ok && result.message).toMatch(/limited to 5 MB/);
  });
});
