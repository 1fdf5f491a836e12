/**
 * Run by loop-deopts.test.ts in a Node started with `--trace-deopt`: indexes a transcripts folder as the search
 * worker does (packs, then the index kept and restored, as on a warm start), then asks the known-item queries
 * once, as the benchmark's first pass does. Prints QUERIES_MARK before the first query and DONE_MARK after the
 * last, so V8's deoptimisations during the queries can be told from those while indexing.
 *
 * Arguments: the transcripts folder, and a JSON-lines file of queries (`{"q": …}` per line).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { buildData } from '../../../src/lib/packs/build';
import { DEFAULT_PODCAST, frequentTermsIn, textBytesAtMost, type PackFile } from '../../../src/lib/packs/format';
import { loadPacks } from '../../../src/lib/packs/load';
import { SearchEngine } from '../../../src/lib/search/engine';
import { GrowingIndex } from '../../../src/lib/search/growing-index';
import { LineCoder } from '../../../src/lib/search/line-coder';
import { ingestFolder } from '../../../src/node/transcripts-folder';

export const QUERIES_MARK = '=== first pass starts';
export const DONE_MARK = '=== first pass done';

async function main(folder: string, queriesFile: string): Promise<void> {
  const { catalogue, files } = buildData(ingestFolder(folder).result, DEFAULT_PODCAST);
  const sources = new Map(files.map((file) => [file.fileName, file.source]));
  const lines = catalogue.episodes.reduce((n, e) => n + e.segmentCount, 0);
  const index = new GrowingIndex(catalogue.episodes, lines, frequentTermsIn(catalogue), textBytesAtMost(catalogue));
  await loadPacks(catalogue, async (name) => JSON.parse(sources.get(name)!) as PackFile, {
    episode: (catalogueIndex, file) => index.add(catalogueIndex, file),
  });
  const built = index.finish();
  const coder = built.lines.text.kind === 'utf8' ? new LineCoder(built.lines.text) : null;
  while (coder && !coder.step(1000));
  const engine = await SearchEngine.restore(await built.keep(coder?.result));
  if (!engine) throw new Error('the kept index did not restore');
  const queries = readFileSync(queriesFile, 'utf8')
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { q: string }).q);
  console.log(QUERIES_MARK);
  for (const q of queries) engine.search({ q, top: 10 });
  console.log(DONE_MARK);
}

// Run as a script only: the test imports this file for its marks.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [folder, queriesFile] = process.argv.slice(2);
  if (!folder || !queriesFile) throw new Error('usage: first-pass.ts <transcripts folder> <queries.jsonl>');
  await main(folder, queriesFile);
}
