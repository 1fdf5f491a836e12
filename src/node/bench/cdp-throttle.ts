/**
 * A slower CPU for the page and every worker it starts, over the DevTools protocol: `--cpu-throttle 4`
 * stands in for a mid-range phone. Workers are paused at their start until they are throttled too.
 */
import type { Page } from '@playwright/test';

export async function throttleCpu(page: Page, rate: number): Promise<void> {
  if (rate <= 1) return;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  let next = 1;
  cdp.on('Target.attachedToTarget', (event: { sessionId: string; targetInfo: { type: string } }) => {
    if (event.targetInfo.type !== 'worker') return;
    const send = (method: string, params: object) =>
      cdp.send('Target.sendMessageToTarget', { sessionId: event.sessionId, message: JSON.stringify({ id: next++, method, params }) });
    void send('Emulation.setCPUThrottlingRate', { rate }).then(() => send('Runtime.runIfWaitingForDebugger', {}));
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
}
