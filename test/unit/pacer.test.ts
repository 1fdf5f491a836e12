/** Pacer: the worker's "more is searchable" messages while indexing, at most one per interval, the last never lost. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Pacer } from '../../src/lib/timing';

describe('Pacer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const paced = (interval: () => number) => {
    const fired: number[] = [];
    const pacer = new Pacer(
      () => fired.push(Date.now()),
      interval,
      () => Date.now(),
    );
    return { pacer, fired };
  };

  it('answers the first request at once and the requests within an interval with one call at its end', () => {
    const start = Date.now();
    const { pacer, fired } = paced(() => 250);
    pacer.request();
    expect(fired).toEqual([start]);
    vi.advanceTimersByTime(50);
    pacer.request();
    vi.advanceTimersByTime(50);
    pacer.request();
    expect(fired).toHaveLength(1);
    vi.advanceTimersByTime(150);
    expect(fired).toEqual([start, start + 250]);
    vi.advanceTimersByTime(1000);
    expect(fired).toHaveLength(2); // nothing asked since
    pacer.request();
    expect(fired).toHaveLength(3); // a full interval has passed: at once
  });

  it('reads the interval when asked, so a dearer consequence spaces the calls further', () => {
    let interval = 100;
    const { pacer, fired } = paced(() => interval);
    pacer.request();
    interval = 400;
    vi.advanceTimersByTime(150);
    pacer.request();
    vi.advanceTimersByTime(200);
    expect(fired).toHaveLength(1);
    vi.advanceTimersByTime(50);
    expect(fired).toHaveLength(2);
  });

  it('drops a waiting request when cancelled', () => {
    const { pacer, fired } = paced(() => 250);
    pacer.request();
    pacer.request();
    pacer.cancel();
    vi.advanceTimersByTime(1000);
    expect(fired).toHaveLength(1);
  });
});
