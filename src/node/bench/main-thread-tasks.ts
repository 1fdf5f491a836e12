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
export const TASK_CATEGORIES = ['toplevel', 'blink.user_timing'];
/** A task of a thread's task loop, by category: `toplevel`, or the DevTools timeline's. */
const TASK_NAMES = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);

export interface LongestTask {
  /** Milliseconds from its start to its end. */
  wallMs: number;
  /** Milliseconds the thread ran it. */
  cpuMs: number;
}

/**
 * The longest task (by thread time) on the main thread of the document whose URL contains `urlPart`, from the
 * task that committed its navigation on; null when the trace holds no such navigation.
 */
export function longestTask(events: readonly TraceEvent[], urlPart: string): LongestTask | null {
  const navigation = events.find((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL?.includes(urlPart));
  if (!navigation) return null;
  let longest: LongestTask = { wallMs: 0, cpuMs: 0 };
  for (const e of events) {
    if (
      !TASK_NAMES.has(e.name) ||
      e.ph !== 'X' ||
      e.pid !== navigation.pid ||
      e.tid !== navigation.tid ||
      e.ts + (e.dur ?? 0) < navigation.ts
    )
      continue;
    const cpuMs = (e.tdur ?? e.dur ?? 0) / 1000;
    if (cpuMs > longest.cpuMs) longest = { wallMs: (e.dur ?? 0) / 1000, cpuMs };
  }
  return longest;
}
