/**
 * `npm run ingest -- --in DIR --out DIR [--json]`: the build's ingest on its own.
 * Problems go to stderr; with --json the last stdout line is {"episodes","segments","problems"}.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { errorReport, formatProblem, ingestFolder } from './transcripts-folder';

const { values } = parseArgs({
  options: {
    in: { type: 'string', default: 'transcripts' },
    out: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

const started = performance.now();
const { result, built, problems } = ingestFolder(resolve(values.in!));
for (const p of problems) console.error(formatProblem(p));
if (values.out) {
  for (const file of built.files) {
    const path = join(resolve(values.out), file.fileName);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.source);
  }
}
const summary = {
  episodes: result.episodes.length,
  segments: result.episodes.reduce((n, e) => n + e.segmentCount, 0),
  problems: problems.length,
};
const seconds = ((performance.now() - started) / 1000).toFixed(2);
const report = errorReport(problems);
if (report) console.error(report);
if (values.json) console.log(JSON.stringify(summary));
else console.log(`${summary.episodes} episodes, ${summary.segments} segments, ${summary.problems} problems in ${seconds} s`);
process.exitCode = report ? 1 : 0;
