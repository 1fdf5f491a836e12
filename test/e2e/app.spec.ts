import { chromium, expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumLaunchOptions } from '../../src/node/browsers';
import { importTranscripts, install, searchReady, searchReport } from './support/app';
import { CHROMIUM_ONLY, expectFromServiceWorker } from './support/engine';
import { BUILDS, SUBFOLDER_BASE } from './support/builds';
import { serve, type Served } from './support/server';
import { testPort } from './support/ports';

const PORT = testPort(4301);
let server: Served | null = null;

test.afterEach(async () => {
  await server?.close();
  server = null;
});

test('a first visit installs the service worker only once search is ready, so both do not download at once', async ({ page }) => {
  // Slow transcripts stand in for a big corpus on a slow network: search is ready well after page load.
  server = await serve(BUILDS.main, PORT, '/', { slow: { match: /\/data\/pack-/, ms: 1500 } });
  await page.addInitScript(() => {
    const w = window as unknown as { __registeredAt?: number };
    const register = navigator.serviceWorker.register.bind(navigator.serviceWorker);
    navigator.serviceWorker.register = (...args) => {
      w.__registeredAt ??= performance.now();
      return register(...args);
    };
  });
  await page.goto(server.url);
  await expect(page.getByTestId('offline-ready')).toContainText('Ready to work offline', { timeout: 15_000 });
  const { ready: readyAt } = await searchReport(page);
  const registeredAt = await page.evaluate(() => (window as unknown as { __registeredAt: number }).__registeredAt);
  expect(registeredAt).toBeGreaterThanOrEqual(readyAt);
});

test('the service worker controls the page and the app works offline with the server stopped', async ({ page, context, browserName }) => {
  server = await serve(BUILDS.main, PORT);
  // The first visit installs the service worker and says so.
  await page.goto(server.url);
  await expect(page.getByTestId('offline-ready')).toContainText('Ready to work offline');
  await install(page, server.url);
  await server.close();
  server = null;
  await context.setOffline(true);

  // Reload works, and the document comes from the service worker.
  const reload = await page.reload();
  expectFromServiceWorker(reload, browserName);
  await expect(page.getByTestId('offline')).toBeVisible();
  await searchReady(page);

  // Every route opens cold in a new page.
  const routes: [string, RegExp | string][] = [
    ['', 'Search every episode'],
    ['search?q=readme', 'Search every episode'],
    ['episodes', 'All episodes'],
    ['episodes/233', 'RaaS: Readme as a Service'],
    ['episodes/233?t=78', 'RaaS: Readme as a Service'],
    ['favourites', 'Favourites'],
  ];
  for (const [path, text] of routes) {
    const fresh = await context.newPage();
    const response = await fresh.goto(`http://127.0.0.1:${PORT}/${path}`);
    expectFromServiceWorker(response, browserName, path);
    await expect(fresh.getByText(text).first(), path).toBeVisible();
    await fresh.close();
  }
  // A search opened cold restores its results.
  const searchPage = await context.newPage();
  await searchPage.goto(`http://127.0.0.1:${PORT}/search?q=readme`);
  await expect(searchPage.getByTestId('result-summary')).toContainText(/moments? in \d+ episodes?/);
  await expect(searchPage.locator('mark').first()).toBeVisible();
});

test('after install, navigating and searching make zero network requests', async ({ page, context, browserName }) => {
  server = await serve(BUILDS.main, PORT);
  await install(page, server.url);
  await searchReady(page);
  server.hits.length = 0;
  const networkRequests: string[] = [];
  context.on('request', (request) => {
    // Anything not answered by the service worker would have gone to the network (Firefox cannot tell: the
    // server's own log below is the check there).
    void request.response().then((response) => {
      if (response && !response.fromServiceWorker() && browserName !== 'firefox') networkRequests.push(request.url());
    });
  });
  await page.getByLabel('Search every episode').fill('readme');
  await expect(page.getByTestId('result-summary')).toBeVisible();
  await page.getByRole('link', { name: 'Episodes', exact: true }).click();
  await page.getByRole('link', { name: /RaaS: Readme as a Service/ }).click();
  await expect(page.getByRole('heading', { name: 'RaaS: Readme as a Service' })).toBeVisible();
  await page.getByRole('link', { name: 'Favourites', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Favourites' })).toBeVisible();
  await page.goto(`${server.url}search?q=flask`);
  await expect(page.getByTestId('result-summary')).toBeVisible();
  expect(networkRequests).toEqual([]);
  // Firefox fetches the service worker script (and the scripts it imports) on navigation to look for an update.
  const updateChecks = /^\/(sw|workbox-[\w-]+|share-target)\.js$/;
  expect(server.hits.filter((hit) => browserName !== 'firefox' || !updateChecks.test(hit))).toEqual([]);
});

test('a fresh persistent profile, relaunched offline, still opens the app', async ({ browserName }) => {
  test.skip(browserName !== 'chromium', CHROMIUM_ONLY);
  server = await serve(BUILDS.main, PORT);
  const profile = mkdtempSync(join(tmpdir(), 'pwa-profile-'));
  try {
    const first = await chromium.launchPersistentContext(profile, { ...chromiumLaunchOptions() });
    const page = first.pages()[0] ?? (await first.newPage());
    await install(page, server.url);
    await searchReady(page);
    await first.close();
    await server.close();
    server = null;

    const again = await chromium.launchPersistentContext(profile, { ...chromiumLaunchOptions(), offline: true });
    const reopened = again.pages()[0] ?? (await again.newPage());
    const response = await reopened.goto(`http://127.0.0.1:${PORT}/episodes/98`);
    expect(response?.fromServiceWorker()).toBe(true);
    await expect(reopened.getByRole('heading', { name: 'Python Electron as Python GUIs' })).toBeVisible();
    await reopened.goto(`http://127.0.0.1:${PORT}/`);
    await searchReady(reopened);
    await again.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});

test('Chromium reports no installability errors', async ({ browserName }) => {
  test.skip(browserName !== 'chromium', CHROMIUM_ONLY);
  server = await serve(BUILDS.main, PORT);
  // A normal (non-incognito) profile: Chromium never offers to install from incognito.
  const profile = mkdtempSync(join(tmpdir(), 'pwa-install-'));
  const context = await chromium.launchPersistentContext(profile, chromiumLaunchOptions());
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await install(page, server.url);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    const manifest = await (await page.request.get(`${server.url}manifest.webmanifest`)).json();
    expect(manifest).toMatchObject({
      id: '/',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      name: expect.any(String),
      short_name: expect.any(String),
    });
    expect(manifest.icons.map((i: { sizes: string; purpose?: string }) => `${i.sizes}${i.purpose ? ` ${i.purpose}` : ''}`)).toEqual([
      '192x192',
      '512x512',
      '512x512 maskable',
    ]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('a new deployment shows "Update available", and reloading gives the new version; your own transcripts stay', async ({ page }) => {
  server = await serve(BUILDS.main, PORT);
  await install(page, server.url);
  await importTranscripts(page, [{ name: 'mine.srt', text: '1\n00:00:01,000 --> 00:00:02,000\nwombat symphony\n' }]);
  await expect(page.getByTestId('import-report')).toContainText('Added to your transcripts: mine.');
  const oldVersion = await page.getByTestId('version').textContent();
  await server.close();
  server = await serve(BUILDS.next, PORT);
  // The browser checks for a new service worker on navigation.
  await page.evaluate(async () => (await navigator.serviceWorker.ready).update());
  await expect(page.getByTestId('update')).toBeVisible();
  await page.getByTestId('update').getByRole('button', { name: 'reload' }).click();
  await expect(page.getByTestId('version')).not.toHaveText(oldVersion ?? '');
  await expect(page.getByTestId('update')).toBeHidden();
  // Once the reloaded page has loaded and its (new) service worker is active: Firefox once restarted the
  // next navigation while the worker was still settling, which the driver reports as an interrupted goto.
  await page.waitForLoadState('load');
  await page.evaluate(async () => void (await navigator.serviceWorker.ready));
  await page.goto(`${server.url}search?q=wombat`);
  await expect(page.locator('.group').first()).toContainText('mine');
});

test('served from a subfolder, every route works and works offline', async ({ page, context, browserName }) => {
  server = await serve(BUILDS.subfolder, PORT, SUBFOLDER_BASE);
  const { url } = server;
  await install(page, url);
  await searchReady(page);
  // Offline for real: Firefox's setOffline does not stop the service worker's own fetches.
  await server.close();
  server = null;
  await context.setOffline(true);
  for (const [path, text] of [
    ['episodes/233?t=78', 'having a good readme'],
    ['search?q=flask', 'Flask 2.0 articles and reactions'],
    ['favourites', 'No favourites yet.'],
  ] as const) {
    const response = await page.goto(`${url}${path}`);
    expectFromServiceWorker(response, browserName, path);
    await expect(page.getByText(text).first(), path).toBeVisible();
  }
  await expect(page.getByRole('link', { name: 'Episodes', exact: true })).toHaveAttribute('href', '/podcast/episodes');
  const manifest = await page.evaluate(async () =>
    (await fetch(document.querySelector<HTMLLinkElement>('link[rel=manifest]')!.href)).json(),
  );
  expect(manifest).toMatchObject({ id: '/podcast/', start_url: '/podcast/', scope: '/podcast/' });
});

test('podcast.json names the app, and the podcast site link shows only online', async ({ page, context }) => {
  server = await serve(BUILDS.main, PORT);
  await install(page, server.url);
  await page.goto(`${server.url}episodes/233`);
  await expect(page).toHaveTitle('RaaS: Readme as a Service · Python Bytes Transcripts');
  await expect(page.getByRole('link', { name: "Open on the podcast's site" })).toHaveAttribute('href', 'https://pythonbytes.fm');
  await context.setOffline(true);
  await expect(page.getByTestId('offline')).toBeVisible();
  await expect(page.getByRole('link', { name: "Open on the podcast's site" })).toBeHidden();
});
