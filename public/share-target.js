// @ts-check
/// <reference lib="webworker" />
/**
 * Files shared to the installed app (Web Share Target, `share_target` in the manifest) arrive as a POST the
 * service worker answers: they are kept in a cache of their own and the page imports them (parsing them in its
 * search worker, as the file picker does), then removes them. Loaded by the generated service worker
 * (`workbox.importScripts`), before Workbox's own routes, which never handle a POST.
 */
const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));
const SHARED_CACHE = 'shared-transcripts';

sw.addEventListener('fetch', (event) => {
  const action = new URL('share-target', sw.registration.scope);
  const url = new URL(event.request.url);
  if (event.request.method !== 'POST' || url.pathname !== action.pathname) return;
  event.respondWith(keepShared(event.request));
});

/** @param {Request} request */
async function keepShared(request) {
  const landing = new URL('episodes', sw.registration.scope);
  try {
    const form = await request.formData();
    const files = form.getAll('transcripts').filter((value) => value instanceof File);
    const cache = await caches.open(SHARED_CACHE);
    const stamp = Date.now();
    for (const [i, file] of files.entries()) {
      const key = new URL(`shared-transcripts/${stamp}-${i}`, sw.registration.scope).href;
      await cache.put(key, new Response(file, { headers: { 'x-file-name': encodeURIComponent(file.name) } }));
    }
    landing.searchParams.set('shared', String(files.length));
  } catch {
    landing.searchParams.set('shared', 'failed');
  }
  return Response.redirect(landing.href, 303);
}
