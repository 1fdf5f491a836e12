/** The production build ships no test hook: tests and the benchmark reach the app as users and DevTools do. */
import { existsSync, readFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder, precachedFiles } from '../../src/node/build-sizes';
import { EAGER_COMPILE_HINT } from '../../src/node/vite-plugin-eager-compile';

// Reads the production build; `npm test` builds it first.
const DIST = 'dist';
const HOOKS = ['__search', 'ForTest', 'forTest', '__test'];

describe('the production bundle', () => {
  it('holds no test hook in any script', () => {
    expect(existsSync(join(DIST, 'index.html')), 'run `npm run build` first').toBe(true);
    const scripts = filesUnder(DIST).filter((f) => f.endsWith('.js'));
    expect(scripts.some((f) => /search\.worker/.test(f))).toBe(true);
    const found = scripts.flatMap((f) => {
      const code = readFileSync(join(DIST, f), 'utf8');
      return HOOKS.filter((hook) => code.includes(hook)).map((hook) => `${f}: ${hook}`);
    });
    expect(found).toEqual([]);
  });
});

describe('the page', () => {
  it('names a PNG favicon, precached: an SVG one is drawn by building an SVG document on the main thread', () => {
    // Chromium's favicon download decodes the image in the page's renderer: for an SVG, a task of 35–48 ms at a
    // 4× slower CPU, in the middle of opening a page. A PNG decodes in well under a millisecond.
    const icons = [...readFileSync(join(DIST, 'index.html'), 'utf8').matchAll(/<link rel="icon" href="([^"]+)"/g)].map((m) => m[1]!);
    expect(icons).toEqual(['/icon-192.png']);
    expect(precachedFiles(DIST)).toContain('icon-192.png');
  });
});

describe("the page's script", () => {
  it("opens with V8's compile hint, as served and as precompressed; the worker's script does not", () => {
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script type="module"[^>]* src="\/([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    const file = join(DIST, scripts[0]!);
    // V8 reads the hint on the first line only.
    const opening = (code: Buffer) => code.toString('utf8', 0, EAGER_COMPILE_HINT.length + 1);
    const hinted = `${EAGER_COMPILE_HINT}\n`;
    expect(opening(readFileSync(file))).toBe(hinted);
    expect(opening(brotliDecompressSync(readFileSync(`${file}.br`)))).toBe(hinted);
    expect(opening(gunzipSync(readFileSync(`${file}.gz`)))).toBe(hinted);
    const worker = filesUnder(DIST).find((f) => /search\.worker.*\.js$/.test(f))!;
    expect(readFileSync(join(DIST, worker), 'utf8')).not.toContain(EAGER_COMPILE_HINT);
  });
});
