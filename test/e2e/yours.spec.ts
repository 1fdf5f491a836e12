import { expect, test, type Page } from '@playwright/test';
import { importTranscripts, install, searchReady } from './support/app';
import { BUILDS } from './support/builds';
import { testPort } from './support/ports';
import { serve, type Served } from './support/server';

const PORT = testPort(4308);
let server: Served | null = null;

test.afterEach(async () => {
  await server?.close();
  server = null;
});

/** Words no bundled episode says, so every hit comes from the imported files. */
const VTT = `WEBVTT

00:00:01.000 --> 00:00:04.000
<v Ada>Welcome to the zanzibar gardening hour.

00:01:05.500 --> 00:01:09.000
<v Ada>Today the quokka orchard needs pruning.
`;
const JSON_TRANSCRIPT = JSON.stringify({
  version: '1.0.0',
  segments: [
    { speaker: 'Lin', startTime: 0.5, body: 'Our' },
    { speaker: 'Lin', startTime: 0.8, body: 'flamingo' },
    { speaker: 'Lin', startTime: 1.1, body: 'telescope' },
    { speaker: 'Lin', startTime: 1.4, body: 'arrived.' },
    { speaker: 'Sam', startTime: 30, body: 'Lovely.' },
  ],
});

const searchbox = (page: Page) => page.getByRole('searchbox', { name: 'Search every episode' });

test('import a WebVTT and a JSON file offline: searched, read, kept over reload and relaunch, deleted', async ({
  page,
  context,
  browserName,
}) => {
  server = await serve(BUILDS.main, PORT);
  await install(page, server.url);
  await searchReady(page);
  await server.close();
  server = null;
  await context.setOffline(true);

  // A broken file imported with good ones gets its message; the good ones are kept.
  await importTranscripts(page, [
    { name: 'garden.vtt', text: VTT },
    { name: 'stars.json', text: JSON_TRANSCRIPT },
    { name: 'broken.json', text: '{"version": "1.0.0", "segments": [\n{"startTime": 1, "body": "x"},\n{oops}' },
  ]);
  const report = page.getByTestId('import-report');
  await expect(report).toContainText('Added to your transcripts');
  // The first save of one's own asks for persistent storage, and says the answer (Chromium answers at once;
  // Firefox may ask the user and never answer).
  if (browserName === 'chromium') await expect(report).toContainText(/persistent storage|keeps them even when space runs low/);
  await expect(report.getByRole('link')).toHaveCount(2);
  await expect(report).toContainText(/broken\.json, line 3: not valid JSON.* — not imported/);
  await report.getByRole('button', { name: 'OK' }).click();

  await searchbox(page).fill('quokka orchard');
  const group = page.locator('.group').first();
  await expect(group).toContainText('yours');
  await expect(group.locator('mark').first()).toHaveText(/quokka/i);
  await group.locator('a[data-result]').first().click();
  await expect(page).toHaveURL(/\/episodes\/mine-[0-9a-f]+\?t=65\.5/);
  await expect(page.locator('[aria-current="true"]')).toContainText('quokka orchard');
  await expect(page.locator('[aria-current="true"]')).toBeFocused();
  const gardenUrl = page.url();

  // Reload, then relaunch (a new page of the same profile), both offline.
  await page.reload();
  await expect(page.locator('[aria-current="true"]')).toContainText('quokka orchard');
  await page.close();
  const relaunched = await context.newPage();
  await relaunched.goto(gardenUrl);
  await expect(relaunched.locator('[aria-current="true"]')).toContainText('quokka orchard');
  // A moment of one's own can be a favourite, and is listed with a link back to it.
  await relaunched
    .getByRole('group', { name: /^This moment/ })
    .getByRole('button', { name: /^Favourite moment/ })
    .click();
  await relaunched.getByRole('link', { name: 'Favourites', exact: true }).click();
  await expect(relaunched.getByRole('link', { name: /quokka orchard/ })).toHaveAttribute('href', new URL(gardenUrl).pathname + '?t=65.5');
  // Rebuilding the search index keeps them searchable.
  await relaunched.getByRole('button', { name: 'Rebuild search index' }).click();
  await relaunched.getByRole('link', { name: 'Search', exact: true }).click();
  await searchbox(relaunched).fill('flamingo telescope');
  await expect(relaunched.locator('.group').first()).toContainText('stars');

  // The merged JSON line is searchable too; only their own filter shows only theirs.
  await relaunched.goto(`${new URL(gardenUrl).origin}/search?q=flamingo+telescope`);
  await expect(relaunched.locator('.group')).toHaveCount(1);
  await expect(relaunched.locator('.group mark').first()).toHaveText(/flamingo/i);
  await relaunched.goto(`${new URL(gardenUrl).origin}/search?q=python&from=yours`);
  await expect(relaunched.getByText('No moment matches “python”.')).toBeVisible();
  await relaunched.goto(`${new URL(gardenUrl).origin}/search?q=quokka&from=podcast`);
  await expect(relaunched.getByText('No moment matches “quokka”.')).toBeVisible();

  // Rename one, delete the other: its results disappear, and Undo brings it back.
  await relaunched.goto(`${new URL(gardenUrl).origin}/episodes`);
  await relaunched
    .getByRole('button', { name: /^Rename “/ })
    .last()
    .click();
  await relaunched.getByLabel(/^New title for/).fill('My garden notes');
  await relaunched.getByRole('button', { name: 'Save' }).click();
  await expect(relaunched.getByRole('link', { name: 'My garden notes' })).toBeVisible();
  await relaunched
    .getByRole('button', { name: /^Delete “/ })
    .first()
    .click();
  await expect(relaunched.getByText(/^Deleted “stars”/)).toBeVisible();
  await relaunched.goto(`${new URL(gardenUrl).origin}/search?q=flamingo+telescope`);
  await expect(relaunched.getByText('No moment matches “flamingo telescope”.')).toBeVisible();
  await relaunched.goto(`${new URL(gardenUrl).origin}/search?q=quokka`);
  await expect(relaunched.locator('.group').first()).toContainText('My garden notes');
});

test('a UTF-16 subtitle file and a Windows-1252 text file keep their accents; an Otter export keeps its speakers', async ({ page }) => {
  server = await serve(BUILDS.main, PORT);
  await page.goto(server.url);
  await searchReady(page);
  const srt = '1\r\n00:00:02,000 --> 00:00:05,000\r\nThe pâtissier’s crème brûlée won the zanzibar prize.\r\n';
  const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(srt, 'utf16le')]);
  // "Zoë’s café" in Windows-1252: ë is 0xEB, ’ is 0x92, é is 0xE9.
  const windows1252 = Buffer.concat([
    Buffer.from('00:00:03 Zo'),
    Buffer.from([0xeb, 0x92]),
    Buffer.from('s quokka caf'),
    Buffer.from([0xe9]),
  ]);
  await importTranscripts(page, [
    { name: 'prize.srt', bytes: utf16le },
    { name: 'legacy.txt', bytes: windows1252 },
    // And text as Otter exports it: the speaker and the time on a line, the speech below.
    { name: 'otter.txt', text: 'Speaker 1  0:00\nWelcome to the\nwombat hour.\n\nSpeaker 2  0:04\nThanks.\n' },
  ]);
  const report = page.getByTestId('import-report');
  await expect(report.getByRole('link')).toHaveCount(3);
  await expect(report).toContainText('legacy.txt, line 1: not UTF-8 from here on: read as Windows-1252 (Western European)');
  await expect(report).not.toContainText('prize.srt');

  await searchbox(page).fill('brûlée zanzibar');
  const moment = page.locator('#results[data-answered="brûlée zanzibar"] a[data-result]').first();
  await expect(moment).toContainText('The pâtissier’s crème brûlée won the zanzibar prize.');
  await searchbox(page).fill('quokka');
  await expect(page.locator('#results[data-answered="quokka"] a[data-result]').first()).toContainText('Zoë’s quokka café');
  await searchbox(page).fill('wombat');
  await expect(page.locator('#results[data-answered="wombat"] a[data-result]').first()).toContainText(
    'Speaker 1: Welcome to the wombat hour.',
  );
});

test('a file shared to the installed app (a POST to its share target) lands in Your transcripts', async ({ page, context }) => {
  server = await serve(BUILDS.main, PORT);
  await install(page, server.url);
  await server.close();
  server = null;
  await context.setOffline(true);
  // What the system's share sheet does: a multipart POST navigation to the manifest's share_target action.
  const manifest = await page.evaluate(() => fetch('/manifest.webmanifest').then((r) => r.json()));
  expect(manifest.share_target).toMatchObject({ method: 'POST', enctype: 'multipart/form-data' });
  await page.evaluate(
    ({ action, field, text }) => {
      const form = Object.assign(document.createElement('form'), { method: 'post', enctype: 'multipart/form-data', action });
      const input = Object.assign(document.createElement('input'), { type: 'file', name: field });
      const files = new DataTransfer();
      files.items.add(new File([text], 'shared-garden.vtt', { type: 'text/vtt' }));
      input.files = files.files;
      form.append(input);
      document.body.append(form);
      form.submit();
    },
    { action: manifest.share_target.action, field: manifest.share_target.params.files[0].name, text: VTT },
  );
  await expect(page).toHaveURL(/\/episodes\?shared=1$/);
  const yours = page.getByRole('region', { name: 'Your transcripts' });
  await expect(yours.getByRole('link', { name: 'shared-garden' })).toBeVisible();
  await expect(page.getByTestId('import-report')).toContainText('Added to your transcripts: shared-garden.');
  // Imported once: a reload does not import it again.
  await page.reload();
  await expect(yours.getByRole('link', { name: 'shared-garden' })).toBeVisible();
  await expect(page.getByTestId('import-report')).toHaveCount(0);
});

test('two tabs: a transcript imported in one is searchable in the other without a reload, and gone from both when deleted', async ({
  page,
  context,
}) => {
  server = await serve(BUILDS.main, PORT);
  await page.goto(`${server.url}search?q=quokka`);
  await expect(page.getByText('No moment matches “quokka”.')).toBeVisible();
  const other = await context.newPage();
  await other.goto(`${server.url}episodes`);
  await importTranscripts(other, [{ name: 'garden.vtt', text: VTT }]);
  await expect(other.getByTestId('import-report')).toContainText('Added to your transcripts: garden.');

  await expect(page.locator('.group').first()).toContainText('garden');
  await other.getByRole('button', { name: 'Delete “garden”' }).click();
  await expect(page.getByText('No moment matches “quokka”.')).toBeVisible();
});
