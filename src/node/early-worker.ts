/**
 * The search worker, started by a small script inline at the top of index.html rather than by the app's
 * script: on a first visit at 1,000 episodes the app's script arrived, ran and drew the first screen before the
 * browser let the worker's thread start (some 440 ms after navigation, the index then taking seconds more). The
 * inline script starts it while the app's script is still on its way, and says `init` as the app would; the
 * app's search client adopts it (src/app/early-search.ts), with any message it sent meanwhile.
 */
import { createHash } from 'node:crypto';
import { KEPT_DB_NAME, KEPT_DB_VERSION, KEPT_STORE } from '../lib/search/search-index';
import { EARLY_SEARCH_PROPERTY, type ToWorker } from '../worker/protocol';

/** Where the app is served from and what data it serves: the same as the app's search client says. */
export interface EarlyStart {
  workerUrl: string;
  catalogueUrl: string;
  base: string;
  /** Pages under this path start nothing: the app starts search there later (src/app/main.ts). */
  later: string;
}

/** A value as JavaScript inside a <script> element: JSON, with no `<` to end the element early. */
const js = (value: unknown) => JSON.stringify(value).replaceAll('<', '\\u003c');

/**
 * Reads the kept search index's bytes for the worker `w` and sends them ('kept'), or null. A warm start at 1,000
 * episodes reads 24 MB (~150 ms here); the worker's thread starts some 200 ms after navigation, and this script
 * runs ~35 ms after it. The worker reads the small record itself and checks the bytes (kept-index.ts, keptFor);
 * it waits on these only when its record is of this data. Only an index of this data is read; none is created
 * (that is the worker's, which upgrades the database too).
 */
function readKeptScript(catalogueUrl: string): string {
  const store = js(KEPT_STORE);
  return [
    'var sent=0;function send(v,t){if(sent)return;sent=1;',
    'try{w.postMessage({type:"kept",record:v},t||[])}catch(e){w.postMessage({type:"kept",record:null})}}',
    `try{var q=indexedDB.open(${js(KEPT_DB_NAME)},${KEPT_DB_VERSION});`,
    'q.onupgradeneeded=function(){q.transaction.abort()};',
    'q.onerror=q.onblocked=function(){send(null)};',
    'q.onsuccess=function(){var db=q.result;db.onversionchange=function(){db.close()};',
    `try{var c=db.transaction(${store}).objectStore(${store}).openCursor();`,
    'c.onerror=function(){db.close();send(null)};',
    'c.onsuccess=function(){var v=c.result&&c.result.value,d=v&&v.stored&&v.stored.data;db.close();',
    `if(!(v&&v.key===${js(catalogueUrl)}&&d instanceof Blob))return send(null);`,
    'd.arrayBuffer().then(function(b){v.stored.data=new Uint8Array(b);send(v,[b])},function(){send(null)})}',
    '}catch(e){db.close();send(null)}}}catch(e){send(null)}',
  ].join('');
}

/** The inline script. Where a worker cannot start here, it does nothing, and the app starts one as before. */
export function earlyWorkerScript({ workerUrl, catalogueUrl, base, later }: EarlyStart): string {
  const init: ToWorker = { type: 'init', id: 0, catalogueUrl, base, rebuild: false, keptFromPage: true };
  const start = [
    `var w=new Worker(${js(workerUrl)},{type:"module",name:"search"}),r=[];`,
    'w.onmessage=function(e){r.push(e.data)};',
    'w.onerror=function(){r.push(null)};',
    `w.postMessage(${js(init)});`,
    `window.${EARLY_SEARCH_PROPERTY}={worker:w,received:r,catalogueUrl:${js(catalogueUrl)},base:${js(base)}};`,
    readKeptScript(catalogueUrl),
  ].join('');
  return `(function(){try{if(location.pathname.indexOf(${js(later)})!==0){${start}}}catch(e){}})();`;
}

/** The Content-Security-Policy source that allows exactly this inline script. */
export function scriptHashSource(script: string): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
}
