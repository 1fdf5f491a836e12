import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { createHash } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { buildCorpus } from '../../src/lib/search/corpus';
import { SearchEngine } from '../../src/lib/search/engine';
import { KEPT_DB_NAME, KEPT_DB_VERSION, KEPT_STORE } from '../../src/lib/search/search-index';
import { contentSecurityPolicy, withScriptSource } from '../../src/node/csp';
import { earlyWorkerScript, scriptHashSource } from '../../src/node/early-worker';
import { keptFor, readKeptRecord, saveKept, type KeptRecord } from '../../src/worker/kept-index';
import { episode } from './support/episodes';

const start = {
  workerUrl: '/sub/assets/search.worker-abc.js',
  catalogueUrl: '/sub/data/catalogue.123.json',
  base: '/sub/',
  later: '/sub/episodes/',
};

/** Runs the inline script with a stand-in Worker, on a page at `pathname`; what it made and posted. */
function run(script: string, Worker: unknown, pathname = '/sub/search', globals: Record<string, unknown> = {}) {
  const window: Record<string, unknown> = {};
  runInNewContext(script, { window, Worker, location: { pathname }, ...globals });
  return window.earlySearch as {
    worker: { url: string; posted: unknown[]; onmessage: (e: { data: unknown }) => void };
    received: unknown[];
  };
}

class FakeWorker {
  posted: unknown[] = [];
  transferred: unknown[][] = [];
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(
    readonly url: string,
    readonly options: unknown,
  ) {}
  postMessage(message: unknown, transfer: unknown[] = []) {
    this.posted.push(message);
    this.transferred.push(transfer);
  }
}

const init = { type: 'init', id: 0, catalogueUrl: start.catalogueUrl, base: '/sub/', rebuild: false, keptFromPage: true };

describe('the search worker started by index.html', () => {
  it('starts the worker, says init as the app would, and keeps what the worker says until the app listens', () => {
    const early = run(earlyWorkerScript(start), FakeWorker);
    expect(early.worker.url).toBe(start.workerUrl);
    expect((early.worker as unknown as FakeWorker).options).toEqual({ type: 'module', name: 'search' });
    // No IndexedDB here: nothing kept to read, and the worker is told so.
    expect(early.worker.posted).toEqual([init, { type: 'kept', record: null }]);
    early.worker.onmessage({ data: { type: 'progress', loaded: 1, total: 2 } });
    (early.worker as unknown as FakeWorker).onerror!();
    expect(early.received).toEqual([{ type: 'progress', loaded: 1, total: 2 }, null]);
    expect(early).toMatchObject({ catalogueUrl: start.catalogueUrl, base: '/sub/' });
  });

  it('starts nothing on an episode, whose lines come first (the app starts search there later)', () => {
    expect(run(earlyWorkerScript(start), FakeWorker, '/sub/episodes/233')).toBeUndefined();
    expect(run(earlyWorkerScript(start), FakeWorker, '/sub/')).toBeDefined();
    expect(run(earlyWorkerScript(start), FakeWorker, '/sub/favourites')).toBeDefined();
  });

  it('does nothing where a worker cannot start, so the app starts one itself', () => {
    const refuse = function () {
      throw new Error('SecurityError');
    };
    expect(run(earlyWorkerScript(start), refuse)).toBeUndefined();
    expect(run(earlyWorkerScript(start), undefined)).toBeUndefined();
  });

  it('writes URLs as JavaScript strings, whatever characters a base holds', () => {
    const odd = { ...start, base: '/a"b</script>/', later: '/a"b</script>/episodes/' };
    const script = earlyWorkerScript({ ...odd, workerUrl: `${odd.base}w.js` });
    expect(script).not.toContain('</script>');
    expect(run(script, FakeWorker, odd.base).worker.url).toBe('/a"b</script>/w.js');
    expect(run(script, FakeWorker, `${odd.later}1`)).toBeUndefined();
  });

  it('is allowed by its hash alone: the policy gains that one source for scripts, and nothing else changes', () => {
    const script = earlyWorkerScript(start);
    const hash = scriptHashSource(script);
    expect(hash).toBe(`'sha256-${createHash('sha256').update(script).digest('base64')}'`);
    const before = contentSecurityPolicy(['https://cdn.example']);
    const after = withScriptSource(before, hash);
    expect(after.split('; ')).toEqual(before.split('; ').map((d) => (d === "script-src 'self'" ? `script-src 'self' ${hash}` : d)));
    expect(after).not.toContain('unsafe-inline');
  });
});

describe("the inline script reads the kept index's bytes for the worker", () => {
  const engine = () => SearchEngine.build(buildCorpus([episode(1, '2020-01-01', [[0, 'Pandas dataframes in episode one.']])]));

  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
  });

  /** The inline script run over this test's IndexedDB; the worker's posts once the second ('kept') has come. */
  async function readByPage(): Promise<FakeWorker> {
    const early = run(earlyWorkerScript(start), FakeWorker, '/sub/search', { indexedDB, Blob });
    const worker = early.worker as unknown as FakeWorker;
    await vi.waitFor(() => expect(worker.posted).toHaveLength(2));
    expect(worker.posted[0]).toEqual(init);
    return worker;
  }

  it('sends the record of this data with its bytes, handed over, and the worker uses them as its own read', async () => {
    const kept = await engine().keep();
    await saveKept(start.catalogueUrl, kept);
    const worker = await readByPage();
    const { record } = worker.posted[1] as { record: KeptRecord };
    const data = record.stored.data as Uint8Array;
    expect(record.key).toBe(start.catalogueUrl);
    expect(ArrayBuffer.isView(data)).toBe(true);
    expect(worker.transferred[1]).toEqual([data.buffer]);
    // The same bytes as the Blob the worker would read, and the same index from them.
    const own = await readKeptRecord();
    expect(Buffer.from(data)).toEqual(Buffer.from(await (own!.stored.data as Blob).arrayBuffer()));
    const fromPage = Promise.resolve({ ...record, stored: { ...record.stored, data: new Uint8Array(data) } });
    const read = await keptFor(own, start.catalogueUrl, fromPage);
    expect(read?.readBy).toBe('page');
    expect(read?.index).toEqual(kept);
    // Its connection is closed: the worker's next upgrade is not blocked.
    const upgrade = await openDB(KEPT_DB_NAME, KEPT_DB_VERSION + 1, { blocked: () => expect.fail('blocked by the page') });
    upgrade.close();
  });

  it('sends nothing of an index kept for other data (an update): its bytes are not read', async () => {
    await saveKept('/sub/data/catalogue.old.json', await engine().keep());
    const read = vi.spyOn(Blob.prototype, 'arrayBuffer');
    const worker = await readByPage();
    expect(worker.posted[1]).toEqual({ type: 'kept', record: null });
    expect(read).not.toHaveBeenCalled();
    read.mockRestore();
  });

  it("creates no database on a first visit, and upgrades none: both are the worker's", async () => {
    expect((await readByPage()).posted[1]).toEqual({ type: 'kept', record: null });
    expect(await indexedDB.databases()).toEqual([]);
    const old = await openDB(KEPT_DB_NAME, 1, { upgrade: (db) => void db.createObjectStore('old') });
    old.close();
    expect((await readByPage()).posted[1]).toEqual({ type: 'kept', record: null });
    expect(await indexedDB.databases()).toEqual([{ name: KEPT_DB_NAME, version: 1 }]);
  });

  it('sends nothing for bytes kept as bytes (WebKit), which the worker reads with its record', async () => {
    const db = await openDB(KEPT_DB_NAME, KEPT_DB_VERSION, { upgrade: (d) => void d.createObjectStore(KEPT_STORE, { keyPath: 'key' }) });
    await db.put(KEPT_STORE, { key: start.catalogueUrl, stored: { version: 1, chunkKeys: [], layout: [], data: new Uint8Array(8) } });
    db.close();
    expect((await readByPage()).posted[1]).toEqual({ type: 'kept', record: null });
  });
});

describe('the worker, given what the page read (keptFor)', () => {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
  });
  const engine = () => SearchEngine.build(buildCorpus([episode(1, '2020-01-01', [[0, 'Pandas dataframes in episode one.']])]));
  const asRead = async (record: KeptRecord, key = record.key): Promise<KeptRecord> => ({
    key,
    stored: { ...record.stored, data: new Uint8Array(await (record.stored.data as Blob).arrayBuffer()) },
  });

  it('reads for itself when the page read nothing, or another index; and damaged bytes from the page are refused', async () => {
    const kept = await engine().keep();
    await saveKept('a.json', kept);
    const own = (await readKeptRecord())!;
    expect(await keptFor(own, 'a.json', Promise.resolve(null))).toEqual({ index: kept, readBy: 'worker' });
    expect(await keptFor(own, 'a.json', Promise.resolve(await asRead(own, 'b.json')))).toEqual({ index: kept, readBy: 'worker' });
    // Bytes of another length than the worker's record says (Firefox's read of a Blob cut from a larger one).
    const longer = await asRead(own);
    longer.stored = { ...longer.stored, data: new Uint8Array([...(longer.stored.data as Uint8Array), 0]) };
    expect(await keptFor(own, 'a.json', Promise.resolve(longer))).toEqual({ index: kept, readBy: 'worker' });
    const damaged = await asRead(own);
    (damaged.stored.data as Uint8Array)[0]! ^= 0xff;
    damaged.stored = { ...damaged.stored, layout: [[0, 1]] };
    expect(await keptFor(own, 'a.json', Promise.resolve(damaged))).toBeNull();
    // A record damaged where its bytes should be: the page's bytes are not used, and the worker gives nothing.
    expect(
      await keptFor({ ...own, stored: { ...own.stored, data: 'x' as never } }, 'a.json', Promise.resolve(await asRead(own))),
    ).toBeNull();
    // Not of this data: the page's bytes are not even waited for.
    expect(await keptFor(own, 'c.json', new Promise(() => undefined))).toBeNull();
  });
});
