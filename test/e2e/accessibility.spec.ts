import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { collectErrors, install, searchReady, searchReport } from './support/app';
import { BUILDS } from './support/builds';
import {
  NO_MEDIA_EMULATION,
  NO_WORKER_ACCESS,
  SAME_IN_EVERY_ENGINE,
  ENGINE_INDEPENDENT,
  skipEngineIndependentInFirefox,
} from './support/engine';
import { serveForFile } from './support/server';
import { testPort } from './support/ports';

// Before any other hook: tests whose outcome is the same in every engine run in Chromium only (see engine.ts).
skipEngineIndependentInFirefox();

const PORT = testPort(4307);

test.describe('accessibility, keyboard and faults', () => {
  const main = serveForFile(BUILDS.main, PORT);

  const screens = ['', 'search?q=readme', 'episodes', 'episodes/233?t=78&q=readme', 'favourites', 'episodes/nope'];
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const [device, viewport] of [
      ['phone', { width: 390, height: 844 }],
      ['desktop', { width: 1280, height: 800 }],
    ] as const) {
      test(`axe finds no serious or critical problem (${colorScheme}, ${device})`, async ({ page, browserName }) => {
        // axe reads the same markup in every engine and takes a minute per run in Firefox.
        test.skip(browserName === 'firefox', SAME_IN_EVERY_ENGINE);
        // Dark differs from light in colours only, and the phone size shows every colour the desktop does.
        test.skip(colorScheme === 'dark' && device === 'desktop', 'dark is checked at the phone size, to keep CI short');
        // Light is Firefox's own scheme: asking for it would be asking to emulate.
        if (browserName !== 'firefox') await page.emulateMedia({ colorScheme });
        await page.setViewportSize(viewport);
        await install(page, main().url);
        for (const path of screens) {
          await page.goto(`${main().url}${path}`);
          await expect(page.locator('main h1, main label').first()).toBeAttached();
          if (path.startsWith('search')) await expect(page.getByTestId('result-summary')).toBeVisible();
          const { violations } = await new AxeBuilder({ page }).analyze();
          const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
          expect(serious.map((v) => `${path}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
        }
      });
    }
  }

  test('keyboard only: search, open a result, favourite it, open favourites, follow it back', async ({ page }) => {
    await install(page, main().url);
    await searchReady(page);
    const focusVisible = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        return el !== document.body && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
      });
    await page.keyboard.press('/');
    await page.keyboard.type('readme impor');
    await expect(page.locator('#results[data-answered="readme impor"] a[data-result]').first()).toBeVisible();
    await page.keyboard.press('ArrowDown');
    expect(await focusVisible()).toBe(true);
    await page.keyboard.press('Enter');
    const current = page.locator('[aria-current="true"]');
    await expect(current).toBeFocused();
    await page.keyboard.press('Tab'); // from the line (a link) to its actions, right after it: Favourite moment
    await expect(page.getByRole('button', { name: /^Favourite moment/ })).toBeFocused();
    expect(await focusVisible()).toBe(true);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: /^Favourite moment/ })).toHaveAttribute('aria-pressed', 'true');
    // To the main navigation: skip link first, then brand, Search, Episodes, Favourites.
    await page.keyboard.press('Shift+Tab');
    for (
      let i = 0;
      i < 40 && !(await page.getByRole('link', { name: 'Favourites', exact: true }).evaluate((el) => el === document.activeElement));
      i++
    ) {
      await page.keyboard.press('Shift+Tab');
    }
    await expect(page.getByRole('link', { name: 'Favourites', exact: true })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Favourites' })).toBeVisible();
    const link = page.getByRole('link', { name: /having a good readme/ });
    for (let i = 0; i < 20 && !(await link.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(link).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/episodes\/233\?t=78$/);
    await expect(current).toBeFocused();
  });

  test('reduced motion turns off animation and smooth scrolling', async ({ page, browserName }) => {
    test.skip(browserName === 'firefox', NO_MEDIA_EMULATION);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(main().url);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior)).toBe('auto');
  });

  test('a dead search worker is noticed and restarted; the next query works', async ({ page, browserName }) => {
    test.skip(browserName === 'firefox', NO_WORKER_ACCESS);
    await install(page, main().url);
    await searchReady(page);
    // The worker dies without a word, as when the OS kills it: it closes itself from inside.
    const worker = page.workers().find((w) => w.url().includes('search.worker'));
    await worker!.evaluate(() => (self as unknown as { close(): void }).close());
    await page.getByRole('searchbox', { name: 'Search every episode' }).fill('flask');
    await expect(page.getByText('Search stopped unexpectedly and was restarted.')).toBeVisible();
    await expect(page.locator('#results[data-answered="flask"] a[data-result]').first()).toBeVisible();
    await page.getByRole('searchbox', { name: 'Search every episode' }).fill('readme');
    await expect(page.locator('#results[data-answered="readme"] a[data-result]').first()).toBeVisible();
  });

  test('garbage in the favourites database is reported, the rest keeps working, and only the damaged row is moved aside', async ({
    page,
  }) => {
    await install(page, main().url);
    await page.goto(`${main().url}episodes/233?t=78`);
    await page.getByRole('button', { name: /^Favourite moment/ }).click();
    await expect(page.getByRole('button', { name: /^Favourite moment/ })).toHaveAttribute('aria-pressed', 'true');
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('favourites');
          open.onsuccess = () => {
            const tx = open.result.transaction('favourites', 'readwrite');
            tx.objectStore('favourites').put({ id: 'garbage', kind: 42, note: { evil: true } });
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
    await page.goto(`${main().url}favourites`);
    await expect(page.getByRole('alert')).toContainText('1 saved item is damaged');
    await expect(page.locator('.favs li')).toHaveCount(1);
    await page.goto(`${main().url}search?q=flask`);
    await expect(page.locator('a[data-result]').first()).toBeVisible();
    await page.goto(`${main().url}favourites`);
    await page.getByRole('button', { name: 'Move damaged items aside' }).click();
    await expect(page.getByText(/are damaged/)).toHaveCount(0);
    await expect(page.locator('.favs li')).toHaveCount(1);
    // The search index store was not touched: a reload warm-starts from it.
    await page.goto(`${main().url}search?q=flask`);
    expect((await searchReport(page)).source).toBe('kept');
  });

  test(
    'hostile queries: 10,000 characters, metacharacters, emoji, right-to-left: no crash, no long freeze',
    ENGINE_INDEPENDENT,
    async ({ page }) => {
      const errors = collectErrors(page);
      await install(page, main().url);
      await searchReady(page);
      await page.evaluate(() => {
        (window as unknown as { __long: number[] }).__long = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) (window as unknown as { __long: number[] }).__long.push(e.duration);
        }).observe({ type: 'longtask' });
      });
      const field = page.getByRole('searchbox', { name: 'Search every episode' });
      for (const q of [
        'x'.repeat(10_000),
        'a'.repeat(5000) + ' flask',
        '(.*)+$ [a-z]{2,} \\d+ ^',
        '🎉🐍💥 flask',
        'שלום עולם مرحبا',
        '"unclosed phrase',
      ]) {
        await field.fill(q);
        await expect(page.locator('#results[data-answered]')).toBeVisible();
      }
      await field.fill('flask');
      await expect(page.locator('#results[data-answered="flask"] a[data-result]').first()).toBeVisible();
      const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
      expect(long.filter((d) => d > 100)).toEqual([]);
      expect(errors).toEqual([]);
    },
  );
});
