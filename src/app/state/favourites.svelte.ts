/** Favourites as the screens see them; all storage goes through FavouritesStore. */
import type { CatalogueEntry } from '../../lib/packs/format';
import type { MomentRef } from '../../lib/deeplink';
import type { Anchor } from '../../lib/favourites/anchor';
import { favouriteId, MAX_NOTE_LENGTH, newFavourite, type Favourite } from '../../lib/favourites/model';
import { persistence } from './persistence.svelte';
import { describeStorageError, FavouritesStore, NoteConflict, type ListResult } from '../../lib/favourites/store';
import { restoredMessage, restoreIfEmpty, writeBackup } from '../../lib/favourites/backup';
import {
  exportDamagedRows,
  exportJson,
  exportMarkdown,
  exportChapters,
  importSummary,
  MAX_IMPORT_BYTES,
  parseImport,
  type KnownEpisode,
} from '../../lib/favourites/transfer';
import { episodeHref } from '../../lib/routes';
import { catalogue } from './catalogue.svelte';
import { BASE } from './router.svelte';
import { dropDraft } from './note-draft';
import { locateMoments, whereaboutsOf, withEpisodeQuotes, type Whereabouts } from './favourite-anchors';

const CHANNEL = 'favourites-changed';

export type NoteSave = { outcome: 'saved' } | { outcome: 'conflict'; stored: Favourite } | { outcome: 'failed'; message: string };

class FavouritesState {
  items: Favourite[] = $state.raw([]);
  status: 'loading' | 'ready' | 'unavailable' = $state('loading');
  error: string | null = $state(null);
  /** Rows that are not favourites (damaged storage): shown as a count, exportable, movable aside. */
  damaged: ListResult['damaged'] = $state.raw([]);
  /** Rows a newer version of the app wrote: kept untouched. */
  newer = $state(0);
  /** An older tab holds the database open, so this version's upgrade waits. */
  blocked = $state(false);
  /** The last removed item, for Undo. */
  removed: Favourite | null = $state.raw(null);
  needsReload = $state(false);
  /** Anchors of moment favourites in the current data, by favourite id (from the search worker). */
  private anchors: Map<string, Anchor | null> = $state.raw(new Map());
  private store: FavouritesStore | null = null;
  private channel: BroadcastChannel | null = null;

  /** The favourite shown at each place: its anchored line, else its stored one. */
  private readonly byPlace: Map<string, Favourite> = $derived.by(() => {
    const placed = this.items.flatMap((item): [string, Favourite][] => {
      const where = this.whereabouts(item);
      if (where.status === 'episode-gone' || where.status === 'missing') return [];
      return [[favouriteId(item.episodeId, where.ref?.t ?? null, where.ref?.n), item]];
    });
    return new Map(placed);
  });

  async start(): Promise<void> {
    if (this.store || this.status === 'unavailable') return;
    try {
      this.store = await this.open();
      this.blocked = false;
      this.channel ??= new BroadcastChannel(CHANNEL);
      this.channel.onmessage = () => void this.refresh();
      await this.refresh();
      this.status = 'ready';
      await persistence.check();
    } catch (error) {
      this.blocked = false;
      this.status = 'unavailable';
      this.error = describeStorageError(error).message;
    }
  }

  /** Open the store, putting the backup's favourites back if the browser deleted them (lib/favourites/backup.ts). */
  private async open(): Promise<FavouritesStore> {
    const store = await FavouritesStore.open({
      onVersionChange: () => (this.needsReload = true),
      onBlocked: () => (this.blocked = true),
      onTerminated: () => (this.store = null),
    });
    this.error = restoredMessage(await restoreIfEmpty(store)) ?? this.error;
    return store;
  }

  /** The open store, opened again if the browser closed it (after a full disk); null when there is none. */
  private async usable(): Promise<FavouritesStore | null> {
    if (this.store || this.status !== 'ready') return this.store;
    try {
      this.store = await this.open();
    } catch {
      // still failing: the caller reports it
    }
    return this.store;
  }

  private async refresh(): Promise<void> {
    if (!this.store) return;
    const { items, damaged, newer } = await this.store.list();
    this.items = items;
    this.damaged = damaged;
    this.newer = newer;
    if (items.length > 0) void writeBackup(items); // an empty list may be a deleted store: see remove
    void this.locate(items);
  }

  /** Ask the search worker where each moment is now: an update may have moved or reworded it. */
  private async locate(items: Favourite[]): Promise<void> {
    const anchors = await locateMoments(items);
    if (anchors && this.items === items) this.anchors = anchors; // else changed meanwhile: a newer call is on its way
  }

  whereabouts(item: Favourite): Whereabouts {
    return whereaboutsOf(item, this.anchors);
  }

  /** The favourite kept for this line (or whole episode, when `moment` is absent), if any. */
  at(episodeId: string, moment?: MomentRef | null): Favourite | undefined {
    return this.byPlace.get(favouriteId(episodeId, moment?.t ?? null, moment?.n));
  }

  linkOf(item: Favourite): string {
    const where = this.whereabouts(item);
    return episodeHref(BASE, item.episodeId, where.status === 'episode-gone' ? undefined : (where.ref ?? undefined));
  }

  /** Run a write, report a failure in words, and tell the other tabs. */
  private async change(work: (store: FavouritesStore) => Promise<void>): Promise<boolean> {
    const store = await this.usable();
    if (!store) {
      this.error ??= 'Favourites are not available in this browser.';
      return false;
    }
    // A copy that could not be put back when the store opened (a disk still full) goes back before the first change.
    const restored = this.items.length === 0 ? restoredMessage(await restoreIfEmpty(store)) : null;
    try {
      await work(store);
      this.error = restored;
      await this.refresh();
      this.channel?.postMessage('changed');
      return true;
    } catch (error) {
      this.error = describeStorageError(error).message;
      return false;
    }
  }

  async toggle(episode: CatalogueEntry, moment?: MomentRef & { text: string }): Promise<void> {
    const existing = this.at(episode.id, moment);
    if (existing) {
      await this.remove(existing.id);
      return;
    }
    const item = newFavourite(episode, moment, Date.now());
    // A favourite whose line an update reworded keeps this id: adopt this line, never overwrite its note.
    const stranded = this.items.find((i) => i.id === item.id);
    if (stranded) Object.assign(item, { note: stranded.note, createdAt: stranded.createdAt });
    const saved = await this.change((s) => s.put(item));
    if (saved) persistence.ask();
  }

  async remove(id: string): Promise<void> {
    const item = this.items.find((i) => i.id === id) ?? null;
    if (!(await this.change((s) => s.remove(id)))) return;
    this.removed = item;
    if (this.items.length === 0) await writeBackup([]); // the user removed the last: nothing to put back
  }

  /** Put the last removed item back, unless something newer has taken its place since. */
  async undoRemove(): Promise<string | null> {
    const item = this.removed;
    if (!item) return null;
    let restored = false;
    if (!(await this.change(async (s) => void (restored = await s.restore(item))))) return null;
    this.removed = null;
    return restored ? null : 'Not restored: this favourite was saved again since, and the newer one is kept.';
  }

  /** Save a note written over the version stored at `base`; a change from another tab meanwhile is a conflict. */
  async saveNote(id: string, note: string, base: number): Promise<NoteSave> {
    const store = await this.usable();
    if (!store) return { outcome: 'failed', message: this.error ?? 'Favourites are not available in this browser.' };
    try {
      await store.setNote(id, note.slice(0, MAX_NOTE_LENGTH), base);
    } catch (error) {
      if (error instanceof NoteConflict) return { outcome: 'conflict', stored: error.stored };
      return { outcome: 'failed', message: describeStorageError(error).message };
    }
    dropDraft();
    await this.refresh();
    this.channel?.postMessage('changed');
    return { outcome: 'saved' };
  }

  /** Move damaged rows out of the way; they stay in storage, exportable, and nothing good is touched. */
  async setDamagedAside(): Promise<void> {
    const keys = this.damaged.map((d) => d.key);
    await this.change((s) => s.quarantine(keys));
  }

  /** The damaged rows as text a person or a later version can read (whatever they hold). */
  exportDamaged(): string {
    return exportDamagedRows(this.damaged);
  }

  exportJson(): string {
    return exportJson(this.items);
  }

  exportMarkdown(): string {
    return exportMarkdown(this.items, (item) => this.absoluteLinkOf(item));
  }

  /** One episode's favourite moments (or all, each titled with its episode) as Podcasting 2.0 chapters. */
  exportChapters(episodeId?: string): string {
    const items = episodeId === undefined ? this.items : this.items.filter((i) => i.episodeId === episodeId);
    return exportChapters(items, (item) => this.absoluteLinkOf(item));
  }

  private absoluteLinkOf(item: Favourite): string {
    return new URL(this.linkOf(item), window.location.origin).href;
  }

  /** Import a file: validated whole first; nothing stored changes unless all of it is good. */
  async importFile(file: File): Promise<string> {
    const episodes = new Map<string, KnownEpisode>(
      (catalogue.data?.episodes ?? []).map((e) => [e.id, { title: e.title, duration: e.duration }]),
    );
    const text = file.size > MAX_IMPORT_BYTES ? '' : await file.text();
    const parsed = parseImport(text, file.size, episodes);
    if (!parsed.ok) {
      this.error = `Import failed: ${parsed.message} Your saved favourites were not changed.`;
      return '';
    }
    const items = await withEpisodeQuotes(parsed.items);
    let summary = '';
    const ok = await this.change(async (s) => {
      summary = importSummary(items.length, await s.merge(items), parsed.removedEpisodes);
    });
    if (ok) persistence.ask();
    return ok ? summary : '';
  }
}

export const favourites = new FavouritesState();
