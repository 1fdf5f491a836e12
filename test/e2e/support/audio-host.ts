import { test } from '@playwright/test';
import { createServer, type Server } from 'node:http';

/** Seconds of audio in each generated file: longer than every fixture episode. */
const SECONDS = 40;
const RATE = 8000;

/** A mono 8-bit WAV of a quiet tone: small, and every browser here decodes it. */
function wav(): Buffer {
  const samples = SECONDS * RATE;
  const out = Buffer.alloc(44 + samples);
  out.write('RIFF', 0);
  out.writeUInt32LE(36 + samples, 4);
  out.write('WAVEfmt ', 8);
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20); // PCM
  out.writeUInt16LE(1, 22); // mono
  out.writeUInt32LE(RATE, 24);
  out.writeUInt32LE(RATE, 28);
  out.writeUInt16LE(1, 32);
  out.writeUInt16LE(8, 34);
  out.write('data', 36);
  out.writeUInt32LE(samples, 40);
  for (let i = 0; i < samples; i++) out[44 + i] = 128 + Math.round(8 * Math.sin((2 * Math.PI * 440 * i) / RATE));
  return out;
}

/**
 * The feed's audio origin is written into the build (its URL and the CSP), so its port cannot move per worker
 * as the others do: while the other worker's run of this spec holds it, wait for it.
 */
async function listenWhenFree(server: Server, port: number, waitMs = 300_000): Promise<void> {
  const until = Date.now() + waitMs;
  for (;;) {
    try {
      return await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

export interface AudioHost {
  /** Paths requested so far. */
  hits: string[];
}

/**
 * A second origin serving the feed's audio (`/audio/*.wav`), as a podcast's media host would, with range
 * requests; for a whole spec file.
 */
export function audioHostForFile(port: number): () => AudioHost {
  const host: AudioHost = { hits: [] };
  const body = wav();
  let server: Server | null = null;
  test.beforeAll(async () => {
    test.setTimeout(330_000); // may wait for the port (see listenWhenFree)
    server = createServer((req, res) => {
      host.hits.push(req.url ?? '');
      if (!/^\/audio\/[\w-]+\.wav$/.test(req.url ?? '')) return void res.writeHead(404).end();
      const range = /bytes=(\d+)-(\d*)/.exec(req.headers.range ?? '');
      const start = range ? Number(range[1]) : 0;
      const end = range && range[2] ? Math.min(Number(range[2]), body.length - 1) : body.length - 1;
      res.writeHead(range ? 206 : 200, {
        'Content-Type': 'audio/wav',
        'Accept-Ranges': 'bytes',
        'Content-Length': end - start + 1,
        ...(range && { 'Content-Range': `bytes ${start}-${end}/${body.length}` }),
      });
      res.end(body.subarray(start, end + 1));
    });
    await listenWhenFree(server, port);
  });
  test.afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });
  return () => host;
}
