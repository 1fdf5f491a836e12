/** Fetching the build's data files (served from the service worker's precache once installed). */
import { episodeFromPack, type Catalogue, type CatalogueEntry, type EpisodeFile } from './format';

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url} (HTTP ${response.status})`);
  return response;
}

export async function fetchJson<T>(url: string): Promise<T> {
  return (await (await fetchOk(url)).json()) as T;
}

export const fetchCatalogue = (url: string) => fetchJson<Catalogue>(url);

/** Packs as bytes (kept in memory: the next episode is often in the same pack). */
const packs = new Map<string, Promise<Uint8Array>>();

async function fetchBytes(url: string): Promise<Uint8Array> {
  return new Uint8Array(await (await fetchOk(url)).arrayBuffer());
}

/** One episode's transcript, from its pack. */
export async function fetchEpisodeFile(base: string, entry: CatalogueEntry): Promise<EpisodeFile> {
  const url = base + entry.file;
  let pack = packs.get(url);
  if (!pack) {
    pack = fetchBytes(url);
    packs.set(url, pack);
    pack.catch(() => packs.delete(url));
  }
  return episodeFromPack(await pack, entry);
}
