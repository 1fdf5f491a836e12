/** Where a start's time went, phase by phase: each `lap` records the milliseconds since the previous one. */
export class Laps {
  readonly phases: Record<string, number> = {};
  private last: number;

  constructor(private readonly now: () => number = () => performance.now()) {
    this.last = now();
  }

  lap(name: string): void {
    const t = this.now();
    this.phases[name] = Math.round(t - this.last);
    this.last = t;
  }
}

/**
 * Calls `fire` at most once per `interval()` milliseconds: the first request at once, one coming sooner after
 * the last call waits out the interval (requests meanwhile are one call), so the last request is always
 * answered unless `cancel` drops it.
 */
export class Pacer {
  private last = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly fire: () => void,
    private readonly interval: () => number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  request(): void {
    if (this.timer !== null) return;
    const wait = this.last + this.interval() - this.now();
    if (wait <= 0) this.run();
    else this.timer = setTimeout(() => this.run(), wait);
  }

  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private run(): void {
    this.timer = null;
    this.last = this.now();
    this.fire();
  }
}
