/** Browser contexts for the app as a listener meets it: fresh (no cache, storage or service worker), maybe slowed. */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { throttleCpu } from './cdp-throttle';
import { firstResult, readyTimeline, type ReadyTimeline } from './page-measures';

export type FirstVisit = ReadyTimeline & { firstResult: number };

export class AppContexts {
  /** Whether Chromium slowed the workers too, when a CPU throttle was asked (null: not asked, or no worker yet). */
  workersThrottled: boolean | null = null;

  constructor(
    private readonly browser: Browser,
    private readonly cpuThrottle: number,
  ) {}

  /** A fresh browser context ready to run the page functions of page-measures.ts, at full speed. */
  async open(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await this.browser.newContext();
    // tsx keeps function names with a helper the page does not have.
    await context.addInitScript('window.__name = (f) => f');
    return { context, page: await context.newPage() };
  }

  /**
   * Slows `page` from now on, when a CPU throttle was asked. Only the page being measured is slowed: here each
   * slowed page, even one left idle, keeps Chromium busy for about a core (1.1, 1.9 and 2.6 s of CPU a second
   * with one, two and three idle slowed pages), which the page being measured then shared the two cores with.
   */
  async slow(page: Page): Promise<void> {
    const throttle = await throttleCpu(page, this.cpuThrottle);
    page.context().on('close', () => (this.workersThrottled ??= throttle.workers()));
  }
}

/** A first visit: `q` typed as soon as the field appears (first results), then the whole index ready. */
export async function firstVisit(page: Page, url: string, q: string, log: (line: string) => void): Promise<FirstVisit> {
  await page.goto(url, { waitUntil: 'commit' });
  const firstResultAt = await firstResult(page, q);
  const timeline = await readyTimeline(page);
  log(
    `first-ever: "${q}" on screen ${Math.round(firstResultAt)} ms after navigation; worker started ${timeline.workerStart} ms, index ready ${Math.round(timeline.ready)} ms ${JSON.stringify(timeline.phases)} (${timeline.source}, ${timeline.documents} segments)`,
  );
  return { ...timeline, firstResult: firstResultAt };
}
