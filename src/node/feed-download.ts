/**
 * `FEED_URL=https://… npm run build`: builds from a live feed. Downloads the feed and, per item, its best
 * Podcasting 2.0 transcript and its chapters into a folder the usual ingest then reads. Each failure gets a
 * message naming the episode, the address and why, and the build goes on with what it got.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FEED_FILE, parseFeed, type FeedItem } from '../lib/feed';
import type { Problem } from '../lib/transcript/model';

/** Transcript types in order of preference (richest first), with the extension the ingest reads them by. */
const PREFERRED: [RegExp, string][] = [
  [/json/i, 'json'],
  [/vtt/i, 'vtt'],
  [/srt|subrip/i, 'srt'],
  [/html/i, 'html'],
  [/text\/plain/i, 'txt'],
];

type Fetch = (url: string) => Promise<{ ok: boolean; status: number; text: () => Promise<string> }>;

export async function downloadFeedFolder(feedUrl: string, dir: string, get: Fetch = fetch): Promise<Problem[]> {
  const feedText = await download(get, feedUrl).catch((error: Error) => {
    throw new Error(`could not download the feed ${feedUrl}: ${error.message}`);
  });
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, FEED_FILE), feedText);
  const { feed, problems } = parseFeed(FEED_FILE, feedText);
  for (const item of feed.items) problems.push(...(await downloadItem(get, item, dir)));
  return problems;
}

async function downloadItem(get: Fetch, item: FeedItem, dir: string): Promise<Problem[]> {
  const problems: Problem[] = [];
  const problem = (message: string) => problems.push({ file: FEED_FILE, line: item.line, severity: 'warning', message });
  if (item.transcripts.length === 0) return problems;
  if (item.number === null) {
    problem(`"${item.title ?? 'an item'}" has transcripts but no episode number (<podcast:episode>); skipped`);
    return problems;
  }
  const name = `${item.number}-${slug(item.title ?? '')}`.replace(/-$/, '');
  const candidates = item.transcripts
    .map((t) => ({ ...t, rank: PREFERRED.findIndex(([type]) => type.test(t.type) || type.test(t.url)) }))
    .filter((t) => t.rank >= 0)
    .sort((a, b) => a.rank - b.rank);
  let saved = false;
  for (const candidate of candidates) {
    try {
      writeFileSync(join(dir, `${name}.${PREFERRED[candidate.rank]![1]}`), await download(get, candidate.url));
      saved = true;
      break;
    } catch (error) {
      problem(`episode ${item.number}: could not download its transcript ${candidate.url} (${(error as Error).message})`);
    }
  }
  if (!saved) problem(`episode ${item.number}: no transcript could be downloaded, so it is left out`);
  if (saved && item.chapters) {
    try {
      writeFileSync(join(dir, `${name}.chapters.json`), await download(get, item.chapters));
    } catch (error) {
      problem(`episode ${item.number}: could not download its chapters ${item.chapters} (${(error as Error).message})`);
    }
  }
  return problems;
}

async function download(get: Fetch, url: string): Promise<string> {
  let response: Awaited<ReturnType<Fetch>>;
  try {
    response = await get(url);
  } catch (error) {
    throw new Error(`network error: ${(error as Error).message}`);
  }
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.text();
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}
