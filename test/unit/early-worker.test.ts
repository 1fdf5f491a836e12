import { createHash } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, withScriptSource } from '../../src/node/csp';
import { earlyWorkerScript, scriptHashSource } from '../../src/node/early-worker';

const start = {
  workerUrl: '/sub/assets/search.worker-abc.js',
  catalogueUrl: '/sub/data/catalogue.123.json',
  base: '/sub/',
  later: '/sub/episodes/',
};

/** Runs the inline script with a stand-in Worker, on a page at `pathname`; what it made and posted. */
function run(script: string, Worker: unknown, pathname = '/sub/search') {
  const window: Record<string, unknown> = {};
  runInNewContext(script, { window, Worker, location: { pathname } });
  return window.earlySearch as {
    worker: { url: string; posted: unknown[]; onmessage: (e: { data: unknown }) => void };
    received: unknown[];
  };
}

class FakeWorker {
  posted: unknown[] = [];
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(
    readonly url: string,
    readonly options: unknown,
  ) {}
  postMessage(message: unknown) {
    this.posted.push(message);
  }
}

describe('the search worker started by index.html', () => {
  it('starts the worker, says init as the app would, and keeps what the worker says until the app listens', () => {
    const early = run(earlyWorkerScript(start), FakeWorker);
    expect(early.worker.url).toBe(start.workerUrl);
    expect((early.worker as unknown as FakeWorker).options).toEqual({ type: 'module', name: 'search' });
    expect(early.worker.posted).toEqual([{ type: 'init', id: 0, catalogueUrl: start.catalogueUrl, base: '/sub/', rebuild: false }]);
    early.worker.onmessage({ data: { type: 'progress', loaded: 1, total: 2 } });
    (early.worker as unknown as FakeWorker).onerror!();
    expect(early.received).toEqual([{ type: 'progress', loaded: 1, total: 2 }, null]);
    expect(early).toMatchObject({ catalogueUrl: start.catalogueUrl, base: '/sub/' });
  });

  it('starts nothing on an episode, whose lines come first (the app starts search there later)', () => {
    expect(run(earlyWorkerScript(start), FakeWorker, '/sub/episodes/233')).toBeUndefined();
    expect(run(earlyWorkerScript(start), FakeWorker, '/sub/')).toBeDefined();
    expect(run(earlyWorkerScript(start), FakeWorker, '/sub/favourites')).toBeDefined();
  });

  it('does nothing where a worker cannot start, so the app starts one itself', () => {
    const refuse = function () {
      throw new Error('SecurityError');
    };
    expect(run(earlyWorkerScript(start), refuse)).toBeUndefined();
    expect(run(earlyWorkerScript(start), undefined)).toBeUndefined();
  });

  it('writes URLs as JavaScript strings, whatever characters a base holds', () => {
    const odd = { ...start, base: '/a"b</script>/', later: '/a"b</script>/episodes/' };
    const script = earlyWorkerScript({ ...odd, workerUrl: `${odd.base}w.js` });
    expect(script).not.toContain('</script>');
    expect(run(script, FakeWorker, odd.base).worker.url).toBe('/a"b</script>/w.js');
    expect(run(script, FakeWorker, `${odd.later}1`)).toBeUndefined();
  });

  it('is allowed by its hash alone: the policy gains that one source for scripts, and nothing else changes', () => {
    const script = earlyWorkerScript(start);
    const hash = scriptHashSource(script);
    expect(hash).toBe(`'sha256-${createHash('sha256').update(script).digest('base64')}'`);
    const before = contentSecurityPolicy(['https://cdn.example']);
    const after = withScriptSource(before, hash);
    expect(after.split('; ')).toEqual(before.split('; ').map((d) => (d === "script-src 'self'" ? `script-src 'self' ${hash}` : d)));
    expect(after).not.toContain('unsafe-inline');
  });
});
