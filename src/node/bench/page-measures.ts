/** What the benchmark reads from the app's page: the ready report, typing, the kept index, reading. */
import type { Browser, Page } from '@playwright/test';
import { longestTask, TASK_CATEGORIES, type LongestTasks, type TraceEvent } from './main-thread-tasks';
import { KEPT_DB_NAME, KEPT_STORE } from '../../lib/search/search-index';

export interface ReadyTimeline {
  source: string;
  documents: number;
  /** Milliseconds after navigation. */
  workerStart: number;
  /** Unrounded, to compare with other marks. */
  ready: number;
  phases: Record<string, number>;
}

/** The search worker's ready report, from the app's `search-ready` mark (milliseconds after navigation). */
export async function readyTimeline(page: Page): Promise<ReadyTimeline> {
  const handle = await page.waitForFunction(
    () => {
      const mark = performance.getEntriesByName('search-ready').at(-1) as PerformanceMark | undefined;
      if (!mark) return null;
      const info = mark.detail as { source: string; documents: number; startedAt: number; phases: Record<string, number> };
      return {
        source: info.source,
        documents: info.documents,
        workerStart: Math.round(info.startedAt - performance.timeOrigin),
        ready: mark.startTime,
        phases: info.phases,
      };
    },
    undefined,
    { timeout: 120_000 },
  );
  return (await handle.jsonValue()) as ReadyTimeline;
}

/**
 * On a page just navigated to (not yet loaded): types `q` as soon as the search field appears, and returns
 * when its first results are on screen, in milliseconds after navigation.
 */
export async function firstResult(page: Page, q: string): Promise<number> {
  return page.evaluate(async (query: string) => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
    let field = document.querySelector<HTMLInputElement>('input[type=search]');
    while (!field) {
      await frame();
      field = document.querySelector<HTMLInputElement>('input[type=search]');
    }
    field.value = query;
    field.dispatchEvent(new Event('input', { bubbles: true }));
    const answered = () => document.querySelector(`#results[data-answered="${CSS.escape(query)}"] a[data-result]`);
    while (!answered()) await frame();
    return performance.now();
  }, q);
}

/**
 * Closes the app in its tab, as a listener does before launching it again: the tab goes blank and every worker
 * the app started has ended, so tearing down the last launch (its heaps of tens of MB) is not timed as part of
 * the next one.
 */
async function closeApp(page: Page): Promise<void> {
  const ended = page.workers().map((worker) => new Promise((done) => worker.once('close', done)));
  await page.goto('about:blank');
  await Promise.all(ended);
}

/**
 * Later launches, over the kept index: the app closed, then reopened on a search for `q`, three times; each
 * one's first result on screen, in milliseconds after navigation, and where its index came from.
 */
export async function warmStarts(
  page: Page,
  url: string,
  q: string,
  log: (line: string) => void,
): Promise<{ warm: number[]; source: string }> {
  const warm: number[] = [];
  let source = '';
  for (let i = 0; i < 3; i++) {
    await closeApp(page);
    await page.goto(`${url}search?q=${encodeURIComponent(q)}`);
    await page.waitForSelector(`#results[data-answered]`, { timeout: 60_000 });
    const timeline = await readyTimeline(page);
    const shown = Math.round(await page.evaluate(() => performance.getEntriesByName('results-shown')[0]!.startTime));
    source = timeline.source;
    warm.push(shown);
    log(
      `warm start ${i + 1}: worker started ${timeline.workerStart} ms after navigation, ready ${Math.round(timeline.ready)} ms ${JSON.stringify(timeline.phases)}, first result on screen ${shown} ms`,
    );
  }
  return { warm, source };
}

/** Types each query into the real search field; milliseconds until its answer is on screen. */
export function typeQueries(page: Page, queries: string[]): Promise<number[]> {
  return page.evaluate(async (qs: string[]) => {
    const field = document.querySelector<HTMLInputElement>('input[type=search]')!;
    const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
    const out: number[] = [];
    for (const q of qs) {
      const t0 = performance.now();
      field.value = q;
      field.dispatchEvent(new Event('input', { bubbles: true }));
      while (document.querySelector('#results')?.getAttribute('data-answered') !== q) await frame();
      out.push(performance.now() - t0);
    }
    return out;
  }, queries);
}

/**
 * Until the worker has kept its index in IndexedDB (it does so after answering "ready"). Polled with
 * `evaluate`, which awaits the page's promise: `waitForFunction` takes a returned promise as a truthy value
 * and returned at once, so this never waited.
 */
export async function waitForKeptIndex(page: Page, timeoutMs = 60_000): Promise<void> {
  const keptCount = ({ name, store }: { name: string; store: string }) =>
    new Promise<number>((done) => {
      const open = indexedDB.open(name);
      // Not there yet: create nothing (an empty database left open would block the worker's upgrade).
      open.onupgradeneeded = () => open.transaction!.abort();
      open.onsuccess = () => {
        const db = open.result;
        const finish = (n: number) => {
          db.close(); // an open connection would block the worker's next upgrade
          done(n);
        };
        if (!db.objectStoreNames.contains(store)) return finish(0);
        const count = db.transaction(store).objectStore(store).count();
        count.onsuccess = () => finish(count.result);
        count.onerror = () => finish(0);
      };
      open.onerror = () => done(0);
    });
  const deadline = Date.now() + timeoutMs;
  while ((await page.evaluate(keptCount, { name: KEPT_DB_NAME, store: KEPT_STORE })) === 0) {
    if (Date.now() > deadline) throw new Error(`the search index was not kept within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Opens of the longest episode traced for its longest main-thread task (see main-thread-tasks.ts). */
const TRACED_OPENS = 3;

/**
 * Opens the longest episode and scrolls through it, recording frame intervals and long tasks; then opens it
 * again, traced, for the thread time of its longest main-thread task (untraced first: tracing slows the page).
 */
export async function readLongestEpisode(page: Page, url: string, browser: Browser) {
  const longest = await page.evaluate(async () => {
    const entries = performance.getEntriesByType('resource').map((e) => e.name);
    const catalogueUrl = entries.find((n) => /\/data\/catalogue\./.test(n))!;
    const catalogue = (await (await fetch(catalogueUrl)).json()) as { episodes: { id: string; segmentCount: number }[] };
    return catalogue.episodes.reduce((a, b) => (b.segmentCount > a.segmentCount ? b : a));
  });
  // Every main-thread task over 50 ms from navigation until the page is still after scrolling (Chromium reports them).
  await page.addInitScript(() => {
    const tasks: number[] = ((window as unknown as { __longTasks: number[] }).__longTasks = []);
    new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push(e.duration))).observe({
      type: 'longtask',
      buffered: true,
    });
  });
  const path = `/episodes/${longest.id}`;
  const episodeUrl = new URL(path.slice(1), url).href;
  await page.goto(episodeUrl);
  const scroll = await scrollThrough(page);
  const traced: LongestTasks[] = [];
  for (let i = 0; i < TRACED_OPENS; i++) {
    // As a shared link opens it: from no page (leaving one, with its thousands of nodes, is a task of its own).
    await page.goto('about:blank');
    await browser.startTracing(page, { categories: TASK_CATEGORIES });
    await page.goto(episodeUrl);
    await scrollThrough(page);
    const events = (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }).traceEvents;
    const task = longestTask(events, path);
    if (!task) throw new Error(`no navigation to ${path} in the trace`);
    traced.push(task);
  }
  return { longest, scroll, traced };
}

/** Waits for the transcript, scrolls through it a frame at a time, and waits until the page is still. */
async function scrollThrough(page: Page) {
  return page.evaluate(async () => {
    const frame = () => new Promise<number>((r) => requestAnimationFrame(r));
    while (!document.querySelector('ol.transcript [data-index]')) await frame();
    const shownAt = performance.now();
    const intervals: number[] = [];
    let last = await frame();
    const step = Math.max(200, (document.documentElement.scrollHeight - innerHeight) / 120);
    for (let i = 0; i < 120; i++) {
      window.scrollBy(0, step);
      const now = await frame();
      intervals.push(now - last);
      last = now;
    }
    intervals.sort((a, b) => a - b);
    // Until the page is still: lines are added as the reader nears them (see RenderedLines).
    while (document.querySelector<HTMLElement>('ol.transcript')?.dataset.growing !== 'false') await frame();
    const longTasks = (window as unknown as { __longTasks: number[] }).__longTasks;
    return {
      shownAt,
      p95: intervals[Math.floor(intervals.length * 0.95)]!,
      max: intervals.at(-1)!,
      longestTask: Math.max(0, ...longTasks),
    };
  });
}
