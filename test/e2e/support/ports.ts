/**
 * Ports for the servers a spec starts. With more than one worker (E2E_WORKERS), the same spec may run in two
 * at once (once per browser), so each worker gets ports of its own: 100 apart.
 */
export function testPort(base: number): number {
  return base + 100 * Number(process.env.TEST_PARALLEL_INDEX ?? 0);
}
