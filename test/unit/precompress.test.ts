import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressFolder, precompressPlugin } from '../../src/node/vite-plugin-precompress';

const SECRET = JSON.stringify({ secret: 'not part of the build'.repeat(100) });
const pack = JSON.stringify({ schema: 1, episodes: Array.from({ length: 200 }, (_, i) => [i, `line ${i} of a transcript`]) });

function makeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'precompress-'));
  mkdirSync(join(dir, 'out', 'data'), { recursive: true });
  writeFileSync(join(dir, 'out', 'data', 'pack-1.0123456789ab.json'), pack);
  writeFileSync(join(dir, 'out', 'tiny.json'), '{}');
  writeFileSync(join(dir, 'out', 'icon.png'), Buffer.alloc(4096, 7));
  // Beside the build, never served, even with a copy that a path escaping the build could reach.
  writeFileSync(join(dir, 'secret.json'), SECRET);
  writeFileSync(join(dir, 'secret.json.br'), brotliCompressSync(SECRET));
  return dir;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function get(url: string, headers: Record<string, string>, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('precompressFolder', () => {
  it('writes Brotli and gzip copies of text files that decompress to the same bytes, and skips the rest', async () => {
    const dir = makeBuild();
    try {
      const out = join(dir, 'out');
      await precompressFolder(out);
      const file = join(out, 'data', 'pack-1.0123456789ab.json');
      expect(brotliDecompressSync(readFileSync(file + '.br')).toString()).toBe(pack);
      expect(gunzipSync(readFileSync(file + '.gz')).toString()).toBe(pack);
      expect(readFileSync(file + '.br').length).toBeLessThan(pack.length / 4);
      expect(existsSync(join(out, 'tiny.json.br'))).toBe(false); // under 1 KB
      // An earlier build's copies of a file now too small are removed, not left to be served in its place.
      writeFileSync(join(out, 'tiny.json.br'), 'stale');
      writeFileSync(join(out, 'tiny.json.gz'), 'stale');
      await precompressFolder(out);
      expect([existsSync(join(out, 'tiny.json.br')), existsSync(join(out, 'tiny.json.gz'))]).toEqual([false, false]);
      expect(existsSync(join(out, 'icon.png.br'))).toBe(false); // not text
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('vite preview with precompressed copies', () => {
  let dir: string;
  let server: PreviewServer;
  let url: string;
  const seen: string[] = [];
  beforeAll(async () => {
    dir = makeBuild();
    await precompressFolder(join(dir, 'out'));
    server = await preview({
      configFile: false,
      root: dir,
      logLevel: 'error',
      plugins: [
        precompressPlugin(),
        {
          name: 'count-requests', // as the browser tests' server does: it must see every request
          configurePreviewServer(s) {
            s.middlewares.use((req, _res, next) => {
              seen.push(req.url ?? '');
              next();
            });
          },
        },
      ],
      build: { outDir: 'out' },
      preview: { port: 4471, host: '127.0.0.1' },
    });
    url = server.resolvedUrls!.local[0]!;
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const packUrl = () => `${url}data/pack-1.0123456789ab.json`;

  it('answers with the Brotli copy when the browser accepts it, else gzip, else the file itself', async () => {
    const br = await get(packUrl(), { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toBe('application/json');
    expect(br.headers.vary).toMatch(/Accept-Encoding/);
    expect(brotliDecompressSync(br.body).toString()).toBe(pack);
    // Firefox over plain HTTP offers no Brotli.
    const gz = await get(packUrl(), { 'accept-encoding': 'gzip, deflate' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(pack);
    expect(seen.filter((u) => u.endsWith('pack-1.0123456789ab.json'))).toHaveLength(2); // other plugins' middleware ran first
    const plain = await get(packUrl(), {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(pack);
  });

  it('revalidates by ETag, one per encoding, and answers HEAD without a body', async () => {
    const first = await get(packUrl(), { 'accept-encoding': 'br' });
    const etag = String(first.headers.etag);
    const again = await get(packUrl(), { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    const gz = await get(packUrl(), { 'accept-encoding': 'gzip', 'if-none-match': etag });
    expect(gz.status).toBe(200);
    expect(gz.headers.etag).not.toBe(etag);
    const head = await get(packUrl(), { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.headers['content-length']).toBe(String(first.body.length));
    expect(head.body.length).toBe(0);
  });

  it('sends the file itself when its copy is older than it, or the file is gone', async () => {
    const file = join(dir, 'out', 'data', 'pack-1.0123456789ab.json');
    const later = new Date(Date.now() + 60_000);
    utimesSync(file, later, later);
    try {
      const answer = await get(packUrl(), { 'accept-encoding': 'br' });
      expect(answer.headers['content-encoding']).toBeUndefined();
      expect(answer.body.toString()).toBe(pack);
    } finally {
      const copy = statSync(`${file}.br`).mtime;
      utimesSync(file, copy, copy);
    }
    const lone = join(dir, 'out', 'gone.json');
    writeFileSync(`${lone}.br`, brotliCompressSync(pack));
    expect((await get(`${url}gone.json`, { 'accept-encoding': 'br' })).headers['content-encoding']).toBeUndefined();
  });

  it('serves nothing from outside the build, however the path is written', async () => {
    for (const path of ['data/..%2f..%2fsecret.json', '..%2fsecret.json', '%2e%2e/secret.json']) {
      const answer = await get(url + path, { 'accept-encoding': 'br' });
      expect(answer.headers['content-encoding']).toBeUndefined();
      expect(answer.body.toString()).not.toContain('secret');
    }
  });
});
