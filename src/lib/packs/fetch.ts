/** Fetching the build's data files (served from the service worker's precache once installed). */
import { episodeFromPack, type Catalogue, type CatalogueEntry, type EpisodeFile, type PackFile } from './format';

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url} (HTTP ${response.status})`);
  return response;
}

export async function fetchJson<T>(url: string): Promise<T> {
  return (await (await fetchOk(url)).json()) as T;
}

export const fetchCatalogue = (url: string) => fetchJson<Catalogue>(url);

/**
 * A data file fetched now and parsed when its turn comes. Every pack is requested at once and most arrive
 * together: parsing each as it arrived (Response.json) queued the parsing of all of them on the indexing
 * thread, ahead of indexing the first, which a first visit's first result waits for.
 */
export async function fetchPackLater(url: string): Promise<() => Promise<PackFile>> {
  const blob = await (await fetchOk(url)).blob();
  return async () => JSON.parse(await blob.text()) as PackFile;
}

/**
 * Packs as Blobs, kept (the next episode is often in the same pack). A pack the service worker serves from
 * its cache stays in the browser's blob store: only the episode's own bytes are copied into the page, where
 * reading all 1 MB of a pack took 13 ms of the main thread (50 ms on a phone).
 */
const packs = new Map<string, Promise<Blob>>();

/** One episode's transcript, from its pack. */
export async function fetchEpisodeFile(base: string, entry: CatalogueEntry): Promise<EpisodeFile> {
  const url = base + entry.file;
  let pack = packs.get(url);
  if (!pack) {
    pack = fetchOk(url).then((response) => response.blob());
    packs.set(url, pack);
    pack.catch(() => packs.delete(url));
  }
  const blob = await pack;
  return episodeFromPack((range) => (range ? blob.slice(range[0], range[1]) : blob).text(), entry);
}
