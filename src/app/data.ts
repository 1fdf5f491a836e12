/** Fetching the build's data files (served from the service worker's precache once installed). */
import type { Catalogue, EpisodeFile } from '../lib/data-format';

export async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url} (HTTP ${response.status})`);
  return (await response.json()) as T;
}

export const fetchCatalogue = (url: string) => fetchJson<Catalogue>(url);

export const fetchEpisodeFile = (base: string, file: string) => fetchJson<EpisodeFile>(base + file);

/** Fetch many files with a bounded number in flight, keeping their order. */
export async function fetchAll<T>(urls: string[], concurrency: number, onEach?: (done: number) => void): Promise<T[]> {
  const results = new Array<T>(urls.length);
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < urls.length) {
      const i = next++;
      results[i] = await fetchJson<T>(urls[i]!);
      onEach?.(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, urls.length) }, lane));
  return results;
}
