/** Small scheduling helpers of the worker's message loop. */

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
