/** Typed messages between the page and the search worker. Every request carries an id; answers echo it. */
import type { SearchRequest, SearchResponse } from '../lib/search/types';

export type ToWorker =
  { type: 'init'; id: number; catalogueUrl: string; base: string } | { type: 'search'; id: number; request: SearchRequest };

export type IndexSource = 'built' | 'kept';

export type FromWorker =
  | { type: 'progress'; loaded: number; total: number }
  | { type: 'ready'; id: number; documents: number; source: IndexSource; ms: number; startedAt: number; phases: Record<string, number> }
  | { type: 'results'; id: number; response: SearchResponse; ms: number }
  | { type: 'error'; id: number; message: string };
