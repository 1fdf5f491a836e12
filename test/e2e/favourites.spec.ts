import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { importFavourites, importTranscripts, install } from './support/app';
import { BUILDS } from './support/builds';
import { serve, type Served } from './support/server';
import { testPort } from './support/ports';

const PORT = testPort(4304);
let server: Served | null = null;

test.afterEach(async () => {
  await server?.close();
  server = null;
});

const favouriteMoment = (page: Page) => page.getByRole('button', { name: /^Favourite moment at 01:18/ });
const favouriteEpisode = (page: Page) => page.getByRole('button', { name: /^Favourite episode/ });

async function saveTwo(page: Page, url: string) {
  await page.goto(`${url}episodes/233?t=78`);
  await favouriteMoment(page).click();
  await expect(favouriteMoment(page)).toHaveAttribute('aria-pressed', 'true');
  await page.goto(`${url}episodes/98`);
  await favouriteEpisode(page).click();
  await expect(favouriteEpisode(page)).toHaveAttribute('aria-pressed', 'true');
}

test('favourites and notes survive a reload with the server stopped, and link to the right moment', async ({ page, context }) => {
  server = await serve(BUILDS.main, PORT);
  await install(page, server.url);
  await saveTwo(page, server.url);
  await page.goto(`${server.url}favourites`);
  await page.getByRole('button', { name: 'Add note' }).first().click();
  await page.getByLabel('Note').fill('Readme advice, send to Sam');
  await page.getByRole('button', { name: 'Save note' }).click();
  await expect(page.getByText('Readme advice, send to Sam')).toBeVisible();

  await server.close();
  server = null;
  await context.setOffline(true);
  await page.reload();
  const items = page.locator('.favs li');
  await expect(items).toHaveCount(2);
  await expect(page.getByText('Readme advice, send to Sam')).toBeVisible();
  await expect(page.getByRole('link', { name: /Whole episode/ })).toHaveAttribute('href', '/episodes/98');
  await page.getByRole('link', { name: /having a good readme/ }).click();
  await expect(page).toHaveURL(/\/episodes\/233\?t=78$/);
  await expect(page.locator('[aria-current="true"]')).toContainText('having a good readme');
  await expect(favouriteMoment(page)).toHaveAttribute('aria-pressed', 'true');
});

test('favourite from a search result, unfavourite, remove with Undo, filter', async ({ page }) => {
  server = await serve(BUILDS.main, PORT);
  await install(page, server.url);
  await page.getByRole('searchbox', { name: 'Search every episode' }).fill('readme impor');
  const button = page.getByRole('button', { name: /^Favourite moment at 01:18 in “RaaS/ });
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('link', { name: 'Favourites', exact: true }).click();
  await expect(page.locator('.favs li')).toHaveCount(1);
  await page.getByLabel('Filter').fill('nothing like this');
  await expect(page.getByText('No favourite matches')).toBeVisible();
  await page.getByLabel('Filter').fill('readme');
  await page.getByRole('button', { name: /^Remove favourite/ }).click();
  await expect(page.locator('.favs li')).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('.favs li')).toHaveCount(1);
});

test('export, clear storage, import restores everything; a bad file changes nothing', async ({ page }) => {
  server = await serve(BUILDS.main, PORT);
  await install(page, server.url);
  await saveTwo(page, server.url);
  await page.goto(`${server.url}favourites`);
  await expect(page.getByTestId('storage-state')).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const exported = await (await download).path();
  const json = JSON.parse(readFileSync(exported, 'utf8'));
  expect(json).toMatchObject({ app: 'podcast-transcript-search', schema: 1, items: expect.any(Array) });
  expect(json.items).toHaveLength(2);

  const markdown = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Markdown' }).click();
  expect(readFileSync(await (await markdown).path(), 'utf8')).toContain(`${server.url}episodes/233?t=78`);

  // Podcasting 2.0 chapters, for other podcast apps: all favourites, and one episode's from its group.
  const chapters = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export chapters', exact: true }).click();
  const chaptersFile = await chapters;
  expect(chaptersFile.suggestedFilename()).toMatch(/\.chapters\.json$/);
  expect(JSON.parse(readFileSync(await chaptersFile.path(), 'utf8'))).toEqual({
    version: '1.2.0',
    chapters: [{ startTime: 78, title: expect.stringContaining('having a good readme'), url: `${server.url}episodes/233?t=78` }],
  });
  await page.getByLabel('Group by episode').check();
  const oneEpisode = page.waitForEvent('download');
  await page.getByRole('button', { name: /^Export chapters of .*readme/i }).click();
  expect(JSON.parse(readFileSync(await (await oneEpisode).path(), 'utf8')).chapters).toHaveLength(1);
  await page.getByLabel('Group by episode').uncheck();

  // Clear the site's storage, as a browser cleaning up would: the database and the app's copies of it.
  await page.evaluate(async () => {
    await caches.delete('saved-copies');
    await new Promise((resolve, reject) => {
      const del = indexedDB.deleteDatabase('favourites');
      del.onsuccess = resolve;
      del.onerror = reject;
      del.onblocked = resolve;
    });
  });
  await page.reload();
  await expect(page.getByText('No favourites yet.')).toBeVisible();

  await importFavourites(page, '{"app": "podcast-transcript-search", "schema": 7, "items": []}');
  await expect(page.getByRole('alert')).toContainText('schema 7');
  await expect(page.getByText('No favourites yet.')).toBeVisible();

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import JSON…' }).click();
  await (await chooser).setFiles(exported);
  await expect(page.getByText('Imported 2 favourites: 2 new, 0 updated.')).toBeVisible();
  await expect(page.locator('.favs li')).toHaveCount(2);
});

test('a second tab sees a new favourite', async ({ page, context }) => {
  server = await serve(BUILDS.main, PORT);
  await install(page, server.url);
  const other = await context.newPage();
  await other.goto(`${server.url}favourites`);
  await expect(other.getByText('No favourites yet.')).toBeVisible();
  await page.goto(`${server.url}episodes/233?t=78`);
  await favouriteMoment(page).click();
  await expect(other.locator('.favs li')).toHaveCount(1);
  await expect(other.getByText(/having a good readme/)).toBeVisible();
});

test('favourites survive an app update from one build to the next', async ({ page }) => {
  server = await serve(BUILDS.main, PORT);
  await install(page, server.url);
  await saveTwo(page, server.url);
  await server.close();
  server = await serve(BUILDS.next, PORT);
  await page.goto(`${server.url}favourites`);
  await page.evaluate(async () => (await navigator.serviceWorker.ready).update());
  await page.getByTestId('update').getByRole('button', { name: 'reload' }).click();
  await expect(page.locator('.favs li')).toHaveCount(2);
  await expect(page.getByTestId('version')).toContainText('e2e-2');
});

test('a full disk gets a clear message and keeps what was saved; search and reading go on', async ({ page }) => {
  server = await serve(BUILDS.main, PORT);
  await install(page, server.url);
  await page.goto(`${server.url}episodes/98`);
  await favouriteEpisode(page).click();
  await expect(favouriteEpisode(page)).toHaveAttribute('aria-pressed', 'true');
  await page.goto(`${server.url}episodes/233?t=78`);
  // From now on every write fails the way a full disk makes it fail.
  await page.evaluate(() => {
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await favouriteMoment(page).click();
  await expect(page.getByRole('alert')).toContainText('out of storage space');
  await expect(favouriteMoment(page)).toHaveAttribute('aria-pressed', 'false');
  await page.getByRole('link', { name: 'Favourites', exact: true }).click();
  await expect(page.locator('.favs li')).toHaveCount(1);
  await page.goto(`${server.url}search?q=flask`);
  await expect(page.locator('a[data-result]').first()).toBeVisible();
});

test('without IndexedDB (private mode) favourites say so, and search and reading keep working', async ({ page }) => {
  server = await serve(BUILDS.main, PORT);
  await install(page, server.url);
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined });
  });
  await page.goto(`${server.url}favourites`);
  await expect(page.getByRole('alert')).toContainText('favourites cannot be saved here');
  await page.goto(`${server.url}search?q=flask`);
  await expect(page.locator('a[data-result]').first()).toBeVisible();
  await page.goto(`${server.url}episodes/233?t=78`);
  await expect(page.locator('[aria-current="true"]')).toContainText('having a good readme');
  await expect(favouriteMoment(page)).toBeDisabled();
});

test('the browser deleting the app’s databases loses nothing: favourites, a note and your transcripts come back from their copies', async ({
  page,
}) => {
  server = await serve(BUILDS.main, PORT);
  await install(page, server.url);
  await saveTwo(page, server.url);
  await page.getByRole('link', { name: 'Favourites', exact: true }).click();
  await page.getByRole('button', { name: 'Add note' }).first().click();
  await page.getByLabel('Note').fill('kept apart');
  await page.getByRole('button', { name: 'Save note' }).click();
  await expect(page.locator('.user-note')).toHaveText('kept apart');
  await importTranscripts(page, [{ name: 'kept.vtt', text: 'WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nquokka orchard\n' }]);
  await expect(page.getByTestId('import-report')).toContainText('Added to your transcripts: kept.');

  // What Chromium does after writes failed on a full disk (full-disk.spec.ts): the databases gone, Cache Storage kept.
  await page.goto(`${server.url}icon.svg`);
  await page.evaluate(async () => {
    for (const name of ['favourites', 'your-transcripts'])
      await new Promise((resolve, reject) => {
        const del = indexedDB.deleteDatabase(name);
        del.onsuccess = resolve;
        del.onerror = () => reject(del.error);
      });
  });

  await page.goto(`${server.url}favourites`);
  await expect(page.getByRole('alert')).toContainText('your 2 favourites were put back');
  await expect(page.locator('.favs li')).toHaveCount(2);
  await expect(page.locator('.user-note')).toHaveText('kept apart');
  await page.getByRole('link', { name: 'Episodes', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Your transcripts' }).getByRole('link')).toHaveText(['kept']);
});
