/**
 * Where Firefox (firefox-esr over WebDriver BiDi, see test/browsers/firefox-esr-bidi.mjs) differs from Chromium
 * under test. Each difference is said once, here; the README's "Browsers" lists them with what the app does.
 */
import { expect, test, type BrowserContext, type Response } from '@playwright/test';

/** firefox-esr cannot emulate `prefers-color-scheme` or `prefers-reduced-motion`. */
export const NO_MEDIA_EMULATION = 'firefox-esr cannot emulate media features (dark scheme, reduced motion)';
/** Playwright does not reach dedicated workers over BiDi. */
export const NO_WORKER_ACCESS = 'Playwright cannot reach dedicated workers in Firefox';
/** Chromium-only tools: the DevTools protocol, a persistent Chromium profile on a tiny disk. */
export const CHROMIUM_ONLY = 'uses Chromium itself (its DevTools protocol or profile)';

/**
 * The response came from the service worker. Firefox's responses never say so (`fromServiceWorker()` is always
 * false there), so callers use this only with the server stopped: any answer at all came from the worker.
 */
export function expectFromServiceWorker(response: Response | null, browserName: string, what = ''): void {
  if (browserName === 'firefox') expect(response?.ok(), what).toBe(true);
  else expect(response?.fromServiceWorker(), what).toBe(true);
}

/** Lets the page read and write the clipboard (Firefox: by the preference the launcher sets). */
export async function allowClipboard(context: BrowserContext, browserName: string): Promise<void> {
  if (browserName !== 'firefox') await context.grantPermissions(['clipboard-read', 'clipboard-write']);
}

/**
 * Heavy checks whose outcome does not depend on the engine (axe reads the same DOM; ranking and rendering over
 * the shared corpus run the same JS): Chromium only, so that CI stays under 20 minutes on 2 cores.
 */
export const SAME_IN_EVERY_ENGINE = 'the same in every engine; Chromium only, to keep CI under 20 minutes';

/**
 * The tag of a test whose outcome does not depend on the engine: app logic over the same DOM (ranking, link
 * parsing, text), where the engine's own parts (storage, service worker, focus, scrolling, forms) are tested
 * elsewhere in both engines. `test(title, ENGINE_INDEPENDENT, body)`.
 */
export const ENGINE_INDEPENDENT = { tag: '@same-in-every-engine' };

/**
 * Skips the tests tagged ENGINE_INDEPENDENT in Firefox, reported as skipped with SAME_IN_EVERY_ENGINE. Called at
 * the top of a spec file, before its other hooks, so that a skipped test costs no install.
 */
export function skipEngineIndependentInFirefox(): void {
  test.beforeEach(({ browserName }, testInfo) =>
    test.skip(browserName === 'firefox' && testInfo.tags.includes(ENGINE_INDEPENDENT.tag), SAME_IN_EVERY_ENGINE),
  );
}
