/** Favourites as the screens see them; all storage goes through FavouritesStore. */
import type { CatalogueEntry } from '../../lib/data-format';
import { favouriteId, MAX_NOTE_LENGTH, type Favourite } from '../../lib/favourites/model';
import { describeStorageError, FavouritesStore } from '../../lib/favourites/store';
import { exportJson, exportMarkdown, parseImport } from '../../lib/favourites/transfer';
import { episodeHref } from '../../lib/routes';
import { catalogue } from './catalogue.svelte';
import { BASE } from './router.svelte';

const CHANNEL = 'favourites-changed';

class FavouritesState {
  items: Favourite[] = $state.raw([]);
  readonly ids: Set<string> = $derived(new Set(this.items.map((i) => i.id)));
  status: 'loading' | 'ready' | 'unavailable' = $state('loading');
  error: string | null = $state(null);
  damaged = $state(0);
  persisted: boolean | null = $state(null);
  /** The last removed item, for Undo. */
  removed: Favourite | null = $state.raw(null);
  needsReload = $state(false);
  private store: FavouritesStore | null = null;
  private channel: BroadcastChannel | null = null;

  async start(): Promise<void> {
    if (this.store || this.status === 'unavailable') return;
    try {
      this.store = await FavouritesStore.open({ onVersionChange: () => (this.needsReload = true) });
      this.channel = new BroadcastChannel(CHANNEL);
      this.channel.onmessage = () => void this.refresh();
      await this.refresh();
      this.status = 'ready';
      this.persisted = (await navigator.storage?.persisted?.()) ?? null;
    } catch (error) {
      this.status = 'unavailable';
      this.error = describeStorageError(error).message;
    }
  }

  private async refresh(): Promise<void> {
    if (!this.store) return;
    const { items, damaged } = await this.store.list();
    this.items = items;
    this.damaged = damaged;
  }

  /** Run a write, report a failure in words, and tell the other tabs. */
  private async change(work: (store: FavouritesStore) => Promise<void>): Promise<boolean> {
    if (!this.store) {
      this.error ??= 'Favourites are not available in this browser.';
      return false;
    }
    try {
      await work(this.store);
      this.error = null;
      await this.refresh();
      this.channel?.postMessage('changed');
      return true;
    } catch (error) {
      this.error = describeStorageError(error).message;
      return false;
    }
  }

  has(episodeId: string, t: number | null): boolean {
    return this.ids.has(favouriteId(episodeId, t));
  }

  async toggle(episode: CatalogueEntry, moment?: { t: number; text: string }): Promise<void> {
    const t = moment ? moment.t : null;
    const id = favouriteId(episode.id, t);
    if (this.ids.has(id)) {
      await this.remove(id);
      return;
    }
    const now = Date.now();
    const item: Favourite = {
      id,
      kind: moment ? 'moment' : 'episode',
      episodeId: episode.id,
      episodeTitle: episode.title,
      t: t === null ? null : Math.floor(t),
      quote: moment?.text ?? '',
      note: '',
      createdAt: now,
      updatedAt: now,
    };
    const saved = await this.change((s) => s.put(item));
    if (saved) await this.askToPersist();
  }

  async remove(id: string): Promise<void> {
    const item = this.items.find((i) => i.id === id) ?? null;
    if (await this.change((s) => s.remove(id))) this.removed = item;
  }

  async undoRemove(): Promise<void> {
    const item = this.removed;
    if (item && (await this.change((s) => s.put(item)))) this.removed = null;
  }

  async setNote(id: string, note: string): Promise<void> {
    await this.change((s) => s.setNote(id, note.slice(0, MAX_NOTE_LENGTH)));
  }

  async resetDamaged(): Promise<void> {
    await this.change((s) => s.clear());
  }

  exportJson(): string {
    return exportJson(this.items);
  }

  exportMarkdown(): string {
    return exportMarkdown(
      this.items,
      (item) => new URL(episodeHref(BASE, item.episodeId, item.t ?? undefined), window.location.origin).href,
    );
  }

  /** Import a file: validated whole first; nothing stored changes unless all of it is good. */
  async importFile(file: File): Promise<string> {
    const known = new Set(catalogue.data?.episodes.map((e) => e.id) ?? []);
    const text = file.size > 5 * 1024 * 1024 ? '' : await file.text();
    const parsed = parseImport(text, file.size, known);
    if (!parsed.ok) {
      this.error = `Import failed: ${parsed.message} Your saved favourites were not changed.`;
      return this.error;
    }
    let summary = '';
    const ok = await this.change(async (s) => {
      const { added, updated } = await s.merge(parsed.items);
      summary = `Imported ${parsed.items.length} item(s): ${added} new, ${updated} updated.`;
    });
    return ok ? summary : (this.error ?? 'Import failed.');
  }

  private async askToPersist(): Promise<void> {
    if (this.persisted || !navigator.storage?.persist) return;
    this.persisted = await navigator.storage.persist();
  }
}

export const favourites = new FavouritesState();
