import { expect, test, type Page } from '@playwright/test';
import { collectErrors, install } from './support/app';
import { allowClipboard, ENGINE_INDEPENDENT, skipEngineIndependentInFirefox } from './support/engine';
import { BUILDS } from './support/builds';
import { serveForFile } from './support/server';
import { testPort } from './support/ports';

// Before any other hook: tests whose outcome is the same in every engine run in Chromium only (see engine.ts).
skipEngineIndependentInFirefox();

const PORT = testPort(4303);
const server = serveForFile(BUILDS.main, PORT);
test.beforeEach(async ({ page, context }) => {
  await install(page, server().url);
  await context.setOffline(true);
});

const open = (page: Page, path: string) => page.goto(`${server().url}${path}`);
const current = (page: Page) => page.locator('[aria-current="true"]');
/** The landed moment's actions. */
const moment = (page: Page) => page.getByRole('group', { name: /^This moment/ });

// Episode 233, segment "01:18 Brian, you know, having a good readme…" starts at 78 s; the next at 83 s.
// Every form of t in one test (one install): each is opened afresh, as a link from elsewhere would be.
test(
  't in every form (78, 1m18s, 01:18, 00:01:18, 80, 0h1m22s, #t=78) lands on the line holding that second, in view and focused',
  ENGINE_INDEPENDENT,
  async ({ page }) => {
    const errors = collectErrors(page);
    for (const t of ['?t=78', '?t=1m18s', '?t=01:18', '?t=00:01:18', '?t=80', '?t=0h1m22s', '#t=78']) {
      await open(page, `episodes/233${t}`);
      await expect(current(page), `t=${t}`).toHaveCount(1);
      await expect(current(page), `t=${t}`).toContainText('having a good readme is really important');
      await expect(current(page), `t=${t}`).toBeInViewport();
      await expect(current(page), `t=${t}`).toBeFocused();
    }
    expect(errors).toEqual([]);
  },
);

test("a link in the podcast site's own form, ?time_in_sec=78, lands like ?t=78", async ({ page }) => {
  await open(page, 'episodes/233?time_in_sec=78');
  await expect(current(page)).toContainText('having a good readme is really important');
  await expect(current(page)).toBeFocused();
});

test('the hour form lands deep in an episode', async ({ page }) => {
  await open(page, 'episodes/233?t=0h50m23s');
  await expect(current(page)).toContainText("So it's very similar.");
  await expect(current(page)).toBeInViewport();
});

test('a t beyond the end lands on the last segment with a note', async ({ page }) => {
  await open(page, 'episodes/233?t=99999');
  await expect(current(page)).toContainText('Thank you for listening and sharing this podcast');
  await expect(page.getByText('The link points past the end of this episode')).toBeVisible();
});

test(
  'a garbage t (abc, -5, %E0%A4%A, 10,000 characters) opens the episode at the top with a gentle message',
  ENGINE_INDEPENDENT,
  async ({ page }) => {
    const errors = collectErrors(page);
    for (const bad of ['abc', '-5', '%E0%A4%A', 'x'.repeat(10_000)]) {
      const what = `t=${bad.slice(0, 12)}`;
      await open(page, `episodes/233?t=${bad}`);
      await expect(page.getByRole('heading', { name: 'RaaS: Readme as a Service' }), what).toBeVisible();
      await expect(page.getByText(/is not a time this app understands/), what).toBeVisible();
      await expect(current(page), what).toHaveCount(0);
    }
    expect(errors).toEqual([]);
  },
);

test('an unknown episode says so with a way back to search', ENGINE_INDEPENDENT, async ({ page }) => {
  const errors = collectErrors(page);
  await open(page, 'episodes/9999?t=5');
  await expect(page.getByRole('heading', { name: 'Episode not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to search' }).click();
  await expect(page.getByRole('searchbox', { name: 'Search every episode' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('arriving from a search shows the query words highlighted', async ({ page }) => {
  await open(page, 'episodes/233?t=78&q=readme');
  await expect(current(page).locator('mark')).toHaveText(['readme']);
});

test('share falls back to copying the link, copy quote copies text, time, title and link', async ({ page, context, browserName }) => {
  await allowClipboard(context, browserName);
  await page.addInitScript(() => {
    // A desktop without the Web Share API.
    Object.defineProperty(navigator, 'share', { value: undefined });
  });
  await open(page, 'episodes/233?t=1m18s');
  await moment(page).getByRole('button', { name: 'Share' }).click();
  await expect(page.getByText('Link copied.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${server().url}episodes/233?t=78`);
  await moment(page).getByRole('button', { name: 'Copy quote' }).click();
  await expect(page.getByText('Quote copied.')).toBeVisible();
  const quote = await page.evaluate(() => navigator.clipboard.readText());
  expect(quote).toContain('Brian, you know, having a good readme is really important');
  expect(quote).toContain('RaaS: Readme as a Service, 01:18');
  expect(quote).toContain(`${server().url}episodes/233?t=78`);
});

test('find in the episode shows n of m and moves with Enter and Shift+Enter', async ({ page }) => {
  await open(page, 'episodes/233');
  const find = page.getByLabel('Find in this episode');
  await find.fill('readme');
  const count = page.getByTestId('find-count');
  await expect(count).toHaveText(/^1 of \d+$/);
  const total = Number((await count.textContent())!.split(' of ')[1]);
  expect(total).toBeGreaterThan(3);
  await find.press('Enter');
  await expect(count).toHaveText(`2 of ${total}`);
  await expect(page.locator('ol.transcript .found')).toBeInViewport();
  await expect(page.locator('ol.transcript .found mark').first()).toHaveText(/readme/i);
  await find.press('Shift+Enter');
  await find.press('Shift+Enter');
  await expect(count).toHaveText(`${total} of ${total}`);
});

test('episodes list newest first with a filter, and previous/next episode links', ENGINE_INDEPENDENT, async ({ page }) => {
  await open(page, 'episodes');
  const items = page.getByTestId('episodes').locator('li a');
  await expect(items.first()).toContainText('#282');
  await page.getByLabel('Filter episodes').fill('flask');
  await expect(items).toHaveCount(1);
  await items.first().click();
  await expect(page.getByRole('heading', { name: 'Flask 2.0 articles and reactions' })).toBeVisible();
  await page.locator('a[rel="next"]').click();
  await expect(page.getByRole('heading', { name: "Don't embarrass me in front of the wizards" })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Flask 2.0 articles and reactions' })).toBeVisible();
});
