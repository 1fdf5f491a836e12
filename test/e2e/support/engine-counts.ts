/** A Playwright reporter that ends the run with one line of counts per engine (project). */
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export default class EngineCounts implements Reporter {
  private readonly counts = new Map<string, Record<string, number>>();

  onTestEnd(test: TestCase, result: TestResult): void {
    // The last attempt decides (a retry that passes counts once, as passed).
    if (result.status !== 'passed' && result.retry < test.retries && result.status !== 'skipped') return;
    const engine = test.parent.project()?.name ?? 'unknown';
    const counts = this.counts.get(engine) ?? {};
    counts[result.status] = (counts[result.status] ?? 0) + 1;
    this.counts.set(engine, counts);
  }

  onEnd(): void {
    for (const [engine, counts] of this.counts) {
      const parts = Object.entries(counts).map(([status, n]) => `${n} ${status}`);
      console.log(`${engine}: ${parts.join(', ')}`);
    }
  }

  printsToStdio(): boolean {
    return false;
  }
}
