/**
 * The search worker, started by a small script inline at the top of index.html rather than by the app's
 * script: on a first visit at 1,000 episodes the app's script arrived, ran and drew the first screen before the
 * browser let the worker's thread start (some 440 ms after navigation, the index then taking seconds more). The
 * inline script starts it while the app's script is still on its way, and says `init` as the app would; the
 * app's search client adopts it (src/app/early-search.ts), with any message it sent meanwhile.
 */
import { createHash } from 'node:crypto';
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

/** The inline script. Where a worker cannot start here, it does nothing, and the app starts one as before. */
export function earlyWorkerScript({ workerUrl, catalogueUrl, base, later }: EarlyStart): string {
  const init: ToWorker = { type: 'init', id: 0, catalogueUrl, base, rebuild: false };
  const start = [
    `var w=new Worker(${js(workerUrl)},{type:"module",name:"search"}),r=[];`,
    'w.onmessage=function(e){r.push(e.data)};',
    'w.onerror=function(){r.push(null)};',
    `w.postMessage(${js(init)});`,
    `window.${EARLY_SEARCH_PROPERTY}={worker:w,received:r,catalogueUrl:${js(catalogueUrl)},base:${js(base)}};`,
  ].join('');
  return `(function(){try{if(location.pathname.indexOf(${js(later)})!==0){${start}}}catch(e){}})();`;
}

/** The Content-Security-Policy source that allows exactly this inline script. */
export function scriptHashSource(script: string): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
}
