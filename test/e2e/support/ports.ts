/**
 * Ports for the servers a spec starts. Playwright runs two workers (one per core); the same spec may run in
 * both at once (once per browser), so each worker gets ports of its own: 100 apart.
 */
export function testPort(base: number): number {
  return base + 100 * Number(process.env.TEST_PARALLEL_INDEX ?? 0);
}
