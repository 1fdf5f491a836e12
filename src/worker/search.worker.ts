/** Thin shell: restores the kept index or builds it as data arrives, then answers typed requests. */
import { anchorMoment } from '../lib/favourites/anchor';
import { fetchCatalogue, fetchJson } from '../lib/packs/fetch';
import type { PackFile } from '../lib/packs/format';
import { loadPacks } from '../lib/packs/load';
import { CorpusBuilder, episodeLines } from '../lib/search/corpus';
import { SearchEngine } from '../lib/search/engine';
import { IndexBuilder } from '../lib/search/index-builder';
import { Laps } from '../lib/timing';
import { loadKept, saveKept } from './kept-index';
import type { FromWorker, ToWorker } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

let engine: Promise<SearchEngine> | null = null;
const post = (message: FromWorker) => self.postMessage(message);
/** Steps of idle work (see prepareWhenIdle), short enough that a keystroke never waits behind one. */
const IDLE_STEP_MS = 4;

async function start(catalogueUrl: string, base: string, id: number, rebuild: boolean): Promise<SearchEngine> {
  const startedAt = performance.timeOrigin + performance.now();
  const laps = new Laps();
  const ready = (ready: SearchEngine, source: 'kept' | 'built') =>
    post({
      type: 'ready',
      id,
      documents: ready.documentCount,
      source,
      ms: performance.timeOrigin + performance.now() - startedAt,
      startedAt,
      phases: laps.phases,
    });
  // The catalogue's URL is content-hashed: it names this exact data, so it keys the kept index.
  const kept = rebuild ? null : await loadKept(catalogueUrl);
  laps.lap('readKept');
  const restored = kept ? await SearchEngine.restore(kept).catch(() => null) : null;
  if (restored) {
    laps.lap('restore');
    ready(restored, 'kept');
    return restored;
  }
  const catalogue = await fetchCatalogue(catalogueUrl);
  laps.lap('catalogue');
  const total = catalogue.episodes.reduce((n, e) => n + e.segmentCount, 0);
  const corpus = new CorpusBuilder(catalogue.episodes, total);
  const index = new IndexBuilder(total);
  const times = await loadPacks(catalogue, (name) => fetchJson<PackFile>(base + name), {
    episode: (catalogueIndex, file) => {
      const { first, texts } = corpus.add(catalogueIndex, file);
      index.add(first, texts);
    },
    progress: (loaded, of) => post({ type: 'progress', loaded, total: of }),
  });
  const built = new SearchEngine(index.finish(corpus.finish()));
  laps.lap('build');
  // Milliseconds into the build phase: when the first and the last data file had arrived.
  laps.phases.firstDataAt = Math.round(times.firstArrivedMs);
  laps.phases.allDataAt = Math.round(times.allArrivedMs);
  ready(built, 'built');
  // Keep it for the next launch, after answering: the user never waits on this.
  built
    .keep()
    .then((k) => saveKept(catalogueUrl, k))
    .catch(() => undefined); // a full disk only costs a rebuild next time
  return built;
}

/** Work that can wait (see SearchEngine.prepareIdle), in small steps between messages. */
function prepareWhenIdle(ready: SearchEngine): void {
  if (!ready.prepareIdle(IDLE_STEP_MS)) setTimeout(() => prepareWhenIdle(ready), 0);
}

function answer(ready: SearchEngine, message: Exclude<ToWorker, { type: 'init' }>): FromWorker {
  switch (message.type) {
    case 'search': {
      const t0 = performance.now();
      const response = ready.search(message.request);
      return { type: 'results', id: message.id, response, ms: performance.now() - t0 };
    }
    case 'anchor': {
      const anchors = message.moments.map((m) => {
        const lines = episodeLines(ready.lines, m.episodeId);
        return lines ? anchorMoment(lines, m) : null;
      });
      return { type: 'anchors', id: message.id, anchors };
    }
    case 'forms':
      return { type: 'forms', id: message.id, matcher: ready.matcherOf(message.q) };
  }
}

self.onmessage = async (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  try {
    if (message.type === 'init') {
      engine ??= start(message.catalogueUrl, message.base, message.id, message.rebuild === true);
      prepareWhenIdle(await engine);
      return;
    }
    if (!engine) throw new Error('search worker used before init');
    post(answer(await engine, message));
  } catch (error) {
    if (message.type === 'init') engine = null;
    post({ type: 'error', id: message.id, message: error instanceof Error ? error.message : String(error) });
  }
};
