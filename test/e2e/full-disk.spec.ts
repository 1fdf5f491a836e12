/**
 * A real full disk, not a simulated error: the browser profile lives on a small filesystem that the test
 * fills. Needs permission to mount one (root, as in CI); says SKIPPED otherwise.
 */
import { chromium, expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFavourites, importTranscripts, install } from './support/app';
import { chromiumLaunchOptions } from '../../src/node/browsers';
import { CHROMIUM_ONLY } from './support/engine';
import { BUILDS } from './support/builds';
import { serve } from './support/server';
import { testPort } from './support/ports';

const PORT = testPort(4320);

/** A WebVTT file of `cues` distinct lines, through the "Import transcript" control. */
async function importTranscript(page: Page, name: string, cues: number) {
  const lines = Array.from(
    { length: cues },
    (_, i) => `${clock(i)}.000 --> ${clock(i + 1)}.000\nline ${i} of ${name}, ${'words '.repeat(20)}\n`,
  );
  await importTranscripts(page, [{ name, text: `WEBVTT\n\n${lines.join('\n')}` }]);
}

const clock = (s: number) => new Date(s * 1000).toISOString().slice(11, 19);

function mountSmallDisk(dir: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=96m', 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Write zeros until the filesystem has no room left. */
function fill(dir: string): void {
  try {
    execFileSync('dd', ['if=/dev/zero', `of=${join(dir, 'filler')}`, 'bs=64k'], { stdio: 'ignore' });
  } catch {
    // dd stops with "No space left on device": that is the point
  }
}

test('10 and 13. on a really full disk a note stays in its editor, and imports of favourites and of transcripts say "out of storage space"; nothing saved is lost', async ({
  browserName,
}) => {
  test.skip(browserName !== 'chromium', CHROMIUM_ONLY);
  const disk = mkdtempSync(join(tmpdir(), 'small-disk-'));
  if (!mountSmallDisk(disk)) {
    rmSync(disk, { recursive: true, force: true });
    console.warn('SKIPPED full-disk test: cannot mount a small filesystem here (needs root)');
    test.skip(true, 'cannot mount a small filesystem (needs root)');
    return;
  }
  const server = await serve(BUILDS.main, PORT);
  const profile = join(disk, 'profile');
  mkdirSync(profile);
  const context = await chromium.launchPersistentContext(profile, chromiumLaunchOptions());
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await install(page, server.url);
    await page.goto(`${server.url}episodes/233?t=78`);
    const star = page.getByRole('group', { name: /^This moment/ }).getByRole('button', { name: /^Favourite moment/ });
    await star.click();
    await expect(star).toHaveAttribute('aria-pressed', 'true');
    await page.getByRole('link', { name: 'Favourites', exact: true }).click();
    await importTranscript(page, 'kept.vtt', 1);
    await expect(page.getByTestId('import-report')).toContainText('Added to your transcripts: kept.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByLabel('Note').fill('x'.repeat(2000));

    fill(disk);
    // A disk that stays full a while: Chromium then finds its IndexedDB damaged once room is back, and deletes it
    // whole (favourites, transcripts), which the app's copies in Cache Storage put back (backup-copies.ts).
    await page.waitForTimeout(4000);
    await page.getByRole('button', { name: 'Save note' }).click();
    await expect(page.getByRole('alert')).toContainText('out of storage space');
    await expect(page.getByLabel('Note')).toHaveValue('x'.repeat(2000));

    const items = Array.from({ length: 1500 }, (_, i) => ({
      id: `233@${i}`,
      kind: 'moment',
      episodeId: '233',
      episodeTitle: 'RaaS',
      t: i,
      quote: 'q'.repeat(1000),
      note: 'n'.repeat(1500),
      createdAt: 1,
      updatedAt: 1,
    }));
    await importFavourites(page, { app: 'podcast-transcript-search', schema: 1, exportedAt: '', items });
    await expect(page.getByRole('alert')).toContainText(/Import.*out of storage space|out of storage space/);
    await expect(page.locator('.favs li')).toHaveCount(1);
    // A transcript of one's own does not fit either: said so.
    await importTranscript(page, 'too-much.vtt', 8_000);
    await expect(page.getByRole('alert').filter({ hasText: 'Import failed' })).toContainText('out of storage space');

    // Room again: the same note saves.
    rmSync(join(disk, 'filler'));
    await page.getByRole('button', { name: 'Save note' }).click();
    await expect(page.locator('.user-note')).toHaveText('x'.repeat(2000));
    // The one imported before the disk filled is still there.
    await page.getByRole('link', { name: 'Episodes', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Your transcripts' }).getByRole('link')).toHaveText(['kept']);
    // And they are in storage, not only on screen.
    await page.reload();
    await expect(page.getByRole('region', { name: 'Your transcripts' }).getByRole('link')).toHaveText(['kept']);
    await page.getByRole('link', { name: 'Favourites', exact: true }).click();
    await expect(page.locator('.favs li')).toHaveCount(1);
    await expect(page.locator('.user-note')).toHaveText('x'.repeat(2000));
  } finally {
    await context.close();
    await server.close();
    execFileSync('umount', [disk]);
    rmSync(disk, { recursive: true, force: true });
  }
});
