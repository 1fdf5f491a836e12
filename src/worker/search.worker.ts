/** Thin shell: restores the kept index or builds it as data arrives, then answers typed requests. */
import { anchorMoment } from '../lib/favourites/anchor';
import { fetchCatalogue, fetchPackLater } from '../lib/packs/fetch';
import { frequentTermsIn, textBytesAtMost } from '../lib/packs/format';
import { loadPacks } from '../lib/packs/load';
import { episodeLines, type EngineEpisode } from '../lib/search/corpus';
import type { TermMatcher } from '../lib/search/highlight';
import { mergeResponses } from '../lib/search/merge';
import { EMPTY_RESPONSE, type SearchRequest, type SearchResponse } from '../lib/search/types';
import { isYours } from '../lib/yours/model';
import { YourIndex } from './yours';
import { SearchEngine } from '../lib/search/engine';
import { GrowingIndex } from '../lib/search/growing-index';
import { LineCoder } from '../lib/search/line-coder';
import { DamagedIndexError } from '../lib/search/rare-postings';
import { Laps, Pacer } from '../lib/timing';
import { keptFor, readKeptRecord, saveKept } from './kept-index';
import { WARMED_UP_MARK, type FromWorker, type ToWorker } from './protocol';
import {
  IDLE_STEP_MS,
  INDEX_SLICE_MS,
  PROGRESS_COST_FACTOR,
  PROGRESS_MIN_MS,
  QuietClock,
  signal,
  WARM_UP_QUIET_MS,
  yieldToMessages,
} from './scheduling';

declare const self: DedicatedWorkerGlobalScope;

let engine: Promise<SearchEngine> | null = null;
let complete: SearchEngine | null = null; // the complete index, once ready
/** On a first visit, until the index is complete: searches run over the episodes indexed so far. */
let growing: GrowingIndex | null = null;
/** Settles whenever more episodes are searchable (or the index is complete), for searches waiting on data. */
let moreData = signal();
const searches = new QuietClock(); // when the last search came (see WARM_UP_QUIET_MS)
/** The user's own transcripts: read from IndexedDB at once, searchable before the bundled index is. */
const yours = new YourIndex();
/** An index built here and not yet kept, and its text being coded for keeping (see line-text.ts). */
let unsaved: { engine: SearchEngine; catalogueUrl: string; coder: LineCoder | null } | null = null;
/** Where `init` said the data is, to build again if the kept index turns out damaged while in use. */
let data: { catalogueUrl: string; base: string } | null = null;
/** The index kept from an earlier launch, read at once: `init` says whether it serves this data. */
const keptRecord = readKeptRecord();
const post = (message: FromWorker) => self.postMessage(message);

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
  // Phases apart: the small record (asked for as this script started), then its Blob's bytes, read and decoded.
  const record = rebuild ? null : await keptRecord;
  laps.lap('readRecord');
  const kept = await keptFor(record, catalogueUrl);
  laps.lap('readBytes');
  const restored = kept ? await SearchEngine.restore(kept).catch(() => null) : null;
  if (restored) {
    laps.lap('restore');
    complete = restored;
    ready(restored, 'kept');
    return restored;
  }
  const catalogue = await fetchCatalogue(catalogueUrl);
  laps.lap('catalogue');
  const total = catalogue.episodes.reduce((n, e) => n + e.segmentCount, 0);
  const index = (growing = new GrowingIndex(catalogue.episodes, total, frequentTermsIn(catalogue), textBytesAtMost(catalogue)));
  const announce = new Pacer(
    () => {
      const { episodes, of } = index.progress;
      post({ type: 'progress', loaded: episodes, total: of });
    },
    () => Math.max(PROGRESS_MIN_MS, PROGRESS_COST_FACTOR * index.snapshotMs),
  );
  let sliceStart = performance.now();
  const times = await loadPacks(catalogue, (name) => fetchPackLater(base + name), {
    episode: (catalogueIndex, file) => index.add(catalogueIndex, file),
    pause: async () => {
      if (performance.now() - sliceStart < INDEX_SLICE_MS) return;
      await yieldToMessages();
      sliceStart = performance.now();
    },
    progress: () => {
      announce.request();
      moreData.fire();
      moreData = signal();
    },
  }).finally(() => announce.cancel()); // 'ready' (or the error) says the rest
  const built = index.finish();
  laps.lap('build');
  // Milliseconds into the build phase: when the first and the last data file had arrived.
  laps.phases.firstDataAt = Math.round(times.firstArrivedMs);
  laps.phases.allDataAt = Math.round(times.allArrivedMs);
  complete = built;
  growing = null;
  ready(built, 'built');
  const { text } = built.lines;
  unsaved = { engine: built, catalogueUrl, coder: text.kind === 'utf8' ? new LineCoder(text) : null };
  return built;
}

/**
 * Work that can wait (SearchEngine.prepareIdle), in steps between messages; then a fresh index's text is coded and
 * kept for the next launch (its sound keys ready by then; a full disk only costs a rebuild next time); then
 * searches that warm the code up. A search waits at most for one step: a few milliseconds, or one warm-up search.
 */
function prepareWhenIdle(ready: SearchEngine): void {
  if (ready !== complete) return; // replaced (see rebuildDamaged): its work is moot
  const again = (ms = 0) => void setTimeout(() => prepareWhenIdle(ready), ms);
  try {
    if (!ready.prepareIdle(IDLE_STEP_MS)) return again();
    if (unsaved?.engine === ready) {
      if (unsaved.coder && !unsaved.coder.step(IDLE_STEP_MS)) return again();
      const { catalogueUrl, coder } = unsaved;
      unsaved = null;
      ready
        .keep(coder?.result)
        .then((kept) => saveKept(catalogueUrl, kept))
        .catch(() => undefined);
    }
    // Last, so keeping a fresh index never waits on it; and not while searches come, which warm the code already.
    const wait = searches.waitFor(WARM_UP_QUIET_MS);
    if (wait > 0 || !ready.warmUpStep()) return again(wait);
    performance.mark(WARMED_UP_MARK, { detail: { searches: ready.warmUpSearches } });
  } catch (error) {
    if (!(error instanceof DamagedIndexError)) throw error;
    rebuildDamaged();
  }
}

/**
 * A kept index that checked whole at launch but holds a group of postings that will not import (see
 * rare-postings.ts): build afresh, as on a first visit. Searches meanwhile run over the episodes indexed so
 * far, and the new index replaces the damaged one in storage.
 */
function rebuildDamaged(): void {
  post({ type: 'rebuilding', reason: 'The search index kept on this device was damaged' });
  complete = null;
  engine = start(data!.catalogueUrl, data!.base, 0, true);
  engine.then(prepareWhenIdle, () => undefined);
}

/** The engine a search runs on now: the complete one, else the episodes indexed so far (waiting for the first). */
async function engineForSearch(): Promise<{ engine: SearchEngine; indexed?: { episodes: number; of: number } }> {
  for (;;) {
    if (complete) return { engine: complete };
    const soFar = growing?.engineSoFar();
    if (soFar) return { engine: soFar, indexed: growing!.progress };
    if (!engine) throw new Error('search could not start');
    await Promise.race([engine, moreData]);
  }
}

/** The bundled episodes (as far as indexed) and the user's own transcripts, as the source filter asks. */
async function searchEverything(id: number, request: SearchRequest): Promise<FromWorker> {
  searches.mark();
  const source = request.source ?? 'all';
  await yours.loaded;
  const mine = source === 'podcast' ? null : yours.engine;
  const bundled = source === 'yours' ? null : await engineForSearch();
  const t0 = performance.now();
  let answers: SearchResponse[];
  try {
    answers = [bundled?.engine.search(request), mine?.search(request)].filter((a) => a !== undefined);
  } catch (error) {
    if (!(error instanceof DamagedIndexError) || !bundled || bundled.engine !== complete) throw error;
    rebuildDamaged();
    return searchEverything(id, request);
  }
  const engines = [bundled?.engine, mine].filter((e) => e != null);
  let recency: Map<string, EngineEpisode> | null = null;
  const recencyOf = (episodeId: string) => {
    recency ??= new Map(engines.flatMap((e) => e.lines.episodes.map((episode) => [episode.id, episode])));
    return recency.get(episodeId) ?? { date: null, number: null };
  };
  const response = answers.length ? mergeResponses(answers, request, recencyOf) : EMPTY_RESPONSE;
  return { type: 'results', id, response, ms: performance.now() - t0, indexed: bundled?.indexed };
}

async function answer(message: Exclude<ToWorker, { type: 'init' }>): Promise<FromWorker> {
  switch (message.type) {
    case 'search':
      return searchEverything(message.id, message.request);
    case 'import':
      return yours.import(message.id, message.files);
    case 'yours-changed':
      await yours.reload();
      return { type: 'yours-reloaded', id: message.id };
  }
  // Look-ups for favourites and highlighting wait for the complete index.
  const ready = await engine!;
  switch (message.type) {
    case 'anchor': {
      await yours.loaded;
      try {
        const anchors = message.moments.map((m) => {
          const over = isYours(m.episodeId) ? yours.engine : ready;
          const lines = over && episodeLines(over.lines, m.episodeId);
          return lines ? anchorMoment(lines, m) : null;
        });
        return { type: 'anchors', id: message.id, anchors };
      } catch (error) {
        // A kept line's text that will not decode (line-text.ts): build afresh and look again.
        if (!(error instanceof DamagedIndexError) || ready !== complete) throw error;
        rebuildDamaged();
        return answer(message);
      }
    }
    case 'forms': {
      await yours.loaded;
      const matchers = [ready, yours.engine].flatMap((e) => (e ? [e.matcherOf(message.q)] : []));
      const union = (pick: (m: TermMatcher) => string[]) => [...new Set(matchers.flatMap(pick))];
      return { type: 'forms', id: message.id, matcher: { terms: union((m) => m.terms), prefixes: union((m) => m.prefixes) } };
    }
  }
}

self.onmessage = async (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  try {
    if (message.type === 'init') {
      data = { catalogueUrl: message.catalogueUrl, base: message.base };
      engine ??= start(message.catalogueUrl, message.base, message.id, message.rebuild === true);
      prepareWhenIdle(await engine);
      return;
    }
    if (!engine) throw new Error('search worker used before init');
    post(await answer(message));
  } catch (error) {
    if (message.type === 'init') {
      engine = null;
      growing = null;
    }
    post({ type: 'error', id: message.id, message: error instanceof Error ? error.message : String(error) });
  }
};
