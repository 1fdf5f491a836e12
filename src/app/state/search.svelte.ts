/** Search state shared by the search screen: the worker's readiness and the latest answer. */
import type { Anchor } from '../../lib/favourites/anchor';
import type { SearchFilters } from '../../lib/search/types';
import type { AnchorQuery } from '../../worker/protocol';
import type { TermMatcher } from '../../lib/search/highlight';
import type { SearchResponse } from '../../lib/search/types';
import type { ReadyReport } from '../../worker/protocol';
import { SearchClient } from '../search-client';
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
  /**
   * The last search asked, so the same one is not asked again while on its way or once answered over the
   * whole index (the screen re-runs its search whenever more episodes become searchable).
   */
  private asked: { key: string; answer: 'pending' | 'partial' | 'complete' } | null = null;

  start(): void {
    if (this.client) return;
    this.client = new SearchClient(catalogueUrl, BASE, {
      onProgress: (loaded, total) => (this.progress = { loaded, total }),
      onRestart: () => {
        this.notice = 'Search stopped unexpectedly and was restarted.';
        this.watchReady();
      },
    });
    this.watchReady();
  }

  /** Settles when search first becomes ready (or fails to start). */
  get firstReady(): Promise<unknown> {
    return this.client?.ready ?? Promise.resolve();
  }

  private watchReady(): void {
    this.status = 'loading';
    this.client!.ready.then(
      (info) => {
        this.info = info;
        this.status = 'ready';
        // On the page's timeline for DevTools and the benchmark: when search became ready, and how.
        performance.mark('search-ready', { startTime: info.startedAt + info.ms - performance.timeOrigin, detail: info });
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
    this.asked = null;
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
      this.asked = null; // typing the last query again must show it again
      return;
    }
    const request = { q, sort: filters.sort, years: filters.years, numbers: filters.numbers, limit: 30 };
    const key = JSON.stringify(request);
    if (this.asked?.key === key && this.asked.answer !== 'partial') return;
    const asked = (this.asked = { key, answer: 'pending' as 'pending' | 'partial' | 'complete' });
    try {
      const answer = await this.client!.search(request);
      if (!answer) return; // a newer keystroke superseded this one
      this.error = null;
      this.response = answer.response;
      this.answered = q;
      asked.answer = answer.indexed ? 'partial' : 'complete';
      // More became searchable while this one was on its way: ask again.
      if (answer.indexed && (this.status === 'ready' || this.progress.loaded > answer.indexed.episodes)) void this.run(q, filters);
    } catch (error) {
      if (this.asked === asked) this.asked = null;
      this.error = `Search failed: ${(error as Error).message}`;
    }
  }
}

export const search = new SearchState();
