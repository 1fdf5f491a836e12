/**
 * `npm run lighthouse [-- --runs N] [--route /path?query]`: Lighthouse's mobile profile (4× slower CPU, slow 4G) on the
 * app's four kinds of page, over the bundled build served by `vite preview`, in Debian's Chromium. Prints the
 * four category scores, Total Blocking Time and CLS per route, from the median run as Lighthouse itself picks it
 * (closest to the median first paint and time to interactive), and every run's TBT beside it: on this shared
 * machine one route's TBT can differ fourfold from run to run. A figure to read, never a test assertion.
 */
import * as chromeLauncher from 'chrome-launcher';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import lighthouse, { type Result } from 'lighthouse';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';
import { preview } from 'vite';
import { chromiumLaunchOptions } from './browsers';
import { buildApp } from './build-app';

const { values } = parseArgs({
  options: {
    /** Five, as Lighthouse's guide to variability advises (the median of five runs): with three, one slow run could decide a route. */
    runs: { type: 'string', default: '5' },
    /** Only this route (e.g. `/episodes/233?t=305`), instead of all four. */
    route: { type: 'string' },
    port: { type: 'string', default: '4398' },
    /** Build over this transcripts folder instead of the bundled one. */
    transcripts: { type: 'string', default: 'transcripts' },
  },
});

const ROUTES = ['/', '/search?q=pandas', '/episodes/233?t=305', '/favourites'];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

interface RouteScore {
  route: string;
  scores: Record<(typeof CATEGORIES)[number], number>;
  tbtMs: number;
  /** Every run's Performance and TBT, in the order run: the spread the median run was picked from. */
  runs: { performance: number; tbtMs: number }[];
  cls: number;
  lcpMs: number;
  /** What moved, for a route over the CLS budget: the elements of Lighthouse's layout-shift audit. */
  shifted: string[];
  /** Accessibility and best-practice audits that failed: what to fix when a score is under 1. */
  failing: string[];
  /** The main thread's long tasks (start and duration, ms, on the simulated phone), for a route over the TBT budget. */
  longTasks: string[];
}

const TBT_BUDGET_MS = 150;

/** Lighthouse's own CLS target for this app (issue 15): over it, the shifting elements are printed. */
const CLS_BUDGET = 0.02;

interface ShiftItem {
  score?: number;
  node?: { selector?: string; snippet?: string };
}

async function main(): Promise<void> {
  const outDir = resolve('.cache/lighthouse-dist');
  console.error(`building the app over ${values.transcripts} into ${outDir}…`);
  buildApp(outDir, { TRANSCRIPTS_DIR: resolve(values.transcripts!) });
  const port = Number(values.port);
  const server = await preview({ logLevel: 'error', build: { outDir }, preview: { port, strictPort: true, host: '127.0.0.1' } });
  const { executablePath, args = [] } = chromiumLaunchOptions();
  const chrome = await chromeLauncher.launch({ chromePath: executablePath, chromeFlags: ['--headless=new', '--disable-gpu', ...args] });
  try {
    const rows: RouteScore[] = [];
    for (const route of values.route ? [values.route] : ROUTES) {
      const runs: Result[] = [];
      for (let i = 0; i < Number(values.runs); i++) {
        const result = await lighthouse(`http://127.0.0.1:${port}${route}`, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: [...CATEGORIES],
        });
        if (!result) throw new Error(`Lighthouse returned nothing for ${route}`);
        if (result.lhr.runtimeError) throw new Error(`${route}: ${result.lhr.runtimeError.message}`);
        runs.push(result.lhr);
      }
      const median = routeScore(route, computeMedianRun(runs), runs);
      rows.push(median);
      console.log(formatRow(median));
      if (median.failing.length) console.log(`    failing: ${median.failing.join(', ')}`);
      if (median.cls > CLS_BUDGET) for (const line of median.shifted) console.log(`    shifted: ${line}`);
      if (median.tbtMs > TBT_BUDGET_MS) for (const line of median.longTasks) console.log(`    long task: ${line}`);
    }
    console.log(JSON.stringify(rows));
  } finally {
    chrome.kill();
    await server.close();
  }
}

/** The figures of the median run `lhr`, with every run's Performance and TBT beside them. */
function routeScore(route: string, lhr: Result, runs: Result[]): RouteScore {
  const tbtOf = (run: Result) => run.audits['total-blocking-time']?.numericValue ?? NaN;
  return {
    route,
    scores: Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c]?.score ?? NaN])) as RouteScore['scores'],
    tbtMs: tbtOf(lhr),
    runs: runs.map((run) => ({ performance: run.categories.performance?.score ?? NaN, tbtMs: Math.round(tbtOf(run)) })),
    cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN,
    lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
    shifted: ((lhr.audits['layout-shifts']?.details as { items?: ShiftItem[] } | undefined)?.items ?? []).map(
      (item) => `${item.score?.toFixed(3)} ${item.node?.selector ?? ''} ${item.node?.snippet ?? ''}`,
    ),
    failing: Object.values(lhr.audits)
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
      .map((a) => {
        const items = (a.details as { items?: { node?: { selector?: string } }[] } | undefined)?.items ?? [];
        const nodes = items.slice(0, 3).flatMap((item) => (item.node?.selector ? [item.node.selector] : []));
        return nodes.length ? `${a.id} (${nodes.join('; ')})` : a.id;
      }),
    longTasks: (
      (lhr.audits['long-tasks']?.details as { items?: { startTime: number; duration: number; url?: string }[] } | undefined)?.items ?? []
    ).map((t) => `${Math.round(t.startTime)}+${Math.round(t.duration)} ${t.url ?? ''}`),
  };
}

function formatRow(row: RouteScore): string {
  const s = row.scores;
  const runs = row.runs.map((r) => r.performance).join(', ');
  const tbts = row.runs.map((r) => r.tbtMs).join(', ');
  return `${row.route.padEnd(22)} performance ${s.performance} (runs ${runs}), accessibility ${s.accessibility}, best practices ${s['best-practices']}, SEO ${s.seo}; TBT ${Math.round(row.tbtMs)} ms (runs ${tbts}), CLS ${row.cls.toFixed(3)}, LCP ${Math.round(row.lcpMs)} ms`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
