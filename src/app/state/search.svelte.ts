/** Search state shared by the search screen: the worker's readiness and the latest answer. */
import type { Anchor } from '../../lib/favourites/anchor';
import type { SearchFilters } from '../../lib/search/types';
import type { AnchorQuery } from '../../worker/protocol';
import type { TermMatcher } from '../../lib/search/highlight';
import type { SearchResponse } from '../../lib/search/types';
import type { ReadyReport } from '../../worker/protocol';
import type { TranscriptFile } from '../../lib/ingest';
import { SearchClient, type ImportAnswer } from '../search-client';
import { catalogueUrl } from './catalogue.svelte';
import { BASE } from './router.svelte';

class SearchState {
  status: 'loading' | 'ready' | 'error' = $state('loading');
  error: string | null = $state(null);
  /** While indexing on a first visit: episodes searchable so far, of all. */
  progress = $state({ loaded: 0, total: 0 });
  info: ReadyReport | null = $state.raw(null);
  response: SearchResponse | null = $state.raw(null);
  /** The query the shown response answers. */
  answered = $state('');
  notice: string | null = $state(null);
  private client: SearchClient | null = null;
  /** The first client's `ready`, however late search starts (main.ts may hold it back). */
  private startedFirst: (ready: Promise<unknown>) => void = () => undefined;
  private readonly firstClient = new Promise<unknown>((resolve) => (this.startedFirst = resolve));
  /**
   * The search on screen and how many episodes its answer covered (null: the whole index). While indexing, it
   * is asked again as more episodes become searchable, and once the index is complete.
   */
  private shown: { q: string; filters: SearchFilters; covered: number | null } | null = null;

  start(): void {
    if (this.client) return;
    this.client = new SearchClient(catalogueUrl, BASE, {
      onProgress: (loaded, total) => {
        this.progress = { loaded, total };
        this.refresh();
      },
      onRestart: () => {
        this.notice = 'Search stopped unexpectedly and was restarted.';
        this.watchReady();
      },
      onRebuilding: (reason) => {
        this.notice = `${reason}: it is being built again from the episodes (nothing you saved is affected).`;
        this.watchReady();
      },
    });
    this.startedFirst(this.client.ready);
    this.watchReady();
  }

  /** Settles when search first becomes ready (or fails to start). */
  get firstReady(): Promise<unknown> {
    return this.firstClient;
  }

  private watchReady(): void {
    this.status = 'loading';
    this.client!.ready.then(
      (info) => {
        this.info = info;
        this.status = 'ready';
        // On the page's timeline for DevTools and the benchmark: when search became ready, and how.
        performance.mark('search-ready', { startTime: info.startedAt + info.ms - performance.timeOrigin, detail: info });
        this.refresh();
      },
      (error: Error) => {
        this.status = 'error';
        this.error = `Search could not start: ${error.message}`;
      },
    );
  }

  /** Find favourite moments in the current data; waits for the index. */
  anchor(moments: AnchorQuery[]): Promise<(Anchor | null)[]> {
    if (!this.client) this.start();
    return this.client!.anchor(moments);
  }

  /** Drop the kept index and build it again from the data files (favourites are never touched). */
  rebuild(): void {
    if (!this.client) return this.start();
    this.response = null;
    this.info = null;
    this.error = null;
    this.progress = { loaded: 0, total: 0 };
    // Asked again from the new index, as it grows.
    if (this.shown) this.shown = { ...this.shown, covered: 0 };
    this.client.rebuild();
    this.watchReady();
  }

  /** Every form of the query's words that search matched, for highlighting elsewhere; null when it cannot say. */
  async formsOf(q: string): Promise<TermMatcher | null> {
    if (!this.client) this.start();
    try {
      return await this.client!.forms(q);
    } catch {
      return null;
    }
  }

  async run(q: string, filters: SearchFilters): Promise<void> {
    if (!this.client) this.start();
    if (q.trim() === '') {
      this.response = null;
      this.answered = '';
      this.shown = null;
      return;
    }
    try {
      const answer = await this.client!.search({
        q,
        sort: filters.sort,
        source: filters.source,
        years: filters.years,
        numbers: filters.numbers,
        limit: 30,
      });
      if (!answer) return; // a newer keystroke superseded this one
      this.error = null;
      this.response = answer.response;
      this.answered = q;
      this.shown = { q, filters, covered: answer.indexed?.episodes ?? null };
      this.refresh(); // more may have become searchable while it was on its way
    } catch (error) {
      this.error = `Search failed: ${(error as Error).message}`;
    }
  }

  /**
   * The user's own transcripts changed: the worker reads them again (unless it made the change, `workerKnows`),
   * and the search on screen is asked again.
   */
  async yoursChanged(workerKnows = false): Promise<void> {
    if (!this.client) this.start();
    if (!workerKnows) await this.client!.yoursChanged();
    if (this.shown) void this.run(this.shown.q, this.shown.filters);
  }

  /** Parse, keep and index the user's own files, in the worker. */
  importFiles(files: TranscriptFile[]): Promise<ImportAnswer> {
    if (!this.client) this.start();
    return this.client!.importFiles(files);
  }

  /** Asks the search on screen again when its answer covered fewer episodes than are searchable now. */
  private refresh(): void {
    const shown = this.shown;
    if (shown?.covered == null) return;
    if (this.status === 'ready' || this.progress.loaded > shown.covered) void this.run(shown.q, shown.filters);
  }
}

export const search = new SearchState();
