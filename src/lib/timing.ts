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
