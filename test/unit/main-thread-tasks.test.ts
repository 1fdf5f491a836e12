import { describe, expect, it } from 'vitest';
import { longestTask, type TraceEvent } from '../../src/node/bench/main-thread-tasks';

const navigation = (url: string, ts: number, tid = 1): TraceEvent => ({
  name: 'navigationStart',
  ph: 'R',
  ts,
  pid: 10,
  tid,
  args: { data: { documentLoaderURL: url } },
});
const task = (ts: number, dur: number, tdur: number, tid = 1, name = 'ThreadControllerImpl::RunTask'): TraceEvent => ({
  name,
  ph: 'X',
  ts,
  dur,
  tdur,
  pid: 10,
  tid,
});
/** Both figures alike: no task in `events` is the browser's or the harness's. */
const both = (wallMs: number, cpuMs: number) => ({ any: { wallMs, cpuMs }, pages: { wallMs, cpuMs } });

describe('longestTask', () => {
  it('is the task the thread ran longest, not the one that waited longest for a core', () => {
    const events = [navigation('http://x/episodes/214', 1000), task(2000, 90_000, 20_000), task(3000, 40_000, 35_000)];
    expect(longestTask(events, '/episodes/214')).toEqual(both(40, 35));
  });

  it('counts only the navigated document, from the task that commits it: not the page before, nor other threads', () => {
    const events = [
      task(500, 80_000, 80_000), // the page navigated away from
      task(90_000, 9000, 9000), // commits the navigation below
      navigation('http://x/episodes/214', 95_000),
      task(100_000, 60_000, 60_000, 2), // another renderer thread
      task(110_000, 12_000, 11_000),
    ];
    expect(longestTask(events, '/episodes/214')).toEqual(both(12, 11));
    expect(longestTask(events.slice(0, 3), '/episodes/214')).toEqual(both(9, 9));
  });

  it("tells the page's own tasks from the navigation's commit and the harness's DevTools commands", () => {
    const events = [
      navigation('http://x/episodes/214', 1000),
      task(900, 60_000, 55_000), // commits the navigation: Chromium's, whatever the page
      task(1000, 50_000, 50_000, 1, 'RenderFrameImpl::CommitNavigation'),
      task(70_000, 30_000, 28_000), // the harness evaluating a script while it waits
      task(71_000, 29_000, 27_000, 1, 'DevToolsSession::DispatchProtocolCommand'),
      task(120_000, 22_000, 21_000), // the page's own
    ];
    expect(longestTask(events, '/episodes/214')).toEqual({ any: { wallMs: 60, cpuMs: 55 }, pages: { wallMs: 22, cpuMs: 21 } });
  });

  it('is null when the trace holds no navigation to that document', () => {
    expect(longestTask([navigation('http://x/search', 0), task(10, 5000, 5000)], '/episodes/214')).toBeNull();
  });
});
