import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { downloadFeedFolder } from '../../src/node/feed-download';
import { ingestFolder } from '../../src/node/transcripts-folder';

const FIXTURES = 'test/fixtures/podcast2';
const HOST = 'http://127.0.0.1:4341/feed-files/';

/** The fixture folder as a web host: its feed, and the files it names under /feed-files/. */
function host(overrides: Record<string, number | Error> = {}) {
  const asked: string[] = [];
  const get = async (url: string) => {
    asked.push(url);
    const override = overrides[url];
    if (override instanceof Error) throw override;
    const file = url === 'https://feeds.example/feed.xml' ? 'feed.xml' : url.startsWith(HOST) ? url.slice(HOST.length) : '';
    const status = override ?? (file && existsSync(join(FIXTURES, file)) ? 200 : 404);
    return { ok: status === 200, status, text: async () => readFileSync(join(FIXTURES, file), 'utf8') };
  };
  return { get, asked };
}

describe('building from a live feed (FEED_URL)', () => {
  it("downloads the feed, each item's preferred transcript and its chapters, into a folder the build ingests", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'feed-url-'));
    const { get, asked } = host();
    const problems = await downloadFeedFolder('https://feeds.example/feed.xml', dir, get);
    expect(problems).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual([
      '1-tardigrades-word-level-transcripts.chapters.json',
      '1-tardigrades-word-level-transcripts.json',
      '2-narwhal-schedulers-in-html.html',
      '3-axolotl-caching.vtt',
      'feed.xml',
    ]);
    expect(asked).not.toContain(`${HOST}missing.srt`); // WebVTT is preferred, and it came
    const { result } = ingestFolder(dir);
    expect(result.episodes.map((e) => [e.id, e.title, e.chapters?.length ?? 0])).toEqual([
      ['1', 'Tardigrades & word-level transcripts', 3],
      ['2', 'Narwhal schedulers, in HTML', 0],
      ['3', 'Axolotl caching', 0],
    ]);
  });

  it('names the episode, the address and the reason of each failure, tries the next transcript, and goes on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'feed-url-'));
    const { get } = host({ [`${HOST}3-third.vtt`]: 503, [`${HOST}1-word-level.json`]: new Error('connection reset') });
    const problems = await downloadFeedFolder('https://feeds.example/feed.xml', dir, get);
    expect(problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      `7: episode 1: could not download its transcript ${HOST}1-word-level.json (network error: connection reset)`,
      '7: episode 1: no transcript could be downloaded, so it is left out',
      `25: episode 3: could not download its transcript ${HOST}3-third.vtt (HTTP 503)`,
      `25: episode 3: could not download its transcript ${HOST}missing.srt (HTTP 404)`,
      '25: episode 3: no transcript could be downloaded, so it is left out',
    ]);
    expect(readdirSync(dir).sort()).toEqual(['2-narwhal-schedulers-in-html.html', 'feed.xml']);
    await expect(downloadFeedFolder('https://feeds.example/gone.xml', dir, get)).rejects.toThrow(
      'could not download the feed https://feeds.example/gone.xml: HTTP 404',
    );
  });
});
