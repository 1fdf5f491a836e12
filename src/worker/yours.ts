/**
 * The user's own transcripts in the search worker: parsed here (the build's parser), kept in IndexedDB, and
 * indexed apart from the bundled episodes. Their index is never kept: it is built from the stored lines at
 * every start (a few imported transcripts take milliseconds), so a new index format needs no migration.
 */
import type { TranscriptFile } from '../lib/ingest';
import { SearchEngine } from '../lib/search/engine';
import { buildCorpus } from '../lib/search/corpus';
import { YoursStore } from '../lib/yours/store';
import type { FromWorker } from './protocol';

export class YourIndex {
  /** Null while there are none (or storage cannot be read: bundled search goes on regardless). */
  engine: SearchEngine | null = null;
  private loading: Promise<void>;

  constructor() {
    this.loading = this.load();
  }

  get loaded(): Promise<void> {
    return this.loading;
  }

  /** Read the stored transcripts again (after an import, a rename or a delete, here or in another tab). */
  reload(): Promise<void> {
    this.loading = this.loading.then(() => this.load());
    return this.loading;
  }

  async import(id: number, files: TranscriptFile[]): Promise<FromWorker> {
    // Loaded on the first import only: the parsers (HTML's among them) would double what every start downloads.
    const { parseImports } = await import('../lib/yours/import');
    const { transcripts, problems } = parseImports(files);
    if (transcripts.length === 0) return { type: 'imported', id, added: [], existing: [], problems };
    const store = await YoursStore.open();
    try {
      const { added, existing } = await store.add(transcripts);
      await this.reload();
      return { type: 'imported', id, added, existing, problems };
    } finally {
      store.close();
    }
  }

  private async load(): Promise<void> {
    let store: YoursStore | null = null;
    try {
      store = await YoursStore.open();
      const all = await store.all();
      this.engine = all.length
        ? SearchEngine.build(
            buildCorpus(
              all.map(({ entry, file }) => ({
                episode: { id: entry.id, number: entry.number, title: entry.title, date: entry.date },
                file,
              })),
            ),
          )
        : null;
    } catch {
      // Unreadable storage leaves the last index as it was; the page reports storage problems itself.
    } finally {
      store?.close();
    }
  }
}
