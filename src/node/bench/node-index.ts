/**
 * This hour's machine speed, as a figure beside the browser's: the build's own search index made in Node from
 * its data files, the work the worker does on a first visit (parsing each pack, indexing every line) without a
 * browser around it. On this shared machine the same code's browser figures move by half or more from hour
 * to hour; two runs compare fairly only when this figure is alike.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { frequentTermsIn, textBytesAtMost, type PackFile } from '../../lib/packs/format';
import { loadPacks } from '../../lib/packs/load';
import { GrowingIndex } from '../../lib/search/growing-index';
import { builtCatalogue } from '../build-sizes';

export interface NodeIndexTimes {
  /** Milliseconds each run took, files already read from disk. */
  runsMs: number[];
  /** Lines in the finished index. */
  lines: number;
}

export async function indexInNode(outDir: string, runs = 3): Promise<NodeIndexTimes> {
  const catalogue = builtCatalogue(outDir);
  // Each pack once (it holds many episodes), read before the clock starts: the worker's reads are not timed here.
  const packNames = new Set(catalogue.episodes.map((e) => e.file));
  const texts = new Map([...packNames].map((name) => [name, readFileSync(join(outDir, name), 'utf8')]));
  const totalLines = catalogue.episodes.reduce((n, e) => n + e.segmentCount, 0);
  const runsMs: number[] = [];
  let lines = 0;
  for (let run = 0; run < runs; run++) {
    const t0 = performance.now();
    const index = new GrowingIndex(catalogue.episodes, totalLines, frequentTermsIn(catalogue), textBytesAtMost(catalogue));
    await loadPacks(catalogue, async (name) => JSON.parse(texts.get(name)!) as PackFile, {
      episode: (catalogueIndex, file) => index.add(catalogueIndex, file),
    });
    lines = index.finish().documentCount;
    runsMs.push(Math.round(performance.now() - t0));
  }
  return { runsMs, lines };
}
