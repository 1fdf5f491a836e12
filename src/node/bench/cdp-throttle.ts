/**
 * A slower CPU for the page and every worker it starts, over the DevTools protocol: `--cpu-throttle 4`
 * stands in for a mid-range phone. Workers are paused at their start until they are asked to slow down too.
 * Chromium 156 refuses that for workers ("Operation is only supported for pages, not workers"): the result
 * says whether the workers were slowed, so a report never claims what did not happen.
 */
import type { Page } from '@playwright/test';

export interface Throttle {
  /** Null until a worker started; then whether Chromium slowed it as asked. */
  workers: () => boolean | null;
}

export async function throttleCpu(page: Page, rate: number): Promise<Throttle> {
  let workers: boolean | null = null;
  if (rate <= 1) return { workers: () => null };
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  let next = 1;
  const asked = new Set<string>();
  cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
    const reply = JSON.parse(event.message) as { id?: number; error?: { message: string } };
    if (!asked.has(`${event.sessionId}:${reply.id}`)) return;
    workers = (workers ?? true) && !reply.error;
  });
  cdp.on('Target.attachedToTarget', (event: { sessionId: string; targetInfo: { type: string } }) => {
    if (event.targetInfo.type !== 'worker') return;
    const send = (method: string, params: object) => {
      const id = next++;
      if (method === 'Emulation.setCPUThrottlingRate') asked.add(`${event.sessionId}:${id}`);
      return cdp.send('Target.sendMessageToTarget', { sessionId: event.sessionId, message: JSON.stringify({ id, method, params }) });
    };
    // A worker can end before it is asked (its page navigated away: the benchmark closes the app between
    // launches); its session is gone then, and there is nothing left to slow or resume.
    send('Emulation.setCPUThrottlingRate', { rate })
      .then(() => send('Runtime.runIfWaitingForDebugger', {}))
      .catch(() => undefined);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  return { workers: () => workers };
}
