import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder, precachedFiles } from '../../src/node/build-sizes';

// Reads the production build; `npm test` builds it first.
const DIST = 'dist';

describe('the generated service worker', () => {
  it('precaches every data file and asset of the build', () => {
    expect(existsSync(join(DIST, 'sw.js')), 'run `npm run build` first').toBe(true);
    const sw = readFileSync(join(DIST, 'sw.js'), 'utf8');
    const precached = new Set(precachedFiles(DIST));
    // The service worker and its runtime are not precached by design: the browser fetches them itself.
    // `_headers` is for the host and `robots.txt` for crawlers, never fetched by the app; nor are the
    // compressed copies (`.br`, `.gz`), which a server sends in place of their file.
    const expected = filesUnder(DIST).filter(
      (f) => !['sw.js', '_headers', 'robots.txt'].includes(f) && !/^workbox-[\w-]+\.js$/.test(f) && !/\.(br|gz)$/.test(f),
    );
    expect(expected.filter((f) => /^data\/catalogue\.\w+\.json$/.test(f))).toHaveLength(1);
    expect(expected.filter((f) => /^data\/pack-\w+\.\w+\.json$/.test(f)).length).toBeGreaterThan(0);
    expect(expected.filter((f) => !precached.has(f))).toEqual([]);
    expect(sw).toContain('createHandlerBoundToURL("index.html")');
  });

  it('keeps every file under the 2 MiB precache limit', () => {
    const big = filesUnder(DIST).filter((f) => statSync(join(DIST, f)).size >= 2 * 1024 * 1024);
    expect(big).toEqual([]);
  });

  it('writes Brotli and gzip copies of every data file and script, for servers that send them as they are', () => {
    const files = new Set(filesUnder(DIST));
    const text = [...files].filter((f) => /^(data\/.*\.json|assets\/.*\.js)$/.test(f) && statSync(join(DIST, f)).size >= 1024);
    expect(text.length).toBeGreaterThan(3);
    expect(text.filter((f) => !files.has(`${f}.br`) || !files.has(`${f}.gz`))).toEqual([]);
  });

  it('writes 404.html for static hosts', () => {
    expect(readFileSync(join(DIST, '404.html'), 'utf8')).toBe(readFileSync(join(DIST, 'index.html'), 'utf8'));
  });

  it('ships a real robots.txt, not the app page a host falls back to', () => {
    expect(readFileSync(join(DIST, 'robots.txt'), 'utf8')).toMatch(/^User-agent: \*\nAllow: \/\n$/);
  });
});
