import { expect, type Page } from '@playwright/test';
import { readyTimeline } from '../../../src/node/bench/page-measures';

/** Open the app online and wait until the service worker has precached everything and controls the page. */
export async function install(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    if (!registration.active) throw new Error('no active service worker');
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

/** The search worker's latest ready report, from the page's `search-ready` mark (waits for one). */
export const searchReport = readyTimeline;

/** Wait until the search index is ready (the worker has answered "ready"). */
export async function searchReady(page: Page): Promise<void> {
  await expect(page.getByText(/moments from \d+ episodes, searchable offline/)).toBeVisible({ timeout: 30_000 });
}

/** Collect uncaught page errors, to assert there were none. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Import a favourites file through the real file chooser: JSON text, bytes, or a value to serialise. */
export async function importFavourites(page: Page, content: unknown, name = 'favourites.json'): Promise<void> {
  const buffer = Buffer.isBuffer(content) ? content : Buffer.from(typeof content === 'string' ? content : JSON.stringify(content));
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import JSON…' }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/json', buffer });
}

/** Chooses `files` in "Import transcript": each as text (saved as UTF-8) or as the bytes of another encoding. */
export async function importTranscripts(
  page: Page,
  files: ({ name: string; text: string } | { name: string; bytes: Buffer })[],
): Promise<void> {
  await page
    .getByLabel('Import transcript')
    .setInputFiles(files.map((f) => ({ name: f.name, mimeType: 'text/plain', buffer: 'bytes' in f ? f.bytes : Buffer.from(f.text) })));
}
