/**
 * Issue 11, continued (items 9 to 16): tabs, saves, imports, old versions, updates and offline.
 * What a hostile, unlucky user does. Each test is numbered after the item it covers.
 * Two tabs are two pages of one context; updates are builds over two transcript folders; damaged
 * data is written straight into IndexedDB.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { importFavourites, install, searchReady } from './support/app';
import { KEPT_DB_NAME } from '../../src/lib/search/search-index';
import { BUILDS } from './support/builds';
import { favouriteAt, field, servePerTest } from './support/safety';
import { testPort } from './support/ports';

const PORT = testPort(4311);

// The helpers below write raw IndexedDB from test code compiled in the page; the app's own policy is tested in trust.spec.ts.
test.use({ bypassCSP: true });
const served = servePerTest(PORT);

test('9. updating in one tab does not reload another; a note being written survives its reload', async ({ page, context }) => {
  const server = await served.start(BUILDS.main);
  await install(page, server.url);
  await favouriteAt(page, `${server.url}episodes/233?t=78`, 'having a good readme');
  const writer = await context.newPage();
  await writer.goto(`${server.url}favourites`);
  await writer.getByRole('button', { name: 'Add note' }).click();
  await writer.getByLabel('Note').fill('half a thought');
  await writer.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  await served.update(page, BUILDS.next, 'e2e-2');
  await expect(writer.getByTestId('updated-elsewhere')).toBeVisible();
  expect(await writer.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  await expect(writer.getByLabel('Note')).toHaveValue('half a thought');
  // Even a reload (or a crash) keeps the draft.
  await writer.reload();
  await expect(writer.getByLabel('Note')).toHaveValue('half a thought');
  await writer.getByRole('button', { name: 'Save note' }).click();
  await expect(writer.locator('.user-note')).toHaveText('half a thought');
});

test('10. a note that fails to save stays in the editor with the reason', async ({ page }) => {
  const server = await served.start(BUILDS.main);
  await install(page, server.url);
  await favouriteAt(page, `${server.url}episodes/233?t=78`, 'having a good readme');
  await page.getByRole('link', { name: 'Favourites', exact: true }).click();
  await page.getByRole('button', { name: 'Add note' }).click();
  await page.getByLabel('Note').fill('worth keeping');
  await page.evaluate(() => {
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await page.getByRole('button', { name: 'Save note' }).click();
  await expect(page.getByRole('alert')).toContainText('out of storage space');
  await expect(page.getByLabel('Note')).toHaveValue('worth keeping');
});

test('12. a huge query in a link or pasted into find-in-episode is capped, not run whole', async ({ page }) => {
  const server = await served.start(BUILDS.main);
  await install(page, server.url);
  await page.goto(`${server.url}episodes/233?q=${'the%20'.repeat(25_000)}`);
  await expect(page.locator('.transcript [data-index]').first()).toBeVisible();
  const find = page.getByLabel('Find in this episode');
  await find.fill('the '.repeat(25_000));
  expect((await find.inputValue()).length).toBe(300);
  await expect(page.getByTestId('find-count')).toContainText(/of|No matches/);
});

test('13. imports: limits, newer local copies reported, titles from the app, no junk kept, no future times', async ({ page }) => {
  const server = await served.start(BUILDS.main);
  await install(page, server.url);
  await searchReady(page);
  await favouriteAt(page, `${server.url}episodes/233?t=78`, 'having a good readme');
  await page.goto(`${server.url}favourites`);
  const exported = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const backup = JSON.parse(readFileSync(await (await exported).path(), 'utf8')) as { items: Record<string, unknown>[] };
  const mine = backup.items[0]!;

  const importJson = (value: unknown) => importFavourites(page, value);

  await importJson({ ...backup, items: Array.from({ length: 5001 }, () => mine) });
  await expect(page.getByRole('alert')).toContainText('an import takes at most 5,000');
  await importJson({ ...backup, items: [{ ...mine, t: 99_999, id: '233@99999' }] });
  await expect(page.getByRole('alert')).toContainText('Item 1 points at 27:46:39');

  const older = { ...mine, note: 'older', updatedAt: (mine.updatedAt as number) - 1000 };
  const spoofed = {
    ...mine,
    id: '98',
    kind: 'episode',
    episodeId: '98',
    t: null,
    quote: '',
    episodeTitle: 'Spoofed title',
    updatedAt: 9e15,
    createdAt: 9e15,
    junk: 'x'.repeat(10_000),
  };
  await importJson({ ...backup, items: [older, spoofed] });
  await expect(
    page.getByText(/Imported 2 favourites: 1 new, 0 updated\. 1 favourite not changed because the copy saved here is newer\./),
  ).toBeVisible();
  await expect(page.getByText('Spoofed title')).toHaveCount(0);
  await expect(page.locator('.favs li', { hasText: 'Whole episode' })).toContainText('Python Electron as Python GUIs');
  const again = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const reExported = JSON.parse(readFileSync(await (await again).path(), 'utf8')) as { items: Record<string, unknown>[] };
  const episode = reExported.items.find((i) => i.id === '98')!;
  expect(episode.junk).toBeUndefined();
  expect(episode.updatedAt as number).toBeLessThanOrEqual(Date.now());
});

test('14. an old tab holding the database: a clear message, then favourites as soon as it lets go; search never waits', async ({
  page,
  context,
}) => {
  const server = await served.start(BUILDS.main);
  await install(page, server.url);
  await favouriteAt(page, `${server.url}episodes/233?t=78`, 'having a good readme');
  // Stand in for an old version: a page of the same origin holding both databases at their old versions.
  await page.goto(`${server.url}icon.svg`);
  await page.evaluate(async (keptDb) => {
    const open = (name: string, version: number, upgrade?: (db: IDBDatabase) => void) =>
      new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open(name, version);
        r.onupgradeneeded = () => upgrade?.(r.result);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const deleteDb = (name: string) =>
      new Promise((resolve) => {
        const r = indexedDB.deleteDatabase(name);
        r.onsuccess = r.onerror = resolve;
      });
    await deleteDb(keptDb);
    await deleteDb('favourites');
    const favourites = await open('favourites', 2, (db) => {
      const store = db.createObjectStore('favourites', { keyPath: 'id' });
      store.createIndex('by-created', 'createdAt');
      store.put({
        id: '98',
        kind: 'episode',
        episodeId: '98',
        episodeTitle: 'x',
        t: null,
        quote: '',
        note: '',
        createdAt: 1,
        updatedAt: 1,
      });
    });
    const index = await open(keptDb, 1, (db) => db.createObjectStore('indexes', { keyPath: 'key' }));
    (window as unknown as { __held: IDBDatabase[] }).__held = [favourites, index]; // no onversionchange: they never let go
  }, KEPT_DB_NAME);
  const app = await context.newPage();
  await app.goto(`${server.url}favourites`);
  await expect(app.getByRole('alert')).toContainText('Another tab of this app is still open with an older version');
  await app.goto(`${server.url}search?q=readme`);
  await expect(app.locator('#results[data-answered="readme"] a[data-result]').first()).toBeVisible();
  await app.goto(`${server.url}favourites`);
  await page.evaluate(() => (window as unknown as { __held: IDBDatabase[] }).__held.forEach((db) => db.close()));
  await expect(app.locator('.favs li')).toHaveCount(1);
  await expect(app.getByText(/Another tab of this app/)).toHaveCount(0);

  // A database from a newer version (after a rollback): said in words, nothing hidden as "No favourites yet".
  await page.goto(`${server.url}icon.svg`);
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        const r = indexedDB.open('favourites', 99);
        r.onsuccess = () => resolve(r.result.close());
      }),
  );
  await app.goto(`${server.url}favourites`);
  await expect(app.getByRole('alert')).toContainText('saved by a newer version of this app');
  await expect(app.getByText('No favourites yet')).toHaveCount(0);
});

test('15. a tab left open learns of a new version when the network comes back', async ({ page, context }) => {
  const server = await served.start(BUILDS.main);
  await install(page, server.url);
  // Registering on the reload checks for an update once: let that check see this build before deploying the next.
  await expect.poll(() => server.hits.filter((hit) => hit.startsWith('/sw.js')).length).toBeGreaterThanOrEqual(2);
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    if (registration?.installing || registration?.waiting) throw new Error('an update is already under way');
  });
  await served.swap(BUILDS.next);
  await context.setOffline(true);
  await expect(page.getByTestId('offline')).toBeVisible();
  await context.setOffline(false);
  await expect(page.getByTestId('update')).toBeVisible();
});

test('16. offline, a search for "/data/x" is still the app; an import asks for persistent storage', async ({ page, context }) => {
  const server = await served.start(BUILDS.main);
  await page.addInitScript(() => {
    const calls = { count: 0 };
    (window as unknown as { __persistCalls: typeof calls }).__persistCalls = calls;
    const persist = navigator.storage.persist.bind(navigator.storage);
    navigator.storage.persist = () => {
      calls.count++;
      return persist();
    };
  });
  await install(page, server.url);
  await page.goto(`${server.url}favourites`);
  await importFavourites(page, { app: 'podcast-transcript-search', schema: 1, exportedAt: '', items: [] });
  await expect(page.getByText('Imported 0 favourites')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __persistCalls: { count: number } }).__persistCalls.count)).toBe(1);

  await served.stop();
  await context.setOffline(true);
  await page.goto(`http://127.0.0.1:${PORT}/search?q=/data/x`);
  await expect(field(page)).toHaveValue('/data/x');
});
