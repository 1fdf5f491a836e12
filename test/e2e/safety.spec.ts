/**
 * Issue 11: what a hostile, unlucky user does. Each test is numbered after the item it covers.
 * Two tabs are two pages of one context; updates are builds over two transcript folders; damaged
 * data is written straight into IndexedDB.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { collectErrors, importFavourites, install, searchReady } from './support/app';
import { BUILDS } from './support/builds';
import { serve, type Served } from './support/server';

const PORT = 4310;

// The helpers below write raw IndexedDB from test code compiled in the page; the app's own policy is tested in trust.spec.ts.
test.use({ bypassCSP: true });
let server: Served | null = null;

test.afterEach(async () => {
  await server?.close();
  server = null;
});

const field = (page: Page) => page.getByRole('searchbox', { name: 'Search every episode' });
const current = (page: Page) => page.locator('[aria-current="true"]');
const favouriteMoment = (page: Page) => current(page).getByRole('button', { name: /^Favourite moment/ });

async function favouriteAt(page: Page, url: string, text: string | RegExp) {
  await page.goto(url);
  await expect(current(page)).toContainText(text);
  await favouriteMoment(page).click();
  await expect(favouriteMoment(page)).toHaveAttribute('aria-pressed', 'true');
}

/** Swap the served build for another one on the same port, and let the open page take the update. */
async function deployAndUpdate(page: Page, outDir: string) {
  await server!.close();
  server = await serve(outDir, PORT);
  await page.evaluate(async () => (await navigator.serviceWorker.ready).update());
  await page.getByTestId('update').getByRole('button', { name: 'reload' }).click();
}

/** Run code against a raw IndexedDB database in the page, as damaged storage or another app version would. */
function inDatabase<T>(page: Page, name: string, work: string): Promise<T> {
  return page.evaluate(
    ([name, work]) =>
      new Promise<T>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const run = new Function('db', `return (async () => { ${work} })()`) as (db: IDBDatabase) => Promise<T>;
          run(db).then(
            (value) => {
              db.close();
              resolve(value);
            },
            (error: unknown) => {
              db.close();
              reject(error instanceof Error ? error : new Error(String(error)));
            },
          );
        };
      }),
    [name, work] as const,
  );
}

const REQUEST = `const request = (r) => new Promise((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });`;

test('1. a word on many lines that start in the same second shows results, with no error', async ({ page }) => {
  const errors = collectErrors(page);
  server = await serve(BUILDS.main, PORT);
  await install(page, server.url);
  await searchReady(page);
  for (const q of ['matthew', 'yeah', 'python']) {
    await field(page).fill(q);
    await expect(page.locator(`#results[data-answered="${q}"] a[data-result]`).first()).toBeVisible();
  }
  expect(errors).toEqual([]);
});

test('2. every line has an exact link: fractional WebVTT and SRT starts, and two lines starting at once', async ({ page }) => {
  server = await serve(BUILDS.formats, PORT);
  await install(page, server.url);
  await page.goto(`${server.url}episodes/1?t=12.2`);
  await expect(current(page)).toContainText('This cue starts at twelve point two seconds.');
  await page.goto(`${server.url}episodes/1?t=12`);
  await expect(current(page)).toContainText('ten and a half'); // a whole second lands at or before it
  await page.goto(`${server.url}episodes/2?t=5.9`);
  await expect(current(page)).toContainText('five point nine');

  // Two lines start at 20 s: each has its own link, favourite and landing.
  await page.goto(`${server.url}episodes/1`);
  const timeLinks = page.locator('.transcript a.time');
  await expect(timeLinks.nth(2)).toHaveAttribute('href', '/episodes/1?t=12.2');
  await expect(timeLinks.nth(3)).toHaveAttribute('href', '/episodes/1?t=20');
  await expect(timeLinks.nth(4)).toHaveAttribute('href', '/episodes/1?t=20&n=2');
  await favouriteAt(page, `${server.url}episodes/1?t=20&n=2`, 'The second cue at twenty seconds.');
  await page.goto(`${server.url}episodes/1?t=20`);
  await expect(current(page)).toContainText('Two cues start at twenty.');
  await expect(favouriteMoment(page)).toHaveAttribute('aria-pressed', 'false');

  await page.goto(`${server.url}favourites`);
  await expect(page.getByRole('link', { name: /The second cue at twenty/ })).toHaveAttribute('href', '/episodes/1?t=20&n=2');
  await page.goto(`${server.url}search?q=second+cue`);
  await expect(page.locator('a[data-result]').first()).toHaveAttribute('href', /\/episodes\/1\?t=20&n=2&q=/);
});

test('3 and 6. after an update shifts timings, rewords a line and removes an episode, favourites follow their quotes and a backup restores', async ({
  page,
}) => {
  server = await serve(BUILDS.formats, PORT);
  await install(page, server.url);
  await favouriteAt(page, `${server.url}episodes/1?t=12.2`, 'twelve point two');
  await favouriteAt(page, `${server.url}episodes/1?t=22`, 'And that is the end of the cues.');
  await favouriteAt(page, `${server.url}episodes/2?t=5.9`, 'five point nine');
  await page.goto(`${server.url}favourites`);
  const gone = page.locator('.favs li', { hasText: 'five point nine' });
  await gone.getByRole('button', { name: 'Add note' }).click();
  await gone.getByLabel('Note').fill('kept though gone');
  await gone.getByRole('button', { name: 'Save note' }).click();
  await expect(gone.getByText('kept though gone')).toBeVisible();

  await deployAndUpdate(page, BUILDS.formatsNext);
  await expect(page.getByTestId('version')).toContainText('e2e-formats-2');
  await page.goto(`${server.url}favourites`);
  await expect(page.locator('.favs li')).toHaveCount(3);
  await expect(page.getByRole('link', { name: /twelve point two/ })).toHaveAttribute('href', '/episodes/1?t=15.2');
  await expect(page.locator('.favs li', { hasText: 'end of the cues' }).getByTestId('quote-missing')).toBeVisible();
  await expect(gone.getByTestId('episode-gone')).toBeVisible();
  await expect(gone.getByText('kept though gone')).toBeVisible();

  // The star where the quote now is shows it is kept; pressing it would remove, not duplicate.
  await page.getByRole('link', { name: /twelve point two/ }).click();
  await expect(current(page)).toContainText('twelve point two');
  await expect(favouriteMoment(page)).toHaveAttribute('aria-pressed', 'true');

  // The backup the screen asks users to keep restores, removed episode included.
  await page.goto(`${server.url}favourites`);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const backup = readFileSync(await (await download).path());
  await importFavourites(page, backup);
  await expect(page.getByText(/Imported 3 item\(s\).*1 of episodes no longer in this app, kept and marked as such/)).toBeVisible();
  await expect(page.getByText(/Import failed/)).toHaveCount(0);
  await expect(page.locator('.favs li')).toHaveCount(3);
});

test('4. a damaged kept search index is noticed and rebuilt; "Rebuild search index" never touches favourites', async ({ page }) => {
  server = await serve(BUILDS.main, PORT);
  await install(page, server.url);
  await searchReady(page);
  await favouriteAt(page, `${server.url}episodes/233?t=78`, 'having a good readme');
  const source = () =>
    page.evaluate(async () => (await (window as unknown as { __search: { ready: Promise<{ source: string }> } }).__search.ready).source);
  const damages = [
    'k.corpus.times = k.corpus.times.subarray(0, 10);',
    "k.vocabulary = { terms: '', df: new Uint32Array(0) };",
    'k.corpus.text = new Uint8Array(k.corpus.text.length);',
    'k.corpus.times = new Float64Array(k.corpus.times.length).fill(NaN);',
  ];
  for (const damage of damages) {
    await page.goto(`${server.url}search`);
    await searchReady(page);
    // The index is kept after "ready": wait until it is in storage, then damage it there.
    await expect
      .poll(() =>
        inDatabase<number>(page, 'search-index', `${REQUEST} return request(db.transaction('indexes').objectStore('indexes').count());`),
      )
      .toBe(1);
    await inDatabase(
      page,
      'search-index',
      `${REQUEST}
       const store = db.transaction('indexes', 'readwrite').objectStore('indexes');
       const [row] = await request(store.getAll());
       const k = row.kept; ${damage}
       await request(store.put(row));`,
    );
    await page.goto(`${server.url}search?q=readme`);
    await expect(page.locator('#results[data-answered="readme"] a[data-result]').first()).toContainText(/readme/i);
    expect(await source()).toBe('built');
  }
  await page.getByRole('button', { name: 'Rebuild search index' }).click();
  await expect(page.locator('#results[data-answered="readme"] a[data-result]').first()).toBeVisible();
  expect(await source()).toBe('built');
  await page.getByRole('link', { name: 'Favourites', exact: true }).click();
  await expect(page.locator('.favs li')).toHaveCount(1);
});

test('5. damaged rows are exported and moved aside, good ones and rows of newer kinds stay', async ({ page }) => {
  server = await serve(BUILDS.main, PORT);
  await install(page, server.url);
  await favouriteAt(page, `${server.url}episodes/233?t=78`, 'having a good readme');
  await inDatabase(
    page,
    'favourites',
    `${REQUEST}
     const store = db.transaction('favourites', 'readwrite').objectStore('favourites');
     await request(store.put({ id: 'garbage', kind: 42, note: { evil: true } }));
     await request(store.put({ id: 'clip-1', kind: 'clip', episodeId: '233', start: 1, end: 9 }));`,
  );
  await page.goto(`${server.url}favourites`);
  await expect(page.getByRole('alert')).toContainText('1 saved item(s) are damaged');
  await expect(page.getByText('1 item(s) were saved by a newer version of this app')).toBeVisible();
  await expect(page.locator('.favs li')).toHaveCount(1);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export damaged items' }).click();
  expect(JSON.parse(readFileSync(await (await download).path(), 'utf8'))).toEqual({
    damaged: [{ key: 'garbage', row: { id: 'garbage', kind: 42, note: { evil: true } } }],
  });
  await page.getByRole('button', { name: 'Move damaged items aside' }).click();
  await expect(page.getByText(/are damaged/)).toHaveCount(0);
  await expect(page.locator('.favs li')).toHaveCount(1);
  const kept = await inDatabase<{ favourites: string[]; quarantine: string[] }>(
    page,
    'favourites',
    `${REQUEST}
     const tx = db.transaction(['favourites', 'quarantine']);
     return {
       favourites: (await request(tx.objectStore('favourites').getAllKeys())).sort(),
       quarantine: (await request(tx.objectStore('quarantine').getAll())).map((q) => q.key),
     };`,
  );
  expect(kept).toEqual({ favourites: ['233@78', 'clip-1'], quarantine: ['garbage'] });
});

test('7. two tabs editing one note: the second save asks, and "Keep both" keeps both', async ({ page, context }) => {
  server = await serve(BUILDS.main, PORT);
  await install(page, server.url);
  await favouriteAt(page, `${server.url}episodes/233?t=78`, 'having a good readme');
  const other = await context.newPage();
  for (const tab of [page, other]) {
    await tab.goto(`${server.url}favourites`);
    await tab.getByRole('button', { name: 'Add note' }).click();
  }
  await page.getByLabel('Note').fill('written in tab one');
  await page.getByRole('button', { name: 'Save note' }).click();
  await expect(page.locator('.user-note')).toHaveText('written in tab one');
  await other.getByLabel('Note').fill('written in tab two');
  await other.getByRole('button', { name: 'Save note' }).click();
  await expect(other.getByRole('alert')).toContainText('changed in another tab');
  await expect(other.getByRole('alert')).toContainText('written in tab one');
  await other.getByRole('button', { name: 'Keep both' }).click();
  for (const tab of [page, other]) await expect(tab.locator('.user-note')).toHaveText('written in tab one\n\nwritten in tab two');
});

test('8. an old Undo never overwrites the favourite saved again since', async ({ page }) => {
  server = await serve(BUILDS.main, PORT);
  await install(page, server.url);
  await favouriteAt(page, `${server.url}episodes/233?t=78`, 'having a good readme');
  await page.getByRole('link', { name: 'Favourites', exact: true }).click();
  await page.getByRole('button', { name: /^Remove favourite/ }).click();
  await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible();
  // Without reloading (the Undo stays), save the same moment again and give it a note.
  await page.evaluate(() => {
    history.pushState(null, '', '/episodes/233?t=78');
    dispatchEvent(new PopStateEvent('popstate'));
  });
  await favouriteMoment(page).click();
  await expect(favouriteMoment(page)).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('link', { name: 'Favourites', exact: true }).click();
  await page.getByRole('button', { name: 'Add note' }).click();
  await page.getByLabel('Note').fill('the newer one');
  await page.getByRole('button', { name: 'Save note' }).click();
  await expect(page.locator('.user-note')).toHaveText('the newer one');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByText(/Not restored: this favourite was saved again since/)).toBeVisible();
  await expect(page.locator('.user-note')).toHaveText('the newer one');
});

test('9. updating in one tab does not reload another; a note being written survives its reload', async ({ page, context }) => {
  server = await serve(BUILDS.main, PORT);
  await install(page, server.url);
  await favouriteAt(page, `${server.url}episodes/233?t=78`, 'having a good readme');
  const writer = await context.newPage();
  await writer.goto(`${server.url}favourites`);
  await writer.getByRole('button', { name: 'Add note' }).click();
  await writer.getByLabel('Note').fill('half a thought');
  await writer.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  await deployAndUpdate(page, BUILDS.next);
  await expect(page.getByTestId('version')).toContainText('e2e-2');
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
  server = await serve(BUILDS.main, PORT);
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
  server = await serve(BUILDS.main, PORT);
  await install(page, server.url);
  await page.goto(`${server.url}episodes/233?q=${'the%20'.repeat(25_000)}`);
  await expect(page.locator('.transcript li').first()).toBeVisible();
  const find = page.getByLabel('Find in this episode');
  await find.fill('the '.repeat(25_000));
  expect((await find.inputValue()).length).toBe(300);
  await expect(page.getByTestId('find-count')).toContainText(/of|No matches/);
});

test('13. imports: limits, newer local copies reported, titles from the app, no junk kept, no future times', async ({ page }) => {
  server = await serve(BUILDS.main, PORT);
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
    page.getByText(/Imported 2 item\(s\): 1 new, 0 updated\. 1 not changed because the copy saved here is newer\./),
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
  server = await serve(BUILDS.main, PORT);
  await install(page, server.url);
  await favouriteAt(page, `${server.url}episodes/233?t=78`, 'having a good readme');
  // Stand in for an old version: a page of the same origin holding both databases at their old versions.
  await page.goto(`${server.url}icon.svg`);
  await page.evaluate(async () => {
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
    await deleteDb('search-index');
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
    const index = await open('search-index', 1, (db) => db.createObjectStore('indexes', { keyPath: 'key' }));
    (window as unknown as { __held: IDBDatabase[] }).__held = [favourites, index]; // no onversionchange: they never let go
  });
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
  server = await serve(BUILDS.main, PORT);
  await install(page, server.url);
  // Registering on the reload checks for an update once: let that check see this build before deploying the next.
  await expect.poll(() => server!.hits.filter((hit) => hit.startsWith('/sw.js')).length).toBeGreaterThanOrEqual(2);
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    if (registration?.installing || registration?.waiting) throw new Error('an update is already under way');
  });
  await server.close();
  server = await serve(BUILDS.next, PORT);
  await context.setOffline(true);
  await expect(page.getByTestId('offline')).toBeVisible();
  await context.setOffline(false);
  await expect(page.getByTestId('update')).toBeVisible();
});

test('16. offline, a search for "/data/x" is still the app; an import asks for persistent storage', async ({ page, context }) => {
  server = await serve(BUILDS.main, PORT);
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
  await expect(page.getByText('Imported 0 item(s)')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __persistCalls: { count: number } }).__persistCalls.count)).toBe(1);

  await server.close();
  server = null;
  await context.setOffline(true);
  await page.goto(`http://127.0.0.1:${PORT}/search?q=/data/x`);
  await expect(field(page)).toHaveValue('/data/x');
});
