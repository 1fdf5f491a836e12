/**
 * The rule for hot loops (see takeWeights in src/lib/search/match-table.ts): a loop that runs long is a function
 * of its own, with nothing after it but its return. Written otherwise, V8 compiles the loop while it runs, leaves it
 * into code that never ran, and throws that compiled code away: on nearly every query of a fresh worker, for some
 * 150 queries. Timings cannot keep the rule on a shared machine; V8's own trace can. This counts how often each
 * function is deoptimised while a freshly restored index answers the known-item queries once.
 *
 * What it catches: the rule dropped across the search code (the code before it fails here). One loop written the
 * old way may cost only a few deoptimisations at this corpus's size (three, when the match table's `visit` was put
 * back inside `build`), under the bar: for one loop, ARCHITECTURE.md says how to look with Chromium's trace.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DONE_MARK, QUERIES_MARK } from './support/first-pass';

const CORPUS = '../shared/corpus/pythonbytes';
const QUERIES = '../shared/bench/queries-sample.jsonl';
const present = existsSync(CORPUS) && existsSync(QUERIES);
if (!present) console.warn(`SKIPPED the loop rule's test: ${CORPUS} or ${QUERIES} is not present`);

/**
 * A function deoptimised more often than this in one pass is being thrown away query after query (the code before
 * the rule: the match table's `build` 52 times). A few are V8 learning types: 5 at most in the code as it is.
 */
const MOST_DEOPTS_PER_FUNCTION = 10;

/**
 * V8 compiles on the thread that runs the code rather than beside it, so the trace is the same on every run: with
 * compiling in the background, where a loop is left compiled depends on timing, and the code before the rule showed
 * 3 to 300 deoptimisations of one function in five runs. (Compiling so is not what a browser does: at 1,000
 * episodes it deoptimises `decodeGaps` at its return on every call, which V8 as browsers run it never does.)
 */
const V8_FLAGS = ['--trace-deopt', '--no-concurrent-recompilation', '--no-concurrent-osr'];

/** How many times each function was deoptimised between the two marks of `trace` (`--trace-deopt` output). */
function deoptsPerFunction(trace: string): Map<string, number> {
  const from = trace.indexOf(QUERIES_MARK);
  const to = trace.indexOf(DONE_MARK);
  if (from < 0 || to < from) throw new Error('the first pass did not run to its end');
  const counts = new Map<string, number>();
  for (const match of trace.slice(from, to).matchAll(/\[bailout \(kind: [^)]*\): begin\. deoptimizing \S+ <JSFunction ([^ >]*)/g)) {
    const name = match[1] || '(anonymous)';
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

describe.skipIf(!present)("the search code's hot loops (the whole Python Bytes corpus)", () => {
  it('no function is deoptimised query after query in a fresh index’s first pass', () => {
    const run = spawnSync(process.execPath, [...V8_FLAGS, '--import', 'tsx', 'test/unit/support/first-pass.ts', CORPUS, QUERIES], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    expect(run.error).toBeUndefined();
    expect(run.status, run.stderr).toBe(0);
    const counts = deoptsPerFunction(run.stdout);
    const repeated = [...counts].filter(([, count]) => count > MOST_DEOPTS_PER_FUNCTION);
    expect(repeated).toEqual([]);
  }, 120_000);

  it('reads V8’s trace lines', () => {
    const line = (name: string) =>
      `[bailout (kind: deopt-eager, reason: wrong map): begin. deoptimizing 0x1 <JSFunction ${name} (sfi = 0x2)>, 0x3 <Code TURBOFAN>]`;
    const trace = [line('before'), QUERIES_MARK, line('build'), line('build'), line(''), DONE_MARK, line('after')].join('\n');
    expect([...deoptsPerFunction(trace)]).toEqual([
      ['build', 2],
      ['(anonymous)', 1],
    ]);
  });
});
