/**
 * Queries straight into a search worker of the built app, started by the benchmark in the app's page and
 * spoken to in the worker's own protocol (src/worker/protocol.ts): the app ships no test hook.
 */
import type { Page } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SearchRequest, SearchResponse } from '../../lib/search/types';

/** The worker script's URL path in a build. */
export function workerScript(outDir: string): string {
  const name = readdirSync(resolve(outDir, 'assets')).find((f) => /^search\.worker-.*\.js$/.test(f));
  if (!name) throw new Error(`no search worker in ${outDir}/assets`);
  return `/assets/${name}`;
}

/**
 * Each request's answer and the milliseconds the worker spent on it, after `warmUp` unmeasured ones (app served
 * at `/`); `source` says whether the worker restored the kept index or built its own.
 */
export async function queryWorker(
  page: Page,
  script: string,
  requests: SearchRequest[],
  warmUp = 0,
): Promise<{ source: string; answers: { ms: number; response: SearchResponse }[] }> {
  return page.evaluate(
    async ({ script, requests, warmUp }) => {
      const loaded = performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .find((n) => /\/data\/catalogue\./.test(n));
      if (!loaded) throw new Error('the page has not loaded a catalogue');
      // The URL as the app names it (base + path): it keys the kept index, which this worker then shares.
      const catalogueUrl = new URL(loaded).pathname;
      const worker = new Worker(script, { type: 'module', name: 'bench' });
      let nextId = 1;
      const call = (message: Record<string, unknown>) =>
        new Promise<{ type: string; ms: number; response: SearchResponse; message?: string; source?: string }>((done, fail) => {
          const id = nextId++;
          const onMessage = (
            event: MessageEvent<{ type: string; id?: number; ms: number; response: SearchResponse; message?: string; source?: string }>,
          ) => {
            if (event.data.id !== id) return;
            worker.removeEventListener('message', onMessage);
            if (event.data.type === 'error') fail(new Error(event.data.message));
            else done(event.data);
          };
          worker.addEventListener('message', onMessage);
          worker.postMessage({ ...message, id });
        });
      try {
        const ready = await call({ type: 'init', catalogueUrl, base: '/' });
        for (const request of requests.slice(0, warmUp)) await call({ type: 'search', request });
        const out: { ms: number; response: SearchResponse }[] = [];
        for (const request of requests) {
          const answer = await call({ type: 'search', request });
          out.push({ ms: answer.ms, response: answer.response });
        }
        return { source: ready.source ?? 'unknown', answers: out };
      } finally {
        worker.terminate();
      }
    },
    { script, requests, warmUp },
  );
}
