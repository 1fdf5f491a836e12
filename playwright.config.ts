import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './src/node/chromium';

// Tests run against production builds served by `vite preview` (started by each spec, see support/server.ts).
export default defineConfig({
  testDir: 'test/e2e',
  globalSetup: './test/e2e/support/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions(),
    serviceWorkers: 'allow',
  },
});
