import { expect, test, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { collectErrors, importFavourites, install, searchReady } from './support/app';
import { BUILDS } from './support/builds';
import { NO_WORKER_ACCESS } from './support/engine';
import { pageViolations, watchCsp } from './support/csp';
import { serve, serveForFile } from './support/server';
import { testPort } from './support/ports';

const PORT = testPort(4305);
const HOSTILE_PORT = testPort(4306);

test.describe('strict CSP and hostile content', () => {
  const hostile = serveForFile(BUILDS.hostile, HOSTILE_PORT);

  test('the preview server sends the policy header and the page carries the meta policy', async ({ page }) => {
    const response = await page.goto(hostile().url);
    const header = response!.headers()['content-security-policy']!;
    for (const directive of ["default-src 'self'", "script-src 'self'", "worker-src 'self'", "object-src 'none'", "base-uri 'none'"]) {
      expect(header).toContain(directive);
    }
    expect(header).not.toContain('unsafe-eval');
    expect(header).not.toContain('unsafe-inline');
    await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', /script-src 'self'/);
    // One inline script, the one that starts the search worker before the app's script arrives: allowed by its
    // hash, and by nothing that would let any other inline script run.
    const inline = page.locator('script:not([src])');
    expect(await inline.count()).toBe(1);
    const hash = createHash('sha256')
      .update((await inline.textContent())!, 'utf8')
      .digest('base64');
    expect(header).toMatch(new RegExp(`(^|; )script-src 'self' 'sha256-${hash.replace(/[+/]/g, '\\$&')}'(;|$)`));
  });

  test('_headers carries the same policy for hosts that read it (Netlify, Cloudflare Pages)', async ({ page }) => {
    const response = await page.goto(hostile().url);
    const headers = readFileSync(`${BUILDS.hostile}/_headers`, 'utf8');
    expect(headers).toMatch(/^\/\*\n/);
    expect(headers).toContain(`  Content-Security-Policy: ${response!.headers()['content-security-policy']}\n`);
  });

  /** Ask the page and the search worker to fetch another origin; say which requests reached it. */
  const crossOriginReach = async (page: Page) => {
    const other = await serve(BUILDS.hostile, HOSTILE_PORT + 11);
    try {
      await searchReady(page);
      const worker = page.workers().find((w) => w.url().includes('search.worker'))!;
      const attempt = (from: string) => `fetch('${other.url}from-${from}').catch(() => undefined)`;
      // Playwright's evaluate is exempt from the policy's eval rule, but not from connect-src.
      await page.evaluate(attempt('page'));
      await worker.evaluate(attempt('worker'));
      return other.hits.filter((hit) => hit.startsWith('/from-')).sort();
    } finally {
      await other.close();
    }
  };

  test('the policy header covers the search worker too: it cannot reach another origin', async ({ page, browserName }) => {
    test.skip(browserName === 'firefox', NO_WORKER_ACCESS);
    await page.goto(hostile().url);
    expect(await crossOriginReach(page)).toEqual([]);
  });

  test('with only the <meta> policy the page is covered but the worker is not (why the README asks for the header)', async ({
    page,
    browserName,
  }) => {
    test.skip(browserName === 'firefox', NO_WORKER_ACCESS);
    const metaOnly = await serve(BUILDS.hostile, HOSTILE_PORT + 10, '/', { metaOnly: true });
    try {
      const response = await page.goto(metaOnly.url);
      expect(response!.headers()['content-security-policy']).toBeUndefined();
      expect(await crossOriginReach(page)).toEqual(['/from-worker']);
    } finally {
      await metaOnly.close();
    }
  });

  test('every screen and flow runs with zero policy violations; hostile text stays text', async ({ page, context }) => {
    const csp = await watchCsp(context);
    csp.watch(page);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const errors = collectErrors(page);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await install(page, hostile().url);
    await searchReady(page);

    // Search for hostile speech: it shows literally, highlighted by <mark> only.
    const field = page.getByRole('searchbox', { name: 'Search every episode' });
    await field.fill('script alert');
    await expect(page.locator('a[data-result]').first()).toContainText('<script>alert(1)</script>');
    await field.fill('<img src=x onerror=alert(1)>');
    await expect(page.locator('a[data-result]').first()).toContainText('<img src=x onerror=alert(1)>');
    await field.fill('"><svg onload=alert(3)> (.*)+$ 🎉 שלום');
    await expect(page.locator('#results')).toBeVisible();
    expect(await page.locator('#results img, #results svg, #results script').count()).toBe(0);

    // Read it, share it, favourite it.
    await page.goto(`${hostile().url}episodes/1?t=0&q=script`);
    await expect(page.getByText('<script>alert(1)</script> is what I typed.')).toBeVisible();
    await expect(page.getByText('<a href="javascript:alert(2)">click me</a>', { exact: false })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText("<img src=x onerror=alert('title')> Hostile title");
    expect(await page.locator('article a[href^="javascript:"]').count()).toBe(0);
    await page
      .getByRole('group', { name: /^This moment/ })
      .getByRole('button', { name: 'Share' })
      .click();
    await page.getByRole('button', { name: /^Favourite moment/ }).click();
    // Wait for the saved state, not for time: navigating away mid-save would lose it.
    await expect(page.getByRole('button', { name: /^Favourite moment/ })).toHaveAttribute('aria-pressed', 'true');
    await page.goto(`${hostile().url}episodes/1?t=javascript:alert(1)`);
    await expect(page.getByText(/is not a time this app understands/)).toBeVisible();

    // Export and import it.
    await page.goto(`${hostile().url}favourites`);
    await expect(page.getByText('<script>alert(1)</script>', { exact: false })).toBeVisible();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export JSON' }).click();
    const exported = readFileSync(await (await download).path(), 'utf8');
    const hostileImport = JSON.parse(exported);
    hostileImport.items[0].note = '<img src=x onerror=alert(9)>';
    hostileImport.items[0].updatedAt += 1;
    await importFavourites(page, hostileImport);
    await expect(page.getByText('<img src=x onerror=alert(9)>')).toBeVisible();
    await page.getByRole('link', { name: 'Episodes', exact: true }).click();

    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(await pageViolations(page)).toEqual([]);
    expect(csp.violations).toEqual([]);
  });

  test('the update flow runs without policy violations', async ({ page, context }) => {
    // The update path (new service worker, prompt, reload) and the chart, under the policy, on the main builds.
    const csp = await watchCsp(context);
    csp.watch(page);
    const main = await serve(BUILDS.main, PORT);
    try {
      await install(page, main.url);
      await main.close();
      const next = await serve(BUILDS.next, PORT);
      try {
        await page.evaluate(async () => (await navigator.serviceWorker.ready).update());
        await page.getByTestId('update').getByRole('button', { name: 'reload' }).click();
        await expect(page.getByTestId('version')).toContainText('e2e-2');
        await searchReady(page);
        // The year chart sets bar heights from script: allowed by the policy only through CSSOM.
        await page.getByRole('searchbox', { name: 'Search every episode' }).fill('python');
        await expect(page.getByRole('figure')).toBeVisible();
      } finally {
        await next.close();
      }
    } catch (e) {
      await main.close().catch(() => undefined);
      throw e;
    }
    expect(await pageViolations(page)).toEqual([]);
    expect(csp.violations).toEqual([]);
  });
});
