/** Sizes of a production build: what the budgets in the README are checked against. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DATA_DIR } from '../lib/packs/build';
import type { Catalogue } from '../lib/packs/format';

export interface BuildSizes {
  episodes: number;
  mainJsGzipKB: number;
  workerJsGzipKB: number;
  /** Worker code loaded when first needed, not at start (the import parsers). */
  workerOnDemandJsGzipKB: number;
  precacheMB: number;
  precachePerEpisodeKB: number;
}

/** Every file of a build, as paths relative to its root. */
export function filesUnder(root: string, dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(root, path) : [relative(root, path)];
  });
}

/**
 * The paths the generated service worker precaches, read from its manifest, each once: vite-plugin-pwa lists the
 * manifest's icons a second time, and the browser downloads a URL once.
 */
export function precachedFiles(dist: string): string[] {
  const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
  return [...new Set([...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1]!))];
}

/** The catalogue a build holds (its JSON, not the compressed copies beside it). */
export function builtCatalogue(dist: string): Catalogue {
  const name = readdirSync(join(dist, DATA_DIR)).find((f) => /^catalogue\.[0-9a-f]+\.json$/.test(f));
  if (!name) throw new Error(`no catalogue in ${join(dist, DATA_DIR)}`);
  return JSON.parse(readFileSync(join(dist, DATA_DIR, name), 'utf8')) as Catalogue;
}

const gzipKB = (paths: string[]) => Number((paths.reduce((n, p) => n + gzipSync(readFileSync(p)).length, 0) / 1024).toFixed(1));

export function buildSizes(dist: string): BuildSizes {
  const files = filesUnder(dist);
  const js = files.filter((f) => f.startsWith('assets/') && f.endsWith('.js'));
  // A chunk only worker code names is the worker's, loaded when it asks (the import parsers, on a first import).
  const workerJs = js.filter((f) => /worker/.test(f));
  const others = js.filter((f) => !workerJs.includes(f));
  const text = new Map(js.map((f) => [f, readFileSync(join(dist, f), 'utf8')]));
  const namedBy = (chunk: string, files: string[]) => files.some((f) => f !== chunk && text.get(f)!.includes(basename(chunk)));
  const workerOnDemandJs = others.filter((f) => namedBy(f, workerJs) && !namedBy(f, others));
  const mainJs = others.filter((f) => !workerOnDemandJs.includes(f));
  const precacheBytes = precachedFiles(dist).reduce((n, f) => n + statSync(join(dist, f)).size, 0);
  const episodes = builtCatalogue(dist).episodes.length;
  return {
    episodes,
    mainJsGzipKB: gzipKB(mainJs.map((f) => join(dist, f))),
    workerJsGzipKB: gzipKB(workerJs.map((f) => join(dist, f))),
    workerOnDemandJsGzipKB: gzipKB(workerOnDemandJs.map((f) => join(dist, f))),
    precacheMB: Number((precacheBytes / 1048576).toFixed(2)),
    precachePerEpisodeKB: Number((precacheBytes / 1024 / Math.max(1, episodes)).toFixed(1)),
  };
}
