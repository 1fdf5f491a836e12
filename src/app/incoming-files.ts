/**
 * Files that reach the installed app from outside: shared to it (kept by the service worker, see
 * public/share-target.js) or opened with it (the File Handling API's launch queue). Both are imported like a
 * pick from "Import transcript".
 */
import { yours } from './state/yours.svelte';

/** The cache public/share-target.js keeps shared files in. */
const SHARED_CACHE = 'shared-transcripts';

interface LaunchParams {
  files: FileSystemFileHandle[];
}
declare global {
  interface Window {
    launchQueue?: { setConsumer(consumer: (params: LaunchParams) => void): void };
  }
}

export function receiveIncomingFiles(): void {
  void importShared();
  window.launchQueue?.setConsumer((params) => {
    if (params.files.length === 0) return;
    void Promise.all(params.files.map((handle) => handle.getFile())).then((files) => yours.importFiles(files));
  });
}

/** Removed once imported; kept for the next launch when storage failed, so nothing shared is lost. */
async function importShared(): Promise<void> {
  if (!('caches' in window) || !(await caches.has(SHARED_CACHE))) return;
  const cache = await caches.open(SHARED_CACHE);
  const requests = await cache.keys();
  const files: File[] = [];
  for (const request of requests) {
    const response = await cache.match(request);
    if (!response) continue;
    const name = decodeURIComponent(response.headers.get('x-file-name') ?? 'shared transcript');
    files.push(new File([await response.blob()], name));
  }
  if (files.length === 0) return;
  if (!(await yours.importFiles(files))) return;
  await Promise.all(requests.map((request) => cache.delete(request)));
}
