/** How the worker's message loop paces its work, and small helpers for it. */

/** Steps of idle work (see prepareWhenIdle), short enough that a keystroke never waits behind one. */
export const IDLE_STEP_MS = 4;
/** While indexing, a search waits at most about this long for the worker to look at its message. */
export const INDEX_SLICE_MS = 8;
/**
 * While indexing, "more is searchable" is said at most this often, and never so often that the searches it
 * prompts (each over a fresh engine of the episodes so far) take more than about a ninth of the worker's time:
 * said per data file, at 1,000 episodes they added a quarter to the whole index's build.
 */
export const PROGRESS_MIN_MS = 250;
export const PROGRESS_COST_FACTOR = 8;
/** Warm-up searches wait for this long without a search: amid a burst, they made its slowest slower. */
export const WARM_UP_QUIET_MS = 300;

/** A promise that anyone holding it can settle, once: `fire()`. */
export function signal(): Promise<void> & { fire: () => void } {
  let fire!: () => void;
  const promise = new Promise<void>((resolve) => (fire = resolve));
  return Object.assign(promise, { fire });
}

/** Lets queued messages run. A MessageChannel task, not setTimeout, which browsers clamp to 4 ms when nested. */
export function yieldToMessages(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** How long since something last happened (`mark()`), for work that waits for a quiet spell. */
export class QuietClock {
  private last = -Infinity;

  mark(): void {
    this.last = performance.now();
  }

  /** Milliseconds until it will have been quiet for `ms`; 0 when it has. */
  waitFor(ms: number): number {
    return Math.max(0, ms - (performance.now() - this.last));
  }
}
