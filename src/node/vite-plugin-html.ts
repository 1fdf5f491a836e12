import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY, HEADERS_FILE } from './csp';

/** Directives a <meta> policy cannot carry (browsers ignore them there, with a console warning). */
const HEADER_ONLY = /^(frame-ancestors|report-uri|sandbox)\b/;

/**
 * Production HTML: adds the Content-Security-Policy <meta>, copies index.html to 404.html so a plain
 * static host serves deep links on a first visit, and writes `_headers` (Netlify, Cloudflare Pages)
 * so hosts that read it send the whole policy as a header, to the page and the worker script alike.
 */
export function productionHtmlPlugin(): Plugin {
  const metaPolicy = CONTENT_SECURITY_POLICY.split('; ')
    .filter((d) => !HEADER_ONLY.test(d))
    .join('; ');
  return {
    name: 'production-html',
    apply: 'build',
    enforce: 'post',
    transformIndexHtml() {
      return [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: metaPolicy }, injectTo: 'head-prepend' }];
    },
    generateBundle(_options, bundle) {
      const index = bundle['index.html'];
      if (index?.type === 'asset') this.emitFile({ type: 'asset', fileName: '404.html', source: index.source });
      this.emitFile({ type: 'asset', fileName: '_headers', source: HEADERS_FILE });
    },
  };
}
