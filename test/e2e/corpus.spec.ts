/** Search over the whole shared corpus (486 episodes), as users of the real podcast see it. */
import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { BUILDS, CORPUS_DIR } from './support/builds';
import { serveForFile } from './support/server';

const present = existsSync(CORPUS_DIR);
if (!present) console.warn(`SKIPPED corpus browser test: ${CORPUS_DIR} is not present`);
test.skip(!present, `${CORPUS_DIR} is not present`);

const PORT = 4330;
const server = serveForFile(BUILDS.corpus, PORT);

test('a topic, "pandas dataframe", lists many episodes, with the words highlighted in their moments and on the page', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`${server().url}search?q=${encodeURIComponent('pandas dataframe')}`);
  const results = page.locator('#results[data-answered="pandas dataframe"]');
  await expect(results.locator('a[data-result]').first()).toBeVisible({ timeout: 60_000 });
  await expect(results.locator('.group')).toHaveCount(30); // the page's limit: far more than one episode discusses it
  expect(await results.locator('a[data-result] mark').count()).toBeGreaterThan(30);
  const marked = (await results.locator('a[data-result] mark').allTextContents()).map((m) => m.toLowerCase());
  // `data frame` is how speech-to-text mostly writes it: both forms are found and marked.
  expect(marked).toEqual(expect.arrayContaining(['pandas', 'data', 'frame']));
  // The episode page reached from a result marks the same forms.
  await results.locator('a[data-result]').first().click();
  await expect(page.locator('[aria-current="true"] mark').first()).toBeVisible();
});

test('a project name speech-to-text wrote as it sounds, "pyjion", finds the episodes that say "Pigeon"', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`${server().url}search?q=pyjion`);
  const results = page.locator('#results[data-answered="pyjion"]');
  await expect(results.locator('a[data-result]').first()).toBeVisible({ timeout: 60_000 });
  // Episode 259 is the one whose show notes cover Pyjion (the topic queries' answer for it).
  const listed = await results.locator('.group h2 a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  expect(listed.slice(0, 10)).toContain('/episodes/259?q=pyjion');
  const marked = (await results.locator('a[data-result] mark').allTextContents()).map((m) => m.toLowerCase());
  expect(marked).toContain('pigeon');
});
