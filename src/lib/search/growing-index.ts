/**
 * An index that answers while it is still being built: episodes are added as data files arrive, and a
 * search in between runs over the episodes indexed so far. Used by the worker on a first visit, so a
 * listener can type at once instead of waiting for the whole podcast to be indexed.
 */
import type { EpisodeFile } from '../packs/format';
import { CorpusBuilder, type EngineEpisode } from './corpus';
import { SearchEngine } from './engine';
import { IndexBuilder, type RankedTerms } from './index-builder';

export class GrowingIndex {
  private readonly corpus: CorpusBuilder;
  private readonly index: IndexBuilder;
  /** The engine over what was added before the last search, until more is added. */
  private current: SearchEngine | null = null;
  private added = 0;
  /** What making the last engine over the episodes so far took, in milliseconds (0 before the first). */
  snapshotMs = 0;

  /**
   * `frequentTerms`: the catalogue's ranking of terms, for the postings tiers (see IndexBuilder);
   * `textBytesAtMost`: what the texts can take, to size their buffer once (see CorpusBuilder).
   */
  constructor(
    private readonly episodes: EngineEpisode[],
    totalLines: number,
    frequentTerms?: RankedTerms,
    textBytesAtMost?: number,
  ) {
    this.corpus = new CorpusBuilder(episodes, totalLines, textBytesAtMost);
    this.index = new IndexBuilder(totalLines, frequentTerms);
  }

  /** Adds one episode's file; `catalogueIndex` is its place in `episodes`. */
  add(catalogueIndex: number, file: EpisodeFile): void {
    const { first, texts } = this.corpus.add(catalogueIndex, file);
    this.index.add(first, texts);
    this.added++;
    this.current = null;
  }

  /** How many episodes a search covers now, of how many. */
  get progress(): { episodes: number; of: number } {
    return { episodes: this.added, of: this.episodes.length };
  }

  /** An engine over the episodes added so far (null before the first line); valid until the next `add`. */
  engineSoFar(): SearchEngine | null {
    if (this.corpus.lineCount === 0) return null;
    if (!this.current) {
      const t0 = performance.now();
      this.current = new SearchEngine(this.index.snapshot(this.corpus.snapshot()));
      this.snapshotMs = performance.now() - t0;
    }
    return this.current;
  }

  /** The complete engine, once every episode is added. */
  finish(): SearchEngine {
    this.current = null;
    return new SearchEngine(this.index.finish(this.corpus.finish()));
  }
}
