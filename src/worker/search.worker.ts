/// <reference lib="webworker" />
/** Thin shell: loads the data, builds or restores the engine, answers typed search requests. */
import { fetchAll, fetchCatalogue } from '../app/data';
import type { EpisodeFile } from '../lib/data-format';
import { buildCorpus } from '../lib/search/corpus';
import { SearchEngine } from '../lib/search/engine';
import { loadKept, saveKept } from './kept-index';
import type { FromWorker, ToWorker } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

let engine: Promise<SearchEngine> | null = null;
const post = (message: FromWorker) => self.postMessage(message);

async function start(catalogueUrl: string, base: string, id: number): Promise<SearchEngine> {
  const started = performance.now();
  const catalogue = await fetchCatalogue(catalogueUrl);
  const total = catalogue.episodes.length;
  const files = await fetchAll<EpisodeFile>(
    catalogue.episodes.map((e) => base + e.file),
    8,
    (loaded) => post({ type: 'progress', loaded, total }),
  );
  const corpus = buildCorpus(catalogue.episodes.map((episode, i) => ({ episode, file: files[i]! })));
  const kept = await loadKept(catalogue.contentHash);
  const restored = kept ? await SearchEngine.restore(corpus, kept) : null;
  const ready = restored ?? SearchEngine.build(corpus);
  post({ type: 'ready', id, documents: ready.documentCount, source: restored ? 'kept' : 'built', ms: performance.now() - started });
  if (!restored) {
    // Keep it for the next launch, after answering: the user never waits on this.
    ready
      .keep()
      .then((k) => saveKept(catalogue.contentHash, k))
      .catch(() => undefined); // a full disk only costs a rebuild next time
  }
  return ready;
}

self.onmessage = async (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  try {
    if (message.type === 'init') {
      engine ??= start(message.catalogueUrl, message.base, message.id);
      await engine;
      return;
    }
    if (!engine) throw new Error('search worker used before init');
    const ready = await engine;
    const t0 = performance.now();
    const response = ready.search(message.request);
    post({ type: 'results', id: message.id, response, ms: performance.now() - t0 });
  } catch (error) {
    if (message.type === 'init') engine = null;
    post({ type: 'error', id: message.id, message: error instanceof Error ? error.message : String(error) });
  }
};
