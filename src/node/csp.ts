/**
 * The Content Security Policy: sent as a header by the preview server and `_headers` hosts, and as a <meta> in
 * index.html. Everything comes from the app's own origin; audio alone may come from the origins of the feed's
 * enclosures, computed at build time, and nothing else.
 */
export function contentSecurityPolicy(mediaOrigins: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "worker-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    ['media-src', "'self'", ...mediaOrigins].join(' '),
    "connect-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The policy with `source` (an inline script's hash) also allowed to run scripts. */
export function withScriptSource(policy: string, source: string): string {
  return policy.replace(/(^|; )script-src ([^;]*)/, (_, before: string, sources: string) => `${before}script-src ${sources} ${source}`);
}

/** The distinct origins of audio URLs (`https://cdn.example`), sorted. */
export function mediaOriginsOf(urls: Iterable<string>): string[] {
  const origins = new Set<string>();
  for (const url of urls) origins.add(new URL(url).origin);
  return [...origins].sort();
}

/** Headers for every response, in the `_headers` format Netlify and Cloudflare Pages read. */
export function securityHeaders(policy: string): Record<string, string> {
  return { 'Content-Security-Policy': policy, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };
}

export function headersFile(policy: string): string {
  return `/*\n${Object.entries(securityHeaders(policy))
    .map(([name, value]) => `  ${name}: ${value}\n`)
    .join('')}`;
}

/** The policy a built `_headers` file holds, or null. */
export function policyInHeadersFile(text: string): string | null {
  return /^\s*Content-Security-Policy:\s*(.+)$/m.exec(text)?.[1]?.trim() ?? null;
}
