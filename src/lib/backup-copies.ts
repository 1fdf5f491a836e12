/**
 * Copies of what the user saved, kept outside IndexedDB. When writes fail on a full disk, Chromium can find its
 * IndexedDB store damaged and delete it whole, with every database of the app in it (test/e2e/full-disk.spec.ts
 * does this: big imports refused on a full disk, then room again). Cache Storage is kept apart and survives it,
 * so favourites (favourites/backup.ts) and imported transcripts (yours/backup.ts) keep a copy there, read back
 * only when their database comes up empty. A copy that cannot be written leaves the last one: it never fails
 * the change IndexedDB has saved.
 */

const CACHE = 'saved-copies';

/** Where copies are kept: the browser's Cache Storage, or a stand-in in tests. */
export type CopyStorage = Pick<CacheStorage, 'open'>;

const available = (): CopyStorage | null => (typeof caches === 'undefined' ? null : caches);

/** Cache Storage keys are requests: a URL the app never serves, absolute even where there is no page (tests). */
const urlOf = (key: string) =>
  new URL(`/saved-copies/${encodeURIComponent(key)}`, typeof location === 'undefined' ? 'http://localhost' : location.href).href;

export async function putCopy(key: string, value: unknown, storage = available()): Promise<void> {
  if (!storage) return;
  try {
    const body = JSON.stringify(value);
    await (await storage.open(CACHE)).put(urlOf(key), new Response(body, { headers: { 'content-type': 'application/json' } }));
  } catch {
    // on a full disk the last copy stays
  }
}

export async function deleteCopy(key: string, storage = available()): Promise<void> {
  if (!storage) return;
  try {
    await (await storage.open(CACHE)).delete(urlOf(key));
  } catch {
    // a copy left behind is only put back if its database is ever lost
  }
}

/** The copies whose keys start with `prefix`, parsed; unreadable ones are skipped. */
export async function copiesOf(prefix: string, storage = available()): Promise<unknown[]> {
  if (!storage) return [];
  try {
    const cache = await storage.open(CACHE);
    const wanted = urlOf(prefix);
    const requests = (await cache.keys()).filter((request) => request.url.startsWith(wanted));
    const values = await Promise.all(requests.map(async (request) => (await cache.match(request))?.json().catch(() => undefined)));
    return values.filter((value) => value !== undefined);
  } catch {
    return [];
  }
}
