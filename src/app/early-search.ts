/** The search worker index.html's inline script started before this script arrived (src/node/early-worker.ts). */
import { EARLY_SEARCH_PROPERTY, type FromWorker } from '../worker/protocol';

export interface EarlySearch {
  worker: Worker;
  /** What the worker said before the app listened, in order; null for an error event. */
  received: (FromWorker | null)[];
  catalogueUrl: string;
  base: string;
}

declare global {
  interface Window {
    [EARLY_SEARCH_PROPERTY]?: EarlySearch;
  }
}

/**
 * The early worker, taken once, when it serves this data from this base (a dev server, or a page whose script
 * failed to start one, has none); null otherwise, and a worker started for other data is stopped.
 */
export function takeEarlySearch(catalogueUrl: string, base: string): EarlySearch | null {
  const early = window[EARLY_SEARCH_PROPERTY];
  delete window[EARLY_SEARCH_PROPERTY];
  if (!early) return null;
  if (early.catalogueUrl === catalogueUrl && early.base === base) return early;
  early.worker.terminate();
  return null;
}
