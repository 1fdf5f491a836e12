/** The page's side of the search worker: typed calls, stale answers dropped, a dead worker restarted. */
import type { Anchor } from '../lib/favourites/anchor';
import type { TranscriptFile } from '../lib/ingest';
import type { TermMatcher } from '../lib/search/highlight';
import type { SearchRequest, SearchResponse } from '../lib/search/types';
import type { AnchorQuery, FromWorker, ReadyReport, ToWorker } from '../worker/protocol';
import { takeEarlySearch } from './early-search';

export type ImportAnswer = Extract<FromWorker, { type: 'imported' }>;

export interface SearchAnswer {
  response: SearchResponse;
  ms: number;
  /** Set when the index is still being built: the answer covers this many episodes of all. */
  indexed?: { episodes: number; of: number };
}

/** A ready worker answers in milliseconds; one silent this long has died (crashed, or killed by the OS). */
const WATCHDOG_MS = 3000;

interface Pending {
  request: SearchRequest;
  resolve: (answer: SearchAnswer | null) => void;
  reject: (error: Error) => void;
}

export class SearchClient {
  private worker!: Worker;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  /** Look-ups other than searches: never superseded by a keystroke, sent again if the worker is replaced. */
  private calls = new Map<number, { message: ToWorker; resolve: (reply: FromWorker) => void; reject: (error: Error) => void }>();
  private rebuildNext = false;
  private readyResolve!: (info: ReadyReport) => void;
  private readyReject!: (error: Error) => void;
  ready!: Promise<ReadyReport>;
  private isReady = false;

  constructor(
    private readonly catalogueUrl: string,
    private readonly base: string,
    private readonly events: {
      onProgress?: (loaded: number, total: number) => void;
      onRestart?: () => void;
      /** The worker found its index damaged and builds it again: `ready` is a new promise. */
      onRebuilding?: (reason: string) => void;
    } = {},
  ) {
    this.spawn();
  }

  /** Resolves with the answer, or null when a newer search made this one stale. */
  search(request: SearchRequest): Promise<SearchAnswer | null> {
    const id = this.nextId++;
    // Only the newest search matters: settle older ones now so nothing waits on them.
    for (const p of this.pending.values()) p.resolve(null);
    this.pending.clear();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { request, resolve, reject });
      this.worker.postMessage({ type: 'search', id, request } satisfies ToWorker);
      this.watch(id);
    });
  }

  /** Find favourite moments again in the current data (answers once the index is ready). */
  async anchor(moments: AnchorQuery[]): Promise<(Anchor | null)[]> {
    const reply = await this.call((id) => ({ type: 'anchor', id, moments }));
    return reply.type === 'anchors' ? reply.anchors : [];
  }

  /** Every form of the query's words that search matches, to mark them elsewhere. */
  async forms(q: string): Promise<TermMatcher> {
    const reply = await this.call((id) => ({ type: 'forms', id, q }));
    return reply.type === 'forms' ? reply.matcher : { terms: [], prefixes: [] };
  }

  /** Parse, keep and index the user's own files, in the worker. */
  async importFiles(files: TranscriptFile[]): Promise<ImportAnswer> {
    const reply = await this.call((id) => ({ type: 'import', id, files }));
    if (reply.type !== 'imported') throw new Error('the search worker did not answer the import');
    return reply;
  }

  /** The user's own transcripts changed in storage: the worker reads them again. */
  async yoursChanged(): Promise<void> {
    await this.call((id) => ({ type: 'yours-changed', id }));
  }

  private call(make: (id: number) => ToWorker): Promise<FromWorker> {
    const id = this.nextId++;
    const message = make(id);
    return new Promise((resolve, reject) => {
      this.calls.set(id, { message, resolve, reject });
      this.worker.postMessage(message);
    });
  }

  /** Throw away the kept index and build a new one from the data files. */
  rebuild(): void {
    this.rebuildNext = true;
    this.replaceWorker();
  }

  private watch(id: number): void {
    if (!this.isReady) return; // still loading: slow is expected
    setTimeout(() => {
      if (!this.pending.has(id) || !this.isReady) return;
      // Parsing and indexing an imported file keeps a live worker busy for seconds: wait for it.
      if ([...this.calls.values()].some((c) => c.message.type === 'import')) this.watch(id);
      else this.restart();
    }, WATCHDOG_MS);
  }

  /** Replace a dead worker; a search still waiting is sent again to the new one. */
  restart(): void {
    this.replaceWorker();
    this.events.onRestart?.();
  }

  private replaceWorker(): void {
    this.worker.terminate();
    this.spawn();
    for (const [id, p] of this.pending) this.worker.postMessage({ type: 'search', id, request: p.request } satisfies ToWorker);
    for (const call of this.calls.values()) this.worker.postMessage(call.message);
    // Arm the watchdog again once the new worker is up.
    void this.ready.then(() => {
      for (const id of this.pending.keys()) this.watch(id);
    });
  }

  private armReady(): void {
    this.isReady = false;
    this.ready = new Promise((resolve, reject) => {
      this.readyResolve = resolve;
      this.readyReject = reject;
    });
    this.ready.catch(() => undefined);
  }

  private spawn(): void {
    this.armReady();
    const rebuild = this.rebuildNext;
    this.rebuildNext = false;
    // The first worker may already be running, started by index.html (and told `init`) before this script arrived.
    const early = rebuild ? null : takeEarlySearch(this.catalogueUrl, this.base);
    this.worker = early?.worker ?? new Worker(new URL('../worker/search.worker.ts', import.meta.url), { type: 'module', name: 'search' });
    this.worker.onmessage = (event: MessageEvent<FromWorker>) => this.receive(event.data);
    this.worker.onerror = () => this.restart();
    if (!early) {
      this.worker.postMessage({ type: 'init', id: 0, catalogueUrl: this.catalogueUrl, base: this.base, rebuild } satisfies ToWorker);
      return;
    }
    // What it said before the app listened, told once whoever made this client holds it (an error restarts it,
    // which its callbacks see): a microtask, ahead of anything the worker says next.
    queueMicrotask(() => {
      for (const message of early.received) {
        if (this.worker !== early.worker) return;
        if (message === null) return this.restart();
        this.receive(message);
      }
    });
  }

  private receive(message: FromWorker): void {
    switch (message.type) {
      case 'progress':
        this.events.onProgress?.(message.loaded, message.total);
        return;
      case 'rebuilding':
        this.armReady();
        this.events.onRebuilding?.(message.reason);
        return;
      case 'ready': {
        this.isReady = true;
        const { type: _type, id: _id, ...report } = message;
        this.readyResolve(report);
        return;
      }
      case 'results':
        this.settle(message.id)?.resolve({ response: message.response, ms: message.ms, indexed: message.indexed });
        return;
      case 'anchors':
      case 'forms':
      case 'imported':
      case 'yours-reloaded': {
        const call = this.calls.get(message.id);
        this.calls.delete(message.id);
        call?.resolve(message);
        return;
      }
      case 'error': {
        const error = new Error(message.message);
        if (message.id === 0) this.readyReject(error);
        else if (this.calls.has(message.id)) {
          this.calls.get(message.id)!.reject(error);
          this.calls.delete(message.id);
        } else this.settle(message.id)?.reject(error);
        return;
      }
    }
  }

  private settle(id: number): Pending | undefined {
    const p = this.pending.get(id);
    this.pending.delete(id);
    return p;
  }
}
