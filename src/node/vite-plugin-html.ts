import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { headersFile, policyInHeadersFile, withScriptSource } from './csp';
import { episodesPath } from '../lib/routes';
import { earlyWorkerScript, scriptHashSource } from './early-worker';

/** Directives a <meta> policy cannot carry (browsers ignore them there, with a console warning). */
const HEADER_ONLY = /^(frame-ancestors|report-uri|sandbox)\b/;

/**
 * Production HTML: starts the search worker from an inline script at the top of the page (early-worker.ts),
 * adds the Content-Security-Policy <meta> (allowing that script by its hash), copies index.html to 404.html so
 * a plain static host serves deep links on a first visit, and writes `_headers` (Netlify, Cloudflare Pages) so
 * hosts that read it send the whole policy as a header, to the page and the worker script alike.
 */
export function productionHtmlPlugin(basePolicy: string, data: { catalogueFile: string }): Plugin {
  let base = '/';
  let policy = basePolicy;
  return {
    name: 'production-html',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        const workerFile = Object.keys(bundle ?? {}).find((name) => /(^|\/)search\.worker-[\w-]+\.js$/.test(name));
        if (!workerFile) throw new Error('production-html: the build has no search worker script to start early');
        const script = earlyWorkerScript({
          workerUrl: base + workerFile,
          catalogueUrl: base + data.catalogueFile,
          base,
          later: episodesPath(base),
        });
        policy = withScriptSource(basePolicy, scriptHashSource(script));
        const metaPolicy = policy
          .split('; ')
          .filter((d) => !HEADER_ONLY.test(d))
          .join('; ');
        // After the policy (a <meta> policy governs only what follows it) and before the stylesheet, which a
        // script after it would wait for.
        if (!html.includes('</title>')) throw new Error('production-html: index.html has no <title> to start the worker after');
        return {
          html: html.replace('</title>', `</title>\n    <script>${script}</script>`),
          tags: [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: metaPolicy }, injectTo: 'head-prepend' }],
        };
      },
    },
    generateBundle(_options, bundle) {
      const index = bundle['index.html'];
      if (index?.type === 'asset') this.emitFile({ type: 'asset', fileName: '404.html', source: index.source });
      this.emitFile({ type: 'asset', fileName: '_headers', source: headersFile(policy) });
    },
  };
}

/**
 * `vite preview` sends the policy of the build it serves (its `_headers`), as a host reading that file does:
 * a build over another podcast allows that podcast's audio, whatever the folder this config was loaded for.
 */
export function previewHeadersPlugin(): Plugin {
  return {
    name: 'preview-headers',
    configurePreviewServer(server) {
      const file = join(resolve(server.config.root, server.config.build.outDir), '_headers');
      const policy = existsSync(file) ? policyInHeadersFile(readFileSync(file, 'utf8')) : null;
      server.middlewares.use((_req, res, next) => {
        if (policy) res.setHeader('Content-Security-Policy', policy);
        next();
      });
    },
  };
}
