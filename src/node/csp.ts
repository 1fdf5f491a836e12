/** The Content Security Policy: sent as a header by the preview server and `_headers` hosts, and as a <meta> in index.html. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers for every response, in the `_headers` format Netlify and Cloudflare Pages read. */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

export const HEADERS_FILE = `/*\n${Object.entries(SECURITY_HEADERS)
  .map(([name, value]) => `  ${name}: ${value}\n`)
  .join('')}`;
