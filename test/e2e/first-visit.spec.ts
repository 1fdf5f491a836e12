import { expect, test } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { collectErrors } from './support/app';
import { BUILDS } from './support/builds';
import { serve, type Served } from './support/server';

const PORT = 4312;
let server: Served | null = null;
test.afterEach(async () => {
  await server?.close();
  server = null;
});

// The bundled build has two data files: episodes 98, 217 and 233 in the first, 235 and 282 in the second.
const secondPack = readdirSync(`${BUILDS.main}/data`).find((name) => name.startsWith('pack-235.'));

test('a first visit searches the episodes indexed so far while the rest is held back, with an accessible progress bar', async ({
  page,
}) => {
  expect(secondPack, 'the bundled build splits its episodes over two data files').toBeDefined();
  const errors = collectErrors(page);
  server = await serve(BUILDS.main, PORT, '/', { hold: new RegExp(`/data/${secondPack}`) });
  // A deep link opened on a first visit answers as soon as the first data is indexed.
  await page.goto(`${server.url}search?q=readme`);
  const progress = page.getByRole('progressbar', { name: 'Searching 3 of 5 episodes, still indexing…' });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute('value', '3');
  await expect(progress).toHaveAttribute('max', '5');
  const results = page.locator('#results[data-answered="readme"] a[data-result]');
  await expect(results.first()).toBeVisible();
  await expect(results.first().locator('mark').first()).toHaveText(/readme/i);

  // Words said only in the held-back episodes find nothing yet; typing never waits for them.
  const field = page.getByRole('searchbox', { name: 'Search every episode' });
  await field.fill('wizards');
  await expect(page.locator('#results[data-answered="wizards"]')).toContainText('No moment matches');
  await expect(progress).toBeVisible();

  // The rest arrives: the same query now finds them, and the note goes away.
  server.release();
  await expect(page.locator('#results[data-answered="wizards"] a[data-result]').first()).toHaveAttribute('href', /\/episodes\/282\?/);
  await expect(page.getByTestId('indexing')).toHaveCount(0);
  await expect(page.getByText(/moments? in \d+ episodes?/)).toBeVisible();
  expect(errors).toEqual([]);
});
