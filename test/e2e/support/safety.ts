/** Helpers of the data-safety browser tests: favouriting a line, raw IndexedDB access, taking an update. */
import { expect, test, type Page } from '@playwright/test';
import { serve, type Served } from './server';

export const field = (page: Page) => page.getByRole('searchbox', { name: 'Search every episode' });
export const current = (page: Page) => page.locator('[aria-current="true"]');
export const favouriteMoment = (page: Page) =>
  page.getByRole('group', { name: /^This moment/ }).getByRole('button', { name: /^Favourite moment/ });

export async function favouriteAt(page: Page, url: string, text: string | RegExp) {
  await page.goto(url);
  await expect(current(page)).toContainText(text);
  await favouriteMoment(page).click();
  await expect(favouriteMoment(page)).toHaveAttribute('aria-pressed', 'true');
}

/**
 * One served build at a time on `port`, closed after each test. `swap` serves another build on the same port
 * (a new deployment); `update` also lets the open page take it, and returns once the page shows `version` and
 * its new service worker is active.
 */
export function servePerTest(port: number) {
  let current: Served | null = null;
  test.afterEach(async () => {
    await current?.close();
    current = null;
  });
  const start = async (outDir: string) => (current = await serve(outDir, port));
  const stop = async () => {
    await current?.close();
    current = null;
  };
  const swap = async (outDir: string) => {
    await stop();
    return start(outDir);
  };
  const update = async (page: Page, outDir: string, version: string) => {
    await swap(outDir);
    await page.evaluate(async () => (await navigator.serviceWorker.ready).update());
    await page.getByTestId('update').getByRole('button', { name: 'reload' }).click();
    await expect(page.getByTestId('version')).toContainText(version);
    // Firefox has restarted the next navigation while the new worker was still settling (a goto "interrupted
    // by another navigation" to the same page): wait for the load and the worker.
    await page.waitForLoadState('load');
    await page.evaluate(async () => void (await navigator.serviceWorker.ready));
  };
  return { start, stop, swap, update };
}

/** Run code against a raw IndexedDB database in the page, as damaged storage or another app version would. */
export function inDatabase<T>(page: Page, name: string, work: string): Promise<T> {
  // One expression evaluated by the test driver, like DevTools' console: the page's CSP forbids `new Function`,
  // and Firefox's driver cannot bypass it.
  return page.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open(${JSON.stringify(name)});
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      (async () => { ${work} })().then(
        (value) => (db.close(), resolve(value)),
        (error) => (db.close(), reject(error instanceof Error ? error : new Error(String(error)))),
      );
    };
  })`) as Promise<T>;
}

export const REQUEST = `const request = (r) => new Promise((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });`;
