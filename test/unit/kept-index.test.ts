import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildCorpus } from '../../src/lib/search/corpus';
import { SearchEngine } from '../../src/lib/search/engine';
import { KEPT_DB_NAME, KEPT_STORE } from '../../src/lib/search/search-index';
import { keptFor, readKeptRecord, saveKept } from '../../src/worker/kept-index';

const loadKept = async (key: string) => keptFor(await readKeptRecord(), key);
import { episode } from './support/episodes';

const engine = () =>
  SearchEngine.build(
    buildCorpus([
      episode(1, '2020-01-01', [
        [0, 'Pandas dataframes in episode one.'],
        [4.5, 'And café talk.'],
      ]),
    ]),
  );

async function rows(): Promise<unknown[]> {
  const db = await openDB(KEPT_DB_NAME);
  const all = await db.getAll(KEPT_STORE);
  db.close();
  return all;
}

describe('the kept search index in IndexedDB (the worker side)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reads back what was saved, a Blob inside, and only the latest data is kept', async () => {
    const kept = await engine().keep();
    await saveKept('catalogue-a.json', kept);
    await saveKept('catalogue-b.json', kept);
    expect(await loadKept('catalogue-a.json')).toBeNull();
    const back = await loadKept('catalogue-b.json');
    expect(back).toEqual(kept);
    expect((await SearchEngine.restore(back!))!.search({ q: 'pandas' }).total).toBe(1);
    const [row] = (await rows()) as { stored: { data: unknown } }[];
    expect(row!.stored.data).toBeInstanceOf(Blob);
  });

  it('keeps the bytes when the browser refuses a Blob (WebKit in a private session)', async () => {
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if ((value as { stored?: { data?: unknown } }).stored?.data instanceof Blob) throw new DOMException('no Blob here', 'DataCloneError');
      return put.call(this, value, key);
    });
    const kept = await engine().keep();
    await saveKept('catalogue-c.json', kept);
    const [row] = (await rows()) as { stored: { data: unknown } }[];
    expect(row!.stored.data).toBeInstanceOf(Uint8Array);
    expect(await loadKept('catalogue-c.json')).toEqual(kept);
  });

  it('gives nothing for a record of the layout before (the app updated without new data): search rebuilds', async () => {
    const kept = await engine().keep();
    const db = await openDB(KEPT_DB_NAME);
    await db.put(KEPT_STORE, { key: 'catalogue-d.json', kept });
    db.close();
    expect(await loadKept('catalogue-d.json')).toBeNull();
  });

  it('gives up on a read stuck behind another transaction (a page just closed, say): search builds instead', async () => {
    await saveKept('catalogue-e.json', await engine().keep());
    const db = await openDB(KEPT_DB_NAME);
    // A read-write transaction kept busy (a request issued as each one ends) holds up any read of the store.
    const tx = db.transaction(KEPT_STORE, 'readwrite');
    let busy = true;
    const keepBusy = (): void => {
      if (busy) tx.store.count().then(keepBusy, () => undefined);
    };
    keepBusy();
    const started = Date.now();
    expect(await readKeptRecord(100)).toBeNull();
    expect(Date.now() - started).toBeLessThan(2000);
    busy = false;
    await tx.done;
    db.close();
    expect((await readKeptRecord(100))?.key).toBe('catalogue-e.json');
  });
});
