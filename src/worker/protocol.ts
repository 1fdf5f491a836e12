/** Typed messages between the page and the search worker. Every request carries an id; answers echo it. */
import type { Anchor } from '../lib/favourites/anchor';
import type { TermMatcher } from '../lib/search/highlight';
import type { TranscriptFile } from '../lib/ingest';
import type { SearchRequest, SearchResponse } from '../lib/search/types';
import type { Problem } from '../lib/transcript/model';
import type { YourEntry } from '../lib/yours/model';

/** A favourite moment to find again in the current data. */
export interface AnchorQuery {
  episodeId: string;
  t: number;
  n?: number;
  quote: string;
}

export type ToWorker =
  /** `rebuild` ignores (and replaces) the index kept from an earlier launch. */
  | { type: 'init'; id: number; catalogueUrl: string; base: string; rebuild?: boolean }
  | { type: 'search'; id: number; request: SearchRequest }
  | { type: 'anchor'; id: number; moments: AnchorQuery[] }
  /** Every form of the query's words that search would match, for highlighting elsewhere. */
  | { type: 'forms'; id: number; q: string }
  /** Parse, keep and index the user's own transcript files. */
  | { type: 'import'; id: number; files: TranscriptFile[] }
  /** The user's own transcripts changed (renamed, deleted, or imported in another tab): read them again. */
  | { type: 'yours-changed'; id: number };

export type IndexSource = 'built' | 'kept';

/**
 * The window property index.html's inline script leaves the search worker it started in (src/node/early-worker.ts),
 * for the app to take over (src/app/early-search.ts).
 */
export const EARLY_SEARCH_PROPERTY = 'earlySearch';

/**
 * The worker's performance mark once its warm-up searches are done (SearchEngine.warmUpStep), with
 * `detail: { searches }`: seen in a DevTools trace, and by the browser test that the warm-up runs at all.
 */
export const WARMED_UP_MARK = 'search warmed up';

/** The worker's report once its index is ready. */
export interface ReadyReport {
  documents: number;
  source: IndexSource;
  /** From the worker's start to a ready index, and where that time went. */
  ms: number;
  /** When the worker started, in epoch milliseconds (to compare with the page's `performance.timeOrigin`). */
  startedAt: number;
  phases: Record<string, number>;
}

export type FromWorker =
  /** While indexing: how many episodes are searchable, of how many. */
  | { type: 'progress'; loaded: number; total: number }
  | ({ type: 'ready'; id: number } & ReadyReport)
  /** The index in use turned out damaged: the worker builds it again, and says 'ready' once more when done. */
  | { type: 'rebuilding'; reason: string }
  /** `indexed` when the answer covers only the episodes indexed so far. */
  | { type: 'results'; id: number; response: SearchResponse; ms: number; indexed?: { episodes: number; of: number } }
  /** One anchor per query, in order; null when the episode has no lines here (removed by an update). */
  | { type: 'anchors'; id: number; anchors: (Anchor | null)[] }
  | { type: 'forms'; id: number; matcher: TermMatcher }
  | { type: 'imported'; id: number; added: YourEntry[]; existing: YourEntry[]; problems: Problem[] }
  | { type: 'yours-reloaded'; id: number }
  | { type: 'error'; id: number; message: string };
