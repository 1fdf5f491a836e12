/** The catalogue of episodes, loaded once and shared by every screen. */
import { catalogueUrl } from 'virtual:transcript-data';
import { fetchCatalogue } from '../../lib/packs/fetch';
import { compareRecency, type Catalogue, type CatalogueEntry } from '../../lib/packs/format';

class CatalogueState {
  data: Catalogue | null = $state.raw(null);
  error: string | null = $state(null);
  /** The user's own transcripts (set by the yours state), listed apart from the podcast's episodes. */
  yours: CatalogueEntry[] = $state.raw([]);
  /** False until the user's own transcripts have been read (or failed to be). */
  yoursLoaded = $state(false);
  /** Every episode by id, the user's own included: titles and links resolve the same for both. */
  readonly byId: Map<string, CatalogueEntry> = $derived(new Map([...(this.data?.episodes ?? []), ...this.yours].map((e) => [e.id, e])));
  /** Newest first: by date, then by number. */
  readonly newestFirst: CatalogueEntry[] = $derived([...(this.data?.episodes ?? [])].sort((a, b) => compareRecency(b, a)));

  /** Settles once the catalogue has loaded or failed to. */
  loaded: Promise<void> = Promise.resolve();

  load(): Promise<void> {
    this.loaded = fetchCatalogue(catalogueUrl).then(
      (data) => void (this.data = data),
      (error: Error) => void (this.error = `The episode list could not be loaded: ${error.message}`),
    );
    return this.loaded;
  }
}

export const catalogue = new CatalogueState();
export { catalogueUrl };
