import { expect, test } from '@playwright/test';
import { collectErrors, install, searchReady } from './support/app';
import { BUILDS } from './support/builds';
import { ENGINE_INDEPENDENT, skipEngineIndependentInFirefox } from './support/engine';
import { serveForFile } from './support/server';
import { testPort } from './support/ports';

// Before any other hook: tests whose outcome is the same in every engine run in Chromium only (see engine.ts).
skipEngineIndependentInFirefox();

const PORT = testPort(4302);
const server = serveForFile(BUILDS.main, PORT);

test.beforeEach(async ({ page, context }) => {
  await install(page, server().url);
  await searchReady(page);
  await context.setOffline(true);
});

test('typing shows highlighted results on every keystroke, and the URL follows', async ({ page }) => {
  const errors = collectErrors(page);
  const field = page.getByRole('searchbox', { name: 'Search every episode' });
  await field.pressSequentially('readme impor', { delay: 30 });
  await expect(page).toHaveURL(/\/search\?q=readme\+impor$/);
  const first = page.locator('a[data-result]').first();
  await expect(first).toBeVisible();
  await expect(first.locator('mark').first()).toBeVisible();
  const marks = await page.locator('a[data-result] mark').allTextContents();
  expect(marks.length).toBeGreaterThan(0);
  // The forms of the words: `readme`, also said as `read me`, and words starting `impor`.
  for (const m of marks) expect(m.toLowerCase()).toMatch(/^(readme|read|impor)/);
  expect(errors).toEqual([]);
});

test('the address bar is written when typing pauses, not per keystroke, and Back from a result returns to the whole query', async ({
  page,
}) => {
  // Each history write costs the browser process time the worker needs, and Safari refuses more than 100 in 30 s.
  await page.evaluate(() => {
    const write = history.replaceState.bind(history);
    Object.assign(window, { historyWrites: 0 });
    history.replaceState = (...args: Parameters<History['replaceState']>) => {
      (window as unknown as { historyWrites: number }).historyWrites++;
      write(...args);
    };
  });
  const query = 'pytest fixtures';
  await page.getByRole('searchbox', { name: 'Search every episode' }).pressSequentially(query, { delay: 20 });
  await expect(page.locator(`#results[data-answered="${query}"] a[data-result]`).first()).toBeVisible();
  await expect(page).toHaveURL(/\/search\?q=pytest\+fixtures$/);
  // One write per pause; a stalled machine may pause mid-word, but never once per keystroke (15).
  expect(await page.evaluate(() => (window as unknown as { historyWrites: number }).historyWrites)).toBeLessThan(8);
  await page.locator('a[data-result]').first().click();
  await expect(page.locator('[aria-current="true"]')).toBeFocused();
  await page.goBack();
  await expect(page).toHaveURL(/\/search\?q=pytest\+fixtures$/);
  await expect(page.getByRole('searchbox', { name: 'Search every episode' })).toHaveValue(query);
});

test('a query not yet in the address bar is written before a link is followed or the page is hidden, and dropped by Back', async ({
  page,
}) => {
  const field = page.getByRole('searchbox', { name: 'Search every episode' });
  const nav = page.getByRole('navigation', { name: 'Main' });
  await page.clock.install();
  await page.reload();
  await searchReady(page);
  // Time stands still from here: the pause that writes the address bar never comes by itself.
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);

  // Followed link: the entry left keeps the query typed into it, for Back.
  await field.fill('pytest');
  await expect(page).toHaveURL(/\/$|\/search$/);
  await nav.getByRole('link', { name: 'Episodes' }).click();
  await expect(page).toHaveURL(/\/episodes$/);
  await page.goBack();
  await expect(page).toHaveURL(/\/search\?q=pytest$/);
  await expect(field).toHaveValue('pytest');

  // Hidden page (switched away from, or closed): written at once.
  await field.fill('pytest fixtures');
  await expect(page).toHaveURL(/\/search\?q=pytest$/);
  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
  await expect(page).toHaveURL(/\/search\?q=pytest\+fixtures$/);

  // Back: the keystrokes of the entry left are not written into the one returned to, even once time runs.
  await nav.getByRole('link', { name: 'Episodes' }).click();
  await nav.getByRole('link', { name: 'Search' }).click();
  await field.fill('flask');
  await page.goBack();
  await expect(page).toHaveURL(/\/episodes$/);
  await page.clock.runFor(2000);
  await expect(page).toHaveURL(/\/episodes$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Episodes' })).toBeVisible();
});

test('a query cleared and typed again shows its results again', async ({ page }) => {
  const field = page.getByRole('searchbox', { name: 'Search every episode' });
  await field.fill('flask');
  await expect(page.locator('#results[data-answered="flask"] a[data-result]').first()).toBeVisible();
  await field.fill('');
  await expect(page.locator('a[data-result]')).toHaveCount(0);
  await field.fill('flask');
  await expect(page.locator('#results[data-answered="flask"] a[data-result]').first()).toBeVisible();
});

test('typing on keeps the last results on screen until the next answer replaces them', async ({ page }) => {
  const field = page.getByRole('searchbox', { name: 'Search every episode' });
  await field.fill('python');
  await expect(page.locator('#results[data-answered="python"] a[data-result]').first()).toBeVisible();
  // Watch for any moment when the list is empty while the next letters are answered.
  await page.evaluate(() => {
    const results = document.querySelector('#results')!;
    const w = window as unknown as { blanked: boolean };
    w.blanked = false;
    new MutationObserver(() => {
      if (!results.querySelector('a[data-result]')) w.blanked = true;
    }).observe(results, { childList: true, subtree: true });
  });
  await field.pressSequentially(' packaging', { delay: 20 });
  await expect(page.locator('#results[data-answered="python packaging"] a[data-result]').first()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { blanked: boolean }).blanked)).toBe(false);
});

test('a result links to its moment and opens it', async ({ page }) => {
  await page.getByRole('searchbox', { name: 'Search every episode' }).fill('poitner type thing');
  const link = page.locator('a[data-result]').first();
  await expect(link).toHaveAttribute('href', /\/episodes\/233\?t=\d+&q=/);
  const href = (await link.getAttribute('href'))!;
  const t = Number(new URL(href, server().url).searchParams.get('t'));
  await link.click();
  await expect(page.getByRole('heading', { name: 'RaaS: Readme as a Service' })).toBeVisible();
  const current = page.locator('[aria-current="true"]');
  await expect(current).toBeInViewport();
  await expect(current).toHaveAttribute('href', `/episodes/233?t=${t}&q=poitner+type+thing`); // the line is its own link
});

test('a phrase in double quotes demands its words side by side and in that order', ENGINE_INDEPENDENT, async ({ page }) => {
  const field = page.getByRole('searchbox', { name: 'Search every episode' });
  const summary = page.getByTestId('result-summary');
  await field.fill('pull request');
  await expect(page.locator('#results[data-answered="pull request"]')).toBeVisible();
  const loose = Number((await summary.textContent())!.match(/^(\d+) moments?/)![1]);
  await field.fill('"pull request"');
  await expect(page.locator('#results[data-answered=\'"pull request"\']')).toBeVisible();
  const quoted = Number((await summary.textContent())!.match(/^(\d+) moments?/)![1]);
  expect(quoted).toBeGreaterThan(0);
  expect(quoted).toBeLessThan(loose);
  await field.fill('"request pull"');
  await expect(summary).toHaveText('No moment matches “"request pull"”.');
});

test('a search opened cold restores its results, filters and sort', async ({ page, context }) => {
  const fresh = await context.newPage();
  await fresh.goto(`${server().url}search?q=flask&sort=newest&year=2021`);
  await expect(fresh.getByRole('searchbox', { name: 'Search every episode' })).toHaveValue('flask');
  await expect(fresh.getByTestId('result-summary')).toContainText(/moments? in \d+ episodes?/);
  await expect(fresh.getByLabel('Sort')).toHaveValue('newest');
  const dates = await fresh.locator('.group .meta').allTextContents();
  expect(dates.length).toBeGreaterThan(0);
  for (const d of dates) expect(d).toMatch(/^2021-/);
  void page;
});

test('keyboard: / focuses search, arrows move through results, Enter opens, Escape clears', async ({ page }) => {
  await page.locator('body').click();
  await page.keyboard.press('/');
  const field = page.getByRole('searchbox', { name: 'Search every episode' });
  await expect(field).toBeFocused();
  await page.keyboard.type('flask');
  await expect(page.locator('a[data-result]').first()).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('a[data-result]').first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('a[data-result]').nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(field).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(field).toHaveValue('');
  await page.keyboard.type('flask');
  await expect(page.locator('#results[data-answered="flask"] a[data-result]').first()).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('a[data-result]').first()).toBeFocused();
  const href = await page.locator('a[data-result]').first().getAttribute('href');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new URL(href!, server().url).href);
  await expect(page.locator('[aria-current="true"]')).toBeFocused();
});

test("a moment's snippet spans the neighbouring line that said the other words, all marked", ENGINE_INDEPENDENT, async ({ page }) => {
  await page.getByRole('searchbox', { name: 'Search every episode' }).fill('super happy readme');
  const first = page.locator('#results[data-answered="super happy readme"] a[data-result]').first();
  await expect(first.locator('.snippet')).toHaveText(
    "So super happy to have you here. Brian, you know, having a good readme is really important to a project, wouldn't you say?",
  );
  await expect(first.locator('mark')).toHaveText(['super', 'happy', 'readme']);
  // The link names the line the moment starts on.
  await expect(first).toHaveAttribute('href', /\/episodes\/233\?t=77&q=/);
});

test('a version number is one word: "flask 2.0" marks 2.0 whole, not every 2 and 0', ENGINE_INDEPENDENT, async ({ page }) => {
  await page.getByRole('searchbox', { name: 'Search every episode' }).fill('flask 2.0');
  const marks = page.locator('#results[data-answered="flask 2.0"] a[data-result] mark');
  await expect(marks.first()).toBeVisible();
  const texts = await marks.allTextContents();
  expect(texts).toContain('2.0');
  for (const text of texts) expect(text.toLowerCase()).toMatch(/^(flask|2\.0)$/);
});

test('no result says so and suggests terms; the year chart shows', ENGINE_INDEPENDENT, async ({ page }) => {
  const field = page.getByRole('searchbox', { name: 'Search every episode' });
  await field.fill('zzqxj');
  await expect(page.getByTestId('result-summary')).toHaveText('No moment matches “zzqxj”.');
  await field.fill('zlasq'); // two edits from flask, and sounds unlike any word: no match, a suggestion
  await expect(page.getByText(/Try:/)).toBeVisible();
  await field.fill('python');
  await expect(page.getByRole('figure')).toContainText('over the years');
});

test('the year chart draws each bar in proportion to its count, and zero as no bar', async ({ page }) => {
  // The bundled episodes span 2018-2022 with no episode in 2019 or 2020: those years are zero.
  await page.getByRole('searchbox', { name: 'Search every episode' }).fill('python');
  const bars = page.locator('figure .year-bar');
  await expect(bars.first()).toBeAttached();
  const measured = await bars.evaluateAll((els) =>
    els.map((el) => ({ count: Number(el.getAttribute('data-count')), height: el.getBoundingClientRect().height })),
  );
  const max = Math.max(...measured.map((b) => b.count));
  const tallest = Math.max(...measured.map((b) => b.height));
  expect(measured.some((b) => b.count === 0)).toBe(true);
  for (const bar of measured) expect(bar.height).toBeCloseTo((bar.count / max) * tallest, 0);
  await expect(page.getByRole('figure')).toContainText('matching moments per year');
});

test('the episode range and sort controls narrow and reorder results, and the URL keeps them', async ({ page }) => {
  await page.getByRole('searchbox', { name: 'Search every episode' }).fill('python');
  await expect(page.locator('#results[data-answered="python"] .group').first()).toBeVisible();
  // Typed key by key, as a person does: in Firefox, a value set by fill() fires no change when the field is left.
  await page.getByLabel('Episodes from').pressSequentially('230');
  await page.getByLabel('Episodes from').press('Tab');
  await page.getByLabel('to', { exact: true }).pressSequentially('240');
  await page.getByLabel('to', { exact: true }).press('Tab');
  await expect(page).toHaveURL(/ep=230-240/);
  await expect.poll(() => page.locator('.group h2 .num').allTextContents()).toEqual(expect.arrayContaining(['#233', '#235']));
  const numbers = await page.locator('.group h2 .num').allTextContents();
  expect(numbers.every((n) => ['#233', '#235'].includes(n))).toBe(true);
  await page.getByLabel('Sort').selectOption('newest');
  await expect(page).toHaveURL(/sort=newest/);
  await expect.poll(() => page.locator('.group h2 .num').allTextContents()).toEqual(['#235', '#233']);
});

test(
  'a word said everywhere: counts of a thousand or more are written with separators, as the index status is',
  ENGINE_INDEPENDENT,
  async ({ page }) => {
    await page.getByRole('searchbox', { name: 'Search every episode' }).fill('the');
    // Over 1,000 moments in the five bundled episodes; written "1035" beside "2,675 moments from 5 episodes" before.
    await expect(page.getByTestId('result-summary')).toHaveText(/^\d{1,3}(,\d{3})+ moments in 5 episodes\.$/);
    await expect(page.locator('#results a[data-result]').first()).toBeVisible();
    const groupCounts = await page
      .locator('#results')
      .getByText(/matching moments?$/)
      .allTextContents();
    expect(groupCounts.some((text) => /· \d{1,3}(,\d{3})* matching moments$/.test(text))).toBe(true);
  },
);
