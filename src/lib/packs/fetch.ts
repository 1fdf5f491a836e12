/** Fetching the build's data files (served from the service worker's precache once installed). */
import type { Catalogue, CatalogueEntry, EpisodeFile, PackFile } from './format';

export async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url} (HTTP ${response.status})`);
  return (await response.json()) as T;
}

export const fetchCatalogue = (url: string) => fetchJson<Catalogue>(url);

const packs = new Map<string, Promise<PackFile>>();

/** One episode's transcript, from its pack (kept in memory: the next episode is often in the same pack). */
export async function fetchEpisodeFile(base: string, entry: CatalogueEntry): Promise<EpisodeFile> {
  const url = base + entry.file;
  let pack = packs.get(url);
  if (!pack) {
    pack = fetchJson<PackFile>(url);
    packs.set(url, pack);
    pack.catch(() => packs.delete(url));
  }
  const episode = (await pack).episodes.find((e) => e.id === entry.id);
  if (!episode) throw new Error(`episode ${entry.id} is missing from ${entry.file}`);
  return episode;
}
