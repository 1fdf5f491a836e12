import type { BrowserContext, Page } from '@playwright/test';

/** Records Content-Security-Policy violations in pages and their workers. */
export async function watchCsp(context: BrowserContext): Promise<{ violations: string[]; watch: (page: Page) => void }> {
  const violations: string[] = [];
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __csp: string[] }).__csp ??= [];
      (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const watch = (page: Page) => {
    // Chromium reports violations in pages and dedicated workers on the console as well.
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
  };
  return { violations, watch };
}

export async function pageViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
}
