/**
 * Issue 11: what a hostile, unlucky user does. Each test is numbered after the item it covers.
 * Two tabs are two pages of one context; updates are builds over two transcript folders; damaged
 * data is written straight into IndexedDB.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { collectErrors, importFavourites, install, searchReady, searchReport } from './support/app';
import { KEPT_DB_NAME } from '../../src/lib/search/search-index';
import { layoutIndexOf } from '../../src/lib/search/kept-storage';
import { BUILDS } from './support/builds';
import { ENGINE_INDEPENDENT, skipEngineIndependentInFirefox } from './support/engine';
import { current, favouriteAt, favouriteMoment, field, inDatabase, REQUEST, servePerTest } from './support/safety';
import { testPort } from './support/ports';

// Before any other hook: tests whose outcome is the same in every engine run in Chromium only (see engine.ts).
skipEngineIndependentInFirefox();

const PORT = testPort(4310);

// The helpers below write raw IndexedDB from test code compiled in the page; the app's own policy is tested in trust.spec.ts.
test.use({ bypassCSP: true });
const served = servePerTest(PORT);

test('1. a word on many lines that start in the same second shows results, with no error', ENGINE_INDEPENDENT, async ({ page }) => {
  const errors = collectErrors(page);
  const server = await served.start(BUILDS.main);
  await install(page, server.url);
  await searchReady(page);
  for (const q of ['matthew', 'yeah', 'python']) {
    await field(page).fill(q);
    const anyWord = new RegExp(q.split(' ').join('|'), 'i');
    await expect(page.locator(`#results[data-answered="${q}"] a[data-result]`).first()).toContainText(anyWord);
  }
  expect(errors).toEqual([]);
});

test(
  '2. every line has an exact link: fractional WebVTT and SRT starts, and two lines starting at once',
  ENGINE_INDEPENDENT,
  async ({ page }) => {
    const server = await served.start(BUILDS.formats);
    await install(page, server.url);
    await page.goto(`${server.url}episodes/1?t=12.2`);
    await expect(current(page)).toContainText('This cue starts at twelve point two seconds.');
    await page.goto(`${server.url}episodes/1?t=12`);
    await expect(current(page)).toContainText('ten and a half'); // a whole second lands at or before it
    await page.goto(`${server.url}episodes/2?t=5.9`);
    await expect(current(page)).toContainText('five point nine');

    // Two lines start at 20 s: each has its own link, favourite and landing.
    await page.goto(`${server.url}episodes/1`);
    const timeLinks = page.locator('.transcript a[data-index]');
    await expect(timeLinks.nth(2)).toHaveAttribute('href', '/episodes/1?t=12.2');
    await expect(timeLinks.nth(3)).toHaveAttribute('href', '/episodes/1?t=20');
    await expect(timeLinks.nth(4)).toHaveAttribute('href', '/episodes/1?t=20&n=2');
    await favouriteAt(page, `${server.url}episodes/1?t=20&n=2`, 'The second cue at twenty seconds.');
    await page.goto(`${server.url}episodes/1?t=20`);
    await expect(current(page)).toContainText('Two cues start at twenty.');
    await expect(favouriteMoment(page)).toHaveAttribute('aria-pressed', 'false');

    await page.goto(`${server.url}favourites`);
    await expect(page.getByRole('link', { name: /The second cue at twenty/ })).toHaveAttribute('href', '/episodes/1?t=20&n=2');
    await page.goto(`${server.url}search?q=second+cue`);
    await expect(page.locator('a[data-result]').first()).toHaveAttribute('href', /\/episodes\/1\?t=20&n=2&q=/);
  },
);

test('3 and 6. after an update shifts timings, rewords a line and removes an episode, favourites follow their quotes and a backup restores', async ({
  page,
}) => {
  const server = await served.start(BUILDS.formats);
  await install(page, server.url);
  await favouriteAt(page, `${server.url}episodes/1?t=12.2`, 'twelve point two');
  await favouriteAt(page, `${server.url}episodes/1?t=22`, 'And that is the end of the cues.');
  await favouriteAt(page, `${server.url}episodes/2?t=5.9`, 'five point nine');
  await page.goto(`${server.url}favourites`);
  const gone = page.locator('.favs li', { hasText: 'five point nine' });
  await gone.getByRole('button', { name: 'Add note' }).click();
  await gone.getByLabel('Note').fill('kept though gone');
  await gone.getByRole('button', { name: 'Save note' }).click();
  await expect(gone.getByText('kept though gone')).toBeVisible();

  await served.update(page, BUILDS.formatsNext, 'e2e-formats-2');
  await page.goto(`${server.url}favourites`);
  await expect(page.locator('.favs li')).toHaveCount(3);
  await expect(page.getByRole('link', { name: /twelve point two/ })).toHaveAttribute('href', '/episodes/1?t=15.2');
  await expect(page.locator('.favs li', { hasText: 'end of the cues' }).getByTestId('quote-missing')).toBeVisible();
  await expect(gone.getByTestId('episode-gone')).toBeVisible();
  await expect(gone.getByText('kept though gone')).toBeVisible();

  // The star where the quote now is shows it is kept; pressing it would remove, not duplicate.
  await page.getByRole('link', { name: /twelve point two/ }).click();
  await expect(current(page)).toContainText('twelve point two');
  await expect(favouriteMoment(page)).toHaveAttribute('aria-pressed', 'true');

  // The backup the screen asks users to keep restores, removed episode included.
  await page.goto(`${server.url}favourites`);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const backup = readFileSync(await (await download).path());
  await importFavourites(page, backup);
  await expect(
    page.getByText(/Imported 3 favourites.*1 favourite from an episode no longer in this app, kept and marked as such/),
  ).toBeVisible();
  await expect(page.getByText(/Import failed/)).toHaveCount(0);
  await expect(page.locator('.favs li')).toHaveCount(3);
});

test('4. a damaged kept search index is noticed and rebuilt; "Rebuild search index" never touches favourites', async ({ page }) => {
  const server = await served.start(BUILDS.main);
  await install(page, server.url);
  await searchReady(page);
  await favouriteAt(page, `${server.url}episodes/233?t=78`, 'having a good readme');
  const source = async () => (await searchReport(page)).source;
  // The kept index is a small record and one Blob of its arrays and strings (kept-storage.ts): damage either.
  const garble = (part: string, byte: number) =>
    `const b = new Uint8Array(await s.data.arrayBuffer()); const [at, n] = s.layout[${layoutIndexOf(part)}]; b.fill(${byte}, at, at + n); s.data = new Blob([b]);`;
  const damages = [
    's.data = s.data.slice(0, 1000);',
    garble('episodes', 0x5b), // the episodes' JSON: all "["
    garble('vocabularyTerms', 0x41), // the vocabulary's terms: one long "AAAA…"
    "s.chunkKeys.push('x');",
    's.data = new Blob([new Uint8Array(s.data.size)]);',
    'const bytes = await s.data.arrayBuffer(); new Uint32Array(bytes, s.layout[0][0], s.layout[0][1] / 4).reverse(); s.data = new Blob([bytes]);', // offsets backwards
    'delete s.layout;',
  ];
  for (const damage of damages) {
    await page.goto(`${server.url}search`);
    await damageKeptIndex(page, damage);
    await page.goto(`${server.url}search?q=readme`);
    await expect(page.locator('#results[data-answered="readme"] a[data-result]').first()).toContainText(/readme/i);
    expect(await source(), damage).toBe('built');
    // The rebuilt index is kept only once its text is coded, at idle: leaving before that would end its worker
    // in the middle of keeping it (Firefox then holds the store for a while), and leave the damaged record.
    await keptAfresh(page);
  }
  await page.getByRole('button', { name: 'Rebuild search index' }).click();
  await expect(page.locator('#results[data-answered="readme"] a[data-result]').first()).toBeVisible();
  expect(await source()).toBe('built');
  await page.getByRole('link', { name: 'Favourites', exact: true }).click();
  await expect(page.locator('.favs li')).toHaveCount(1);
});

const lineDamages: [what: string, damage: string, q: string][] = [
  [
    'a group of postings',
    // The first group of FlexSearch's postings, after the arrays and strings in the Blob: its JSON no longer parses.
    'const b = new Uint8Array(await s.data.arrayBuffer()); b[s.layout[s.layout.length - s.chunkKeys.length][0]] = 0x7d; s.data = new Blob([b]);',
    'readme',
  ],
  [
    "the frequent terms' lines",
    // Every byte of the common and listed terms' lines says "more follows": no term's lines decode.
    ['commonBytes', 'listedBytes']
      .map(
        (part) =>
          `{ const b = new Uint8Array(await s.data.arrayBuffer()); const [at, n] = s.layout[${layoutIndexOf(part)}]; b.fill(0x80, at, at + n); s.data = new Blob([b]); }`,
      )
      .join(' '),
    'pretty cool people',
  ],
  [
    "the lines' text",
    // Every byte of the lines' codes says "more follows": no line's text decodes (line-text.ts).
    `const b = new Uint8Array(await s.data.arrayBuffer()); const [at, n] = s.layout[${layoutIndexOf('codes')}]; b.fill(0xff, at, at + n); s.data = new Blob([b]);`,
    'readme',
  ],
];
for (const [what, damage, q] of lineDamages) {
  test(`4b. a kept index damaged where only a query reads it (${what}) is rebuilt while searching, with a notice`, async ({ page }) => {
    const server = await served.start(BUILDS.main);
    await install(page, server.url);
    await page.goto(`${server.url}search`);
    await damageKeptIndex(page, damage);
    await page.goto(`${server.url}search?q=${encodeURIComponent(q)}`);
    await expect(page.getByRole('status').filter({ hasText: 'was damaged: it is being built again' })).toBeVisible();
    const anyWord = new RegExp(q.split(' ').join('|'), 'i');
    await expect(page.locator(`#results[data-answered="${q}"] a[data-result]`).first()).toContainText(anyWord);
    await expect.poll(async () => (await searchReport(page)).source).toBe('built');
  });
}

test("4c. a kept index whose lines' text is damaged is rebuilt when favourites look for their lines", async ({ page }) => {
  const server = await served.start(BUILDS.main);
  await install(page, server.url);
  await favouriteAt(page, `${server.url}episodes/233?t=78`, 'having a good readme');
  await page.goto(`${server.url}search`);
  await damageKeptIndex(page, lineDamages.find(([what]) => what === "the lines' text")![1]);
  await page.goto(`${server.url}favourites`);
  await expect(page.getByRole('status').filter({ hasText: 'was damaged: it is being built again' })).toBeVisible();
  await expect.poll(async () => (await searchReport(page)).source).toBe('built');
  await expect(page.locator('.favs li')).toHaveCount(1);
  await expect(page.locator('.favs li').getByText(/having a good readme/)).toBeVisible();
});

/** Once search has kept its index (after "ready"), run `damage` on the stored record `s` and write it back. */
test('4d. a warm start answers as the index it was kept from: words said once, whose postings are read as asked, included', async ({
  page,
}) => {
  const server = await served.start(BUILDS.main);
  await install(page, server.url);
  await searchReady(page);
  await keptAfresh(page);
  // Words said once in the bundled episodes (rare-postings.ts keeps such words in groups read only when asked),
  // a common word, and two words together.
  const queries = ['accidentally', 'accuracy', 'accelerated', 'python', 'pytest fixtures'];
  const shown = async (q: string) => {
    const results = page.locator(`#results[data-answered="${q}"] a[data-result]`);
    await expect(results.first()).toBeVisible();
    return results.evaluateAll((links) => links.slice(0, 6).map((a) => `${a.getAttribute('href')} ${a.textContent}`));
  };
  const fromKept: string[][] = [];
  for (const q of queries) {
    await page.goto(`${server.url}search?q=${encodeURIComponent(q)}`);
    fromKept.push(await shown(q));
    expect((await searchReport(page)).source, q).toBe('kept');
  }
  await page.getByRole('button', { name: 'Rebuild search index' }).click();
  await expect.poll(async () => (await searchReport(page)).source).toBe('built');
  for (const [i, q] of queries.entries()) {
    await field(page).fill(q);
    expect(await shown(q), q).toEqual(fromKept[i]);
  }
});

async function damageKeptIndex(page: Page, damage: string): Promise<void> {
  await searchReady(page);
  await keptAfresh(page);
  await inDatabase(
    page,
    KEPT_DB_NAME,
    `${REQUEST}
     const [row] = await request(db.transaction('indexes').objectStore('indexes').getAll());
     // A damage may await (reading the Blob), which would end a transaction left open: write in a new one.
     const s = row.stored; ${damage}
     row.damagedByTest = true;
     await request(db.transaction('indexes', 'readwrite').objectStore('indexes').put(row));`,
  );
}

/** Wait until the kept record is one the app wrote, not one a test damaged (keeping replaces the whole record). */
async function keptAfresh(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        inDatabase<string>(
          page,
          KEPT_DB_NAME,
          `${REQUEST} const rows = await request(db.transaction('indexes').objectStore('indexes').getAll());
           return rows.length === 1 && !rows[0].damagedByTest ? 'kept afresh' : rows.length + ' record(s), damaged: ' + Boolean(rows[0]?.damagedByTest);`,
        ),
      { timeout: 30_000 },
    )
    .toBe('kept afresh');
}

test('5. damaged rows are exported and moved aside, good ones and rows of newer kinds stay', async ({ page }) => {
  const server = await served.start(BUILDS.main);
  await install(page, server.url);
  await favouriteAt(page, `${server.url}episodes/233?t=78`, 'having a good readme');
  await inDatabase(
    page,
    'favourites',
    `${REQUEST}
     const store = db.transaction('favourites', 'readwrite').objectStore('favourites');
     await request(store.put({ id: 'garbage', kind: 42, note: { evil: true } }));
     await request(store.put({ id: 'clip-1', kind: 'clip', episodeId: '233', start: 1, end: 9 }));`,
  );
  await page.goto(`${server.url}favourites`);
  await expect(page.getByRole('alert')).toContainText('1 saved item is damaged');
  await expect(page.getByText('1 item was saved by a newer version of this app')).toBeVisible();
  await expect(page.locator('.favs li')).toHaveCount(1);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export damaged items' }).click();
  expect(JSON.parse(readFileSync(await (await download).path(), 'utf8'))).toEqual({
    damaged: [{ key: 'garbage', row: { id: 'garbage', kind: 42, note: { evil: true } } }],
  });
  await page.getByRole('button', { name: 'Move damaged items aside' }).click();
  await expect(page.getByText(/are damaged/)).toHaveCount(0);
  await expect(page.locator('.favs li')).toHaveCount(1);
  const kept = await inDatabase<{ favourites: string[]; quarantine: string[] }>(
    page,
    'favourites',
    `${REQUEST}
     const tx = db.transaction(['favourites', 'quarantine']);
     return {
       favourites: (await request(tx.objectStore('favourites').getAllKeys())).sort(),
       quarantine: (await request(tx.objectStore('quarantine').getAll())).map((q) => q.key),
     };`,
  );
  expect(kept).toEqual({ favourites: ['233@78', 'clip-1'], quarantine: ['garbage'] });
});

test('7. two tabs editing one note: the second save asks, and "Keep both" keeps both', async ({ page, context }) => {
  const server = await served.start(BUILDS.main);
  await install(page, server.url);
  await favouriteAt(page, `${server.url}episodes/233?t=78`, 'having a good readme');
  const other = await context.newPage();
  for (const tab of [page, other]) {
    await tab.goto(`${server.url}favourites`);
    await tab.getByRole('button', { name: 'Add note' }).click();
  }
  await page.getByLabel('Note').fill('written in tab one');
  await page.getByRole('button', { name: 'Save note' }).click();
  await expect(page.locator('.user-note')).toHaveText('written in tab one');
  await other.getByLabel('Note').fill('written in tab two');
  await other.getByRole('button', { name: 'Save note' }).click();
  await expect(other.getByRole('alert')).toContainText('changed in another tab');
  await expect(other.getByRole('alert')).toContainText('written in tab one');
  await other.getByRole('button', { name: 'Keep both' }).click();
  for (const tab of [page, other]) await expect(tab.locator('.user-note')).toHaveText('written in tab one\n\nwritten in tab two');
});

test('8. an old Undo never overwrites the favourite saved again since', async ({ page }) => {
  const server = await served.start(BUILDS.main);
  await install(page, server.url);
  await favouriteAt(page, `${server.url}episodes/233?t=78`, 'having a good readme');
  await page.getByRole('link', { name: 'Favourites', exact: true }).click();
  await page.getByRole('button', { name: /^Remove favourite/ }).click();
  await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible();
  // Without reloading (the Undo stays), save the same moment again and give it a note.
  await page.evaluate(() => {
    history.pushState(null, '', '/episodes/233?t=78');
    dispatchEvent(new PopStateEvent('popstate'));
  });
  await favouriteMoment(page).click();
  await expect(favouriteMoment(page)).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('link', { name: 'Favourites', exact: true }).click();
  await page.getByRole('button', { name: 'Add note' }).click();
  await page.getByLabel('Note').fill('the newer one');
  await page.getByRole('button', { name: 'Save note' }).click();
  await expect(page.locator('.user-note')).toHaveText('the newer one');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByText(/Not restored: this favourite was saved again since/)).toBeVisible();
  await expect(page.locator('.user-note')).toHaveText('the newer one');
});
