import type { LaunchOptions } from '@playwright/test';

/** Debian's Chromium by default; CHROMIUM_PATH points elsewhere (Playwright cannot download its own here). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumLaunchOptions(): LaunchOptions {
  return {
    executablePath: CHROMIUM_PATH,
    // Without these, Chromium keeps calling home, which this closed network refuses.
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  };
}

/** Debian's firefox-esr (FIREFOX_PATH points elsewhere), started through the BiDi relay that fills ESR's gaps. */
export function firefoxLaunchOptions(): LaunchOptions {
  return {
    executablePath: 'test/browsers/firefox-esr-bidi.mjs',
    // Lets tests read the clipboard without a permission prompt (Firefox has no clipboard permission to grant).
    firefoxUserPrefs: { 'dom.events.testing.asyncClipboard': true },
  };
}
