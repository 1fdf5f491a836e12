/** The search worker's memory, read over the DevTools protocol (workers have no performance.memory). */
import type { CDPSession, Page } from '@playwright/test';

/** Its JS heap, and what lives outside it (typed arrays' buffers, the browser's own objects). */
export async function workerMemory(cdp: CDPSession, sessionId: string): Promise<{ heap: number; buffers: number }> {
  let next = 1;
  const call = (method: string) =>
    new Promise<Record<string, number>>((done) => {
      const id = next++;
      const onMessage = (event: { sessionId: string; message: string }) => {
        const reply = JSON.parse(event.message) as { id?: number; result?: Record<string, number> };
        if (event.sessionId === sessionId && reply.id === id) {
          cdp.off('Target.receivedMessageFromTarget', onMessage);
          done(reply.result ?? {});
        }
      };
      cdp.on('Target.receivedMessageFromTarget', onMessage);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
    });
  await call('HeapProfiler.collectGarbage');
  const usage = await call('Runtime.getHeapUsage');
  return { heap: usage.usedSize ?? 0, buffers: (usage.backingStorageSize ?? 0) + (usage.embedderHeapUsedSize ?? 0) };
}

/** Attaches to the page's workers; `sessionId` is the app's own search worker (the first one started). */
export async function watchWorker(page: Page): Promise<{ cdp: CDPSession; sessionId: () => string | null }> {
  const cdp = await page.context().newCDPSession(page);
  let sessionId: string | null = null;
  cdp.on('Target.attachedToTarget', (event: { sessionId: string; targetInfo: { type: string } }) => {
    if (event.targetInfo.type === 'worker') sessionId ??= event.sessionId;
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  return { cdp, sessionId: () => sessionId };
}
