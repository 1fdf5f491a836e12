import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, install, searchReady } from './support/app';
import { audioHostForFile } from './support/audio-host';
import { BUILDS } from './support/builds';
import { ENGINE_INDEPENDENT, skipEngineIndependentInFirefox } from './support/engine';
import { pageViolations, watchCsp } from './support/csp';
import { serveForFile } from './support/server';
import { testPort } from './support/ports';

// Before any other hook: tests whose outcome is the same in every engine run in Chromium only (see engine.ts).
skipEngineIndependentInFirefox();

// Built over test/fixtures/podcast2: a feed, a word-level JSON transcript with chapters, an HTML transcript and a
// WebVTT one. The feed's audio lives on a second origin (port 4341), as on a real media host.
const server = serveForFile(BUILDS.podcast2, testPort(4340));
const audioHost = audioHostForFile(4341);

const audioTime = (page: Page) => page.locator('audio').evaluate((a: HTMLAudioElement) => a.currentTime);

test.beforeEach(async ({ page }) => {
  await install(page, server().url);
  await searchReady(page);
});

test(
  'titles, dates and the podcast name come from the feed; JSON and HTML transcripts are searchable',
  ENGINE_INDEPENDENT,
  async ({ page }) => {
    await page.goto(`${server().url}episodes`);
    await expect(page.getByRole('link', { name: /Tardigrades & word-level transcripts/ })).toBeVisible();
    await expect(page.getByRole('link', { name: /Narwhal schedulers, in HTML/ })).toBeVisible();
    await expect(page.getByRole('banner')).toContainText('Fixture Radio');

    await page.goto(`${server().url}search`);
    const field = page.getByRole('searchbox', { name: 'Search every episode' });
    await field.fill('tardigrade storage');
    const first = page.locator('#results[data-answered="tardigrade storage"] a[data-result]').first();
    await expect(first).toContainText('Tardigrade storage survives anything');
    await expect(first).toContainText('Tardigrade databases'); // its chapter's title
    await field.fill('narwhal');
    await expect(page.locator('#results[data-answered="narwhal"] .group h2')).toHaveText([/Narwhal schedulers, in HTML/]);

    // Words only the show notes hold: listed apart, below speech, marked.
    await field.fill('pangolin');
    const notes = page.getByRole('region', { name: 'From the show notes' });
    await expect(notes.getByRole('link')).toHaveText([/Tardigrades & word-level transcripts/]);
    await expect(notes.locator('mark')).toHaveText(['pangolin']);
    await expect(page.getByTestId('result-summary')).toHaveText(/No one says “pangolin” in an episode; the show notes of 1 mention it\./);
  },
);

test(
  'chapters are listed at the top and head their lines; show notes keep their links and lose their scripts',
  ENGINE_INDEPENDENT,
  async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto(`${server().url}episodes/1`);
    const chapters = page.getByRole('navigation', { name: 'Chapters' });
    await expect(chapters.getByRole('link')).toHaveText(['00:00 Welcome', '00:03 Tardigrade databases', '00:14 Quokka compilers']);
    await expect(page.locator('ol.transcript h2.chapter')).toHaveText(['Welcome', 'Tardigrade databases', 'Quokka compilers']);
    await page.getByText('Show notes', { exact: true }).click();
    const link = page.locator('.notes a[href="https://example.com/tardigrade"]');
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    await expect(page.locator('.notes script, .notes img, .notes [onerror], .notes a[href^="javascript"]')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: boolean }).pwned)).toBeUndefined();
    await chapters.getByRole('link', { name: /Quokka compilers/ }).click();
    await expect(page.locator('[aria-current="true"]')).toContainText('the chapters of this episode cover quokka compilers');
    expect(errors).toEqual([]);
  },
);

test("Play starts the audio at the moment, only then; the transcript follows it, and a line's time seeks", async ({ page, context }) => {
  const csp = await watchCsp(context);
  csp.watch(page);
  audioHost().hits.length = 0;
  await page.goto(`${server().url}episodes/1?t=10.6`);
  await expect(page.locator('[aria-current="true"]')).toContainText('Tardigrade storage survives anything');
  await expect(page.getByRole('region', { name: 'Audio player' })).toBeHidden();
  // Not even drawn before Play: an <audio> with controls is a long layout on a phone, paid by every screen.
  await expect(page.locator('audio')).toHaveCount(0);
  expect(audioHost().hits).toEqual([]); // nothing is requested before Play

  await page.getByRole('button', { name: 'Play from 00:10' }).click();
  await expect(page.getByRole('region', { name: 'Audio player' })).toBeVisible();
  await expect.poll(() => audioHost().hits.length).toBeGreaterThan(0);
  await expect.poll(() => audioTime(page)).toBeGreaterThanOrEqual(10.6);
  // The lock screen and headset controls know what plays (Media Session).
  expect(await page.evaluate(() => navigator.mediaSession.metadata?.title)).toBe('Tardigrades & word-level transcripts');
  await expect(page.locator('ol.transcript .playing')).toContainText('Tardigrade storage survives anything');
  // As it plays on, the highlight moves to the next line.
  await expect(page.locator('ol.transcript .playing')).toContainText('Next up, the chapters', { timeout: 15_000 });

  // Tapping a line (each is a link to its moment) seeks the player there.
  await page.locator('ol.transcript a[data-index]', { hasText: 'That is all for today' }).click();
  await expect.poll(() => audioTime(page)).toBeGreaterThanOrEqual(23.2);
  await expect(page.locator('ol.transcript .playing')).toContainText('That is all for today');
  expect(await pageViolations(page)).toEqual([]);
  expect(csp.violations).toEqual([]);
});

test('an episode without audio offers no Play; offline, Play says audio needs a connection and requests nothing', async ({
  page,
  context,
}) => {
  await page.goto(`${server().url}episodes/2?t=7`);
  await expect(page.locator('[aria-current="true"]')).toContainText('narwhal scheduler runs jobs');
  await expect(page.getByRole('button', { name: /Play from/ })).toHaveCount(0);

  await context.setOffline(true);
  audioHost().hits.length = 0;
  await page.goto(`${server().url}episodes/3?t=5`);
  await page.getByRole('button', { name: 'Play from 00:05' }).click();
  await expect(page.getByTestId('player-message')).toHaveText(/Audio needs a connection\. The transcript works offline\./);
  expect(audioHost().hits).toEqual([]);
  // Reading and search keep working.
  await expect(page.locator('[aria-current="true"]')).toContainText('axolotl caching');
});

test("the policy lets audio come from the feed's media origin and nowhere else", async ({ page }) => {
  const response = await page.goto(`${server().url}episodes/1`);
  const policy = response!.headers()['content-security-policy'] ?? '';
  expect(policy).toContain("default-src 'self'");
  expect(policy).toMatch(/media-src 'self' http:\/\/127\.0\.0\.1:4341(;|$)/);
});

test('a favourite moment of an episode with audio offers Play too', async ({ page }) => {
  await page.goto(`${server().url}episodes/1?t=10.6`);
  const favourite = page.getByRole('button', { name: /Favourite moment/ });
  await favourite.click();
  await expect(favourite).toHaveAttribute('aria-pressed', 'true'); // saved
  await page.goto(`${server().url}favourites`);
  await expect(page.locator('.favs li').getByRole('button', { name: 'Play from 00:10' })).toBeVisible();
});

test('axe finds no serious problem with chapters, show notes, Play buttons and the player open (light and dark)', async ({
  page,
  browserName,
}) => {
  for (const colorScheme of browserName === 'firefox' ? [null] : (['light', 'dark'] as const)) {
    if (colorScheme) await page.emulateMedia({ colorScheme });
    await page.goto(`${server().url}episodes/1?t=10.6`);
    await page.getByText('Show notes', { exact: true }).click();
    await page.getByRole('button', { name: 'Play from 00:10' }).click();
    await expect(page.getByRole('region', { name: 'Audio player' })).toBeVisible();
    for (const path of ['', 'search?q=tardigrade']) {
      if (path) await page.goto(`${server().url}${path}`);
      const { violations } = await new AxeBuilder({ page }).analyze();
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${colorScheme} ${path}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    }
  }
});
