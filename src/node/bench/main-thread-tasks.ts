/**
 * The longest task on a page's main thread, from a Chromium trace: how long it lasted (what a `longtask`
 * observer sees) and how much of that the thread really ran (the trace's thread time). On a shared two-core
 * machine the first also counts the time the thread waited for a core, which a phone running only the app
 * would not; the second does not, and under `--cpu-throttle` it includes the slowing (Chromium's throttle
 * runs on the thread), so it stands for the phone.
 */

/** The fields of a trace event this reads (Chromium's JSON trace format). */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { data?: { documentLoaderURL?: string } };
}

/** Trace categories that hold what `longestTask` reads: few, as tracing slows what it records. */
export const TASK_CATEGORIES = ['toplevel', 'blink.user_timing', 'navigation', 'devtools'];
/** A task of a thread's task loop, by category: `toplevel`, or the DevTools timeline's. */
const TASK_NAMES = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);
/**
 * Inside a task, work that is not the page's: Chromium committing the navigation (making the document and its
 * script context; 35-60 ms of thread time at a 4× slower CPU here, whatever the page), and the harness's own
 * DevTools commands (Playwright evaluating its scripts while it waits on the page).
 */
const NOT_THE_PAGES = new Set([
  'RenderFrameImpl::CommitNavigation',
  'AgentSchedulingGroup::CreateWebView',
  'DevToolsSession::DispatchProtocolCommand',
]);

export interface LongestTask {
  /** Milliseconds from its start to its end. */
  wallMs: number;
  /** Milliseconds the thread ran it. */
  cpuMs: number;
}

export interface LongestTasks {
  /** Of every task. */
  any: LongestTask;
  /** Of the tasks that run the page's own work: not the navigation's commit, nor the harness's commands. */
  pages: LongestTask;
}

/**
 * The longest task (by thread time) on the main thread of the document whose URL contains `urlPart`, from the
 * task that committed its navigation on: of all of them, and of the page's own; null when the trace holds no
 * such navigation.
 */
export function longestTask(events: readonly TraceEvent[], urlPart: string): LongestTasks | null {
  const navigation = events.find((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL?.includes(urlPart));
  if (!navigation) return null;
  const onThread = (e: TraceEvent) => e.ph === 'X' && e.pid === navigation.pid && e.tid === navigation.tid;
  const notThePages = events.filter((e) => NOT_THE_PAGES.has(e.name) && onThread(e));
  const longest: LongestTasks = { any: { wallMs: 0, cpuMs: 0 }, pages: { wallMs: 0, cpuMs: 0 } };
  for (const e of events) {
    if (!TASK_NAMES.has(e.name) || !onThread(e) || e.ts + (e.dur ?? 0) < navigation.ts) continue;
    const task = { wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? e.dur ?? 0) / 1000 };
    if (task.cpuMs > longest.any.cpuMs) longest.any = task;
    const pages = !notThePages.some((inner) => inner.ts >= e.ts && inner.ts < e.ts + (e.dur ?? 0));
    if (pages && task.cpuMs > longest.pages.cpuMs) longest.pages = task;
  }
  return longest;
}
