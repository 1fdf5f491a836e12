import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions, firefoxLaunchOptions } from './src/node/browsers';

// Tests run against production builds served by `vite preview` (started by each spec, see support/server.ts).
// Chromium and Firefox run the whole suite; where Firefox differs, the test says so (`engine.ts`).
// WebKit runs a smoke suite of its own over WebDriver (test/webkit), as Playwright's WebKit is not available here.
export default defineConfig({
  testDir: 'test/e2e',
  globalSetup: './test/e2e/support/global-setup.ts',
  // One worker: the tests are CPU-bound, and two at once on 2 cores took as long in all (measured) while
  // making each test's timing noisier. On a bigger machine, E2E_WORKERS=n runs n spec files at once, each
  // with ports of its own (support/ports.ts).
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 1),
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['./test/e2e/support/engine-counts.ts']],
  use: { serviceWorkers: 'allow' },
  projects: [
    { name: 'chromium', use: { browserName: 'chromium', launchOptions: chromiumLaunchOptions() } },
    {
      name: 'firefox',
      // firefox-esr cannot emulate media features: ask for none (the browser's own light scheme).
      use: { browserName: 'firefox', channel: 'moz-firefox', launchOptions: firefoxLaunchOptions(), colorScheme: null },
    },
  ],
});
