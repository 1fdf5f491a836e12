/**
 * WebKit smoke suite (`npm run test:webkit`, under `xvfb-run`): the production build in WebKitGTK's MiniBrowser,
 * driven over WebDriver through the app's public surface only. Each check waits for states, never for times.
 * WebKitGTK is not iOS Safari: see the README's "Browsers" for what this does not prove.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEPT_DB_NAME, KEPT_STORE } from '../../src/lib/search/search-index';
import { BUILDS } from '../e2e/support/builds';
import { serve, type Served } from '../e2e/support/server';
import { WebDriver } from './webdriver';

const PORT = 4330;
const DRIVER_PORT = 4444;
const CURRENT = '[aria-current="true"]';
/** The landed moment's actions (favourite, share, copy). */
const MOMENT = '[role="group"][aria-label^="This moment"]';

if (!existsSync(join(BUILDS.main, 'index.html'))) throw new Error(`no build in ${BUILDS.main}: run \`npm run build\` first`);
const server: Served = await serve(BUILDS.main, PORT);
const url = server.url;
const browser = await WebDriver.start(DRIVER_PORT);

const count = (css: string) => `return document.querySelectorAll(${JSON.stringify(css)}).length`;
const buttonNamed = (name: string) =>
  browser.execute<import('./webdriver').ElementRef>(
    `return [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === arguments[0]);`,
    name,
  );

const checks: [string, () => Promise<void>][] = [
  [
    'install, then the service worker controls the page',
    async () => {
      await browser.navigate(url);
      await browser.waitFor('offline readiness', `return document.body.textContent.includes('Ready to work offline')`, 60_000);
      await browser.navigate(url);
      await browser.waitFor('a controlling service worker', 'return navigator.serviceWorker.controller !== null');
    },
  ],
  [
    'search shows highlighted results, and a moment link lands on its line',
    async () => {
      await browser.navigate(`${url}search?q=readme`);
      await browser.waitFor(
        'highlighted results',
        `return document.querySelector('#results[data-answered="readme"] a[data-result] mark')`,
        60_000,
      );
      const href = await browser.execute<string>(`return document.querySelector('a[data-result]').getAttribute('href')`);
      await browser.navigate(new URL(href, url).href);
      const landed = await browser.waitFor<string>(
        'the linked line, current and focused',
        `const line = document.querySelector('${CURRENT}'); return line && document.activeElement === line && line.getAttribute('href');`,
      );
      if (landed !== href) throw new Error(`landed on ${landed}, linked ${href}`);
    },
  ],
  [
    'lines added above the reader leave what is on screen in place (WebKit has no scroll anchoring: done by hand)',
    async () => {
      await browser.navigate(`${url}episodes/233?t=2000`);
      await browser.waitFor('the landed line, focused', `return document.activeElement?.matches('${CURRENT}')`);
      const seen = await browser.executeAsync<{ landed: number; first: number[]; moves: number[] }>(`
        const frame = () => new Promise((r) => requestAnimationFrame(r));
        const still = async () => { while (document.querySelector('ol.transcript')?.dataset.growing !== 'false') await frame(); };
        const firstLine = () => Number(document.querySelector('ol.transcript [data-index]').getAttribute('data-index'));
        (async () => {
          const landed = document.querySelector('${CURRENT}');
          const top = landed.getBoundingClientRect().top;
          await still();
          const result = { landed: Math.round(landed.getBoundingClientRect().top - top), first: [firstLine()], moves: [] };
          for (let k = 0; k < 4; k++) {
            const onScreen = [...document.querySelectorAll('ol.transcript [data-index]')].find((e) => e.getBoundingClientRect().top > 100);
            const before = onScreen.getBoundingClientRect().top;
            window.scrollBy(0, -600);
            await frame();
            await still();
            result.moves.push(Math.round(onScreen.getBoundingClientRect().top - before - 600));
            result.first.push(firstLine());
          }
          done(result);
        })();`);
      if (Math.abs(seen.landed) >= 8) throw new Error(`the landed line moved ${seen.landed} px as lines came in above it`);
      if (!(seen.first.at(-1)! < seen.first[0]!)) throw new Error(`no lines were added above while scrolling up: ${seen.first.join(', ')}`);
      if (seen.moves.some((m) => Math.abs(m) >= 8))
        throw new Error(`what was on screen moved more than scrolled: ${seen.moves.join(', ')} px`);
    },
  ],
  [
    'a favourite survives a reload',
    async () => {
      await browser.navigate(`${url}episodes/233?t=78`);
      await browser.waitFor('the linked line', `return document.querySelector('${CURRENT}')?.textContent.includes('readme')`);
      await browser.click(await browser.find(`${MOMENT} button[aria-pressed]`));
      await browser.waitFor('the star pressed', `return document.querySelector('${MOMENT} button[aria-pressed="true"]')`);
      for (let load = 0; load < 2; load++) {
        await browser.navigate(`${url}favourites`);
        await browser.waitFor('one favourite', `${count('.favs li')} === 1`);
      }
    },
  ],
  [
    'the kept index gives a warm start',
    async () => {
      await browser.waitFor(
        'the index kept in IndexedDB',
        `return new Promise((done) => {
           const open = indexedDB.open(arguments[0]);
           open.onerror = () => done(false);
           open.onsuccess = () => {
             const db = open.result;
             if (!db.objectStoreNames.contains(arguments[1])) return done(false);
             const request = db.transaction(arguments[1]).objectStore(arguments[1]).count();
             request.onsuccess = () => done(request.result > 0);
           };
         });`,
        30_000,
        KEPT_DB_NAME,
        KEPT_STORE,
      );
      await browser.navigate(`${url}search?q=readme`);
      const source = await browser.waitFor<string>('search ready', `return performance.getEntriesByName('search-ready')[0]?.detail.source`);
      if (source !== 'kept') throw new Error(`search started from a ${source} index`);
    },
  ],
  [
    'favourites export to JSON and import back',
    async () => {
      await browser.navigate(`${url}favourites`);
      await browser.waitFor('one favourite', `${count('.favs li')} === 1`);
      // The file the browser would save, read where the app hands it over.
      await browser.execute(
        `const make = URL.createObjectURL; URL.createObjectURL = (blob) => { blob.text().then((t) => (window.exported = t)); return make(blob); };`,
      );
      await browser.click(await buttonNamed('Export JSON'));
      const exported = await browser.waitFor<string>('the exported file', 'return window.exported');
      await browser.click(await browser.find('.favs li button[aria-label^="Remove favourite"]'));
      await browser.waitFor('no favourite', `${count('.favs li')} === 0`);
      const file = join(mkdtempSync(join(tmpdir(), 'webkit-smoke-')), 'favourites.json');
      writeFileSync(file, exported);
      await browser.type(await browser.find('input[type=file]'), file);
      await browser.waitFor(
        'the imported favourite',
        `${count('.favs li')} === 1 && document.body.textContent.includes('Imported 1 favourite:')`,
      );
    },
  ],
  [
    'a transcript of your own: imported, then found by search',
    async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'webkit-smoke-')), 'garden.vtt');
      writeFileSync(file, 'WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nthe quokka orchard needs pruning\n');
      await browser.navigate(`${url}episodes`);
      await browser.type(await browser.find('footer input[type=file]'), file);
      await browser.waitFor('the import report', `return document.body.textContent.includes('Added to your transcripts: garden')`);
      await browser.navigate(`${url}search?q=quokka`);
      await browser.waitFor('its moment in the results', `return document.querySelector('.group')?.textContent.includes('yours')`);
    },
  ],
  [
    'with the server stopped, reload and a cold deep link open from the service worker',
    async () => {
      await server.close();
      await browser.navigate(url);
      await browser.waitFor('the search field', `return document.querySelector('input[type=search]')`);
      await browser.navigate(`${url}episodes/233?t=78`);
      await browser.waitFor('the linked line', `return document.querySelector('${CURRENT}')?.textContent.includes('readme')`);
    },
  ],
];

let passed = 0;
const failed: string[] = [];
try {
  for (const [name, check] of checks) {
    const t0 = Date.now();
    try {
      await check();
      passed++;
      console.log(`  ✓ [webkit] ${name} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
    } catch (error) {
      failed.push(name);
      console.log(`  ✘ [webkit] ${name}\n      ${String(error)}`);
    }
  }
} finally {
  await browser.quit();
  await server.close().catch(() => undefined);
}
console.log(`\nwebkit: ${passed} passed, ${failed.length} failed`);
process.exit(failed.length ? 1 : 0);
