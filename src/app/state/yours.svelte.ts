/**
 * "Your transcripts": the list the page shows, imports (parsed and indexed in the search worker), rename and
 * delete with undo. Other tabs hear of every change and read the list again.
 */
import { describeStorageError } from '../../lib/favourites/errors';
import type { TranscriptFile } from '../../lib/ingest';
import type { Problem } from '../../lib/transcript/model';
import { MAX_IMPORT_BYTES, tooLarge } from '../../lib/yours/import';
import type { YourEntry, YourTranscript } from '../../lib/yours/model';
import { YoursStore } from '../../lib/yours/store';
import type { EpisodeFile } from '../../lib/packs/format';
import { catalogue } from './catalogue.svelte';
import { persistence } from './persistence.svelte';
import { search } from './search.svelte';

const CHANNEL = 'your-transcripts';

export interface ImportReport {
  added: YourEntry[];
  existing: YourEntry[];
  problems: Problem[];
}

class YoursState {
  entries: YourEntry[] = $state.raw([]);
  error: string | null = $state(null);
  /** Why the list could not be read (no IndexedDB, damaged storage), if it could not. */
  unreadable: string | null = $state(null);
  importing = $state(false);
  /** What the last import did, until dismissed. */
  report: ImportReport | null = $state.raw(null);
  /** The last deleted transcript, for Undo. */
  removed: YourTranscript | null = $state.raw(null);
  private channel: BroadcastChannel | null = null;

  async start(): Promise<void> {
    if (this.channel) return;
    this.channel = new BroadcastChannel(CHANNEL);
    this.channel.onmessage = () => void this.load().then(() => search.yoursChanged());
    await this.load();
  }

  /**
   * Import files (from the file picker, a share, or the system's "Open with"). Nothing stored is touched by a bad
   * one. True once the files were read and answered for (each added, already there, or reported as a problem).
   */
  async importFiles(files: File[]): Promise<boolean> {
    if (files.length === 0) return true;
    this.importing = true;
    try {
      const early: Problem[] = [];
      const readable: TranscriptFile[] = [];
      for (const file of files) {
        if (file.size > MAX_IMPORT_BYTES) early.push(tooLarge(file.name, file.size));
        else readable.push({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
      }
      const answer = readable.length ? await search.importFiles(readable) : { added: [], existing: [], problems: [] };
      this.report = { added: answer.added, existing: answer.existing, problems: [...early, ...answer.problems] };
      if (answer.added.length) {
        persistence.ask();
        await this.changed(true);
      }
      return true;
    } catch (error) {
      this.report = null;
      // The worker has already put a storage failure in words.
      this.error = `Import failed: ${(error as Error).message}`;
      return false;
    } finally {
      this.importing = false;
    }
  }

  async file(id: string): Promise<EpisodeFile> {
    const file = await this.withStore((store) => store.file(id));
    if (!file) throw new Error('it is not among your transcripts on this device (deleted, or imported in another browser?)');
    return file;
  }

  async rename(id: string, title: string): Promise<void> {
    const clean = title.trim();
    if (!clean) return;
    await this.write((store) => store.rename(id, clean));
  }

  async remove(id: string): Promise<void> {
    await this.write(async (store) => {
      const entry = this.entries.find((e) => e.id === id);
      const file = await store.file(id);
      await store.remove(id);
      this.removed = entry && file ? { entry: entry.entry, file } : null;
    });
  }

  async undoRemove(): Promise<void> {
    const removed = this.removed;
    if (!removed) return;
    this.removed = null;
    await this.write((store) => store.add([removed]));
  }

  private async write(work: (store: YoursStore) => Promise<unknown>): Promise<void> {
    try {
      await this.withStore(work);
      this.error = null;
      await this.changed();
    } catch (error) {
      this.error = describeStorageError(error, 'write', 'imported transcripts').message;
    }
  }

  /** This tab's list, its search worker (unless it made the change) and the other tabs all learn of a change. */
  private async changed(workerKnows = false): Promise<void> {
    await this.load();
    this.channel?.postMessage('changed');
    await search.yoursChanged(workerKnows);
  }

  private async load(): Promise<void> {
    try {
      this.entries = await this.withStore((store) => store.list());
      this.unreadable = null;
      catalogue.yours = this.entries.map((e) => e.entry);
    } catch (error) {
      // Said where the list is, not in a banner on every page: most people never import anything.
      this.unreadable = describeStorageError(error, 'open', 'imported transcripts').message;
    } finally {
      catalogue.yoursLoaded = true;
    }
  }

  private async withStore<T>(work: (store: YoursStore) => Promise<T>): Promise<T> {
    const store = await YoursStore.open();
    try {
      return await work(store);
    } finally {
      store.close();
    }
  }
}

export const yours = new YoursState();
