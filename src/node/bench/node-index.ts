/**
 * This hour's machine speed, as a figure beside the browser's: the build's own search index made in Node from
 * its data files, the work the worker does on a first visit (parsing each pack, indexing every line) without a
 * browser around it. On this shared machine the same code's browser figures move by half or more from hour
 * to hour; two runs compare fairly only when this figure is alike.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from '../../lib/packs/build';
import { frequentTermsIn, textBytesAtMost, type Catalogue, type PackFile } from '../../lib/packs/format';
import { loadPacks } from '../../lib/packs/load';
import { GrowingIndex } from '../../lib/search/growing-index';

export interface NodeIndexTimes {
  /** Milliseconds each run took, files already read from disk. */
  runsMs: number[];
  /** Lines in the finished index. */
  lines: number;
}

export async function indexInNode(outDir: string, runs = 3): Promise<NodeIndexTimes> {
  const catalogueName = readdirSync(join(outDir, DATA_DIR)).find((f) => /^catalogue\.[0-9a-f]+\.json$/.test(f));
  if (!catalogueName) throw new Error(`no catalogue in ${join(outDir, DATA_DIR)}`);
  const catalogue = JSON.parse(readFileSync(join(outDir, DATA_DIR, catalogueName), 'utf8')) as Catalogue;
  const texts = new Map(catalogue.episodes.map((e) => [e.file, readFileSync(join(outDir, e.file), 'utf8')]));
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
