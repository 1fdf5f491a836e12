/** Thin shell: restores the kept engine or builds it as data arrives, then answers typed search requests. */
import { fetchCatalogue, fetchJson } from '../app/data';
import type { Catalogue, PackFile } from '../lib/data-format';
import { anchorMoment } from '../lib/favourites/anchor';
import { CorpusBuilder, episodeLines } from '../lib/search/corpus';
import { SearchEngine } from '../lib/search/engine';
import { IndexBuilder } from '../lib/search/index-builder';
import { loadKept, saveKept } from './kept-index';
import type { FromWorker, ToWorker } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

let engine: Promise<SearchEngine> | null = null;
const post = (message: FromWorker) => self.postMessage(message);

async function start(catalogueUrl: string, base: string, id: number, rebuild: boolean): Promise<SearchEngine> {
  const started = performance.now();
  const startedAt = performance.timeOrigin + started;
  const phases: Record<string, number> = {};
  const lap = (name: string) => (phases[name] = Math.round(performance.now() - started - Object.values(phases).reduce((a, b) => a + b, 0)));
  // The catalogue's URL is content-hashed: it names this exact data, so it keys the kept index.
  const kept = rebuild ? null : await loadKept(catalogueUrl);
  lap('readKept');
  const restored = kept ? await SearchEngine.restore(kept).catch(() => null) : null;
  if (restored) {
    lap('restore');
    post({ type: 'ready', id, documents: restored.documentCount, source: 'kept', ms: performance.now() - started, startedAt, phases });
    return restored;
  }
  const catalogue = await fetchCatalogue(catalogueUrl);
  lap('catalogue');
  const { engine: built, firstLoadMs, loadMs } = await buildFromPacks(catalogue, base);
  lap('build');
  // Milliseconds into the build phase: when the first and the last data file had arrived.
  phases.firstDataAt = Math.round(firstLoadMs);
  phases.allDataAt = Math.round(loadMs);
  post({ type: 'ready', id, documents: built.documentCount, source: 'built', ms: performance.now() - started, startedAt, phases });
  // Keep it for the next launch, after answering: the user never waits on this.
  built
    .keep()
    .then((k) => saveKept(catalogueUrl, k))
    .catch(() => undefined); // a full disk only costs a rebuild next time
  return built;
}

/** Request every pack at once (the browser caps connections), and index each in order as it arrives. */
async function buildFromPacks(catalogue: Catalogue, base: string): Promise<{ engine: SearchEngine; firstLoadMs: number; loadMs: number }> {
  const packNames = [...new Set(catalogue.episodes.map((e) => e.file))];
  const indexOf = new Map(catalogue.episodes.map((e, i) => [e.id, i]));
  const total = catalogue.episodes.reduce((n, e) => n + e.segmentCount, 0);
  const corpus = new CorpusBuilder(catalogue.episodes, total);
  const index = new IndexBuilder(total);
  const t0 = performance.now();
  let firstLoadMs = Infinity;
  let loadMs = 0;
  const fetchTimed = async (name: string) => {
    const pack = await fetchJson<PackFile>(base + name);
    const ms = performance.now() - t0;
    firstLoadMs = Math.min(firstLoadMs, ms);
    loadMs = Math.max(loadMs, ms);
    return pack;
  };
  const pending = packNames.map(fetchTimed);
  pending.forEach((p) => p.catch(() => undefined)); // failures surface when awaited below
  for (let p = 0; p < packNames.length; p++) {
    const pack = await pending[p]!;
    for (const file of pack.episodes) {
      const episodeIndex = indexOf.get(file.id);
      if (episodeIndex === undefined) throw new Error(`${packNames[p]} holds episode ${file.id}, which the catalogue does not list`);
      const { first, texts } = corpus.add(episodeIndex, file);
      index.add(first, texts);
    }
    post({ type: 'progress', loaded: p + 1, total: packNames.length });
  }
  return { engine: new SearchEngine(index.finish(corpus.finish())), firstLoadMs, loadMs };
}

/** Small steps between messages, so a keystroke never waits behind them. */
function prepareWhenIdle(ready: SearchEngine): void {
  if (!ready.prepareIdle(IDLE_STEP_MS)) setTimeout(() => prepareWhenIdle(ready), 0);
}
const IDLE_STEP_MS = 4;

self.onmessage = async (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  try {
    if (message.type === 'init') {
      engine ??= start(message.catalogueUrl, message.base, message.id, message.rebuild === true);
      prepareWhenIdle(await engine);
      return;
    }
    if (!engine) throw new Error('search worker used before init');
    const ready = await engine;
    if (message.type === 'anchor') {
      const anchors = message.moments.map((m) => {
        const lines = episodeLines(ready.lines, m.episodeId);
        return lines ? anchorMoment(lines, m) : null;
      });
      post({ type: 'anchors', id: message.id, anchors });
      return;
    }
    if (message.type === 'forms') {
      post({ type: 'forms', id: message.id, matcher: ready.matcherOf(message.q) });
      return;
    }
    const t0 = performance.now();
    const response = ready.search(message.request);
    post({ type: 'results', id: message.id, response, ms: performance.now() - t0 });
  } catch (error) {
    if (message.type === 'init') engine = null;
    post({ type: 'error', id: message.id, message: error instanceof Error ? error.message : String(error) });
  }
};
