import { test } from '@playwright/test';
import { preview, type PreviewServer } from 'vite';

export interface Served {
  url: string;
  /** Requests that reached the server since start (or the last reset). */
  hits: string[];
  /** Answers the requests `hold` kept waiting, and every later one at once. */
  release: () => void;
  close: () => Promise<void>;
}

export interface ServeOptions {
  /** Holds back matching responses this long, standing in for big files on a slow network. */
  slow?: { match: RegExp; ms: number };
  /** Holds back matching responses until `release()`: data that has not arrived yet. */
  hold?: RegExp;
  /** Send no Content-Security-Policy header, as hosts that can only use the page's <meta> do. */
  metaOnly?: boolean;
  /** Send this policy header instead of the build's, as a host configured by hand for another build would. */
  policy?: (built: string) => string;
}

/** Serve a production build with `vite preview` (same CSP header as in production) on a fixed port. */
export async function serve(
  outDir: string,
  port: number,
  base = '/',
  { slow, hold, metaOnly = false, policy }: ServeOptions = {},
): Promise<Served> {
  const hits: string[] = [];
  let held: (() => void)[] | null = hold ? [] : null;
  const server: PreviewServer = await preview({
    logLevel: 'error',
    base,
    build: { outDir },
    preview: { port, strictPort: true, host: '127.0.0.1' },
    plugins: [
      {
        name: 'count-requests',
        configurePreviewServer(s) {
          s.middlewares.use((req, res, next) => {
            hits.push(req.url ?? '');
            if (metaOnly || policy) {
              // Dropped or replaced as the headers go out, whichever middleware set it.
              const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => typeof res;
              res.writeHead = ((...args: unknown[]) => {
                const built = res.getHeader('Content-Security-Policy');
                if (metaOnly) res.removeHeader('Content-Security-Policy');
                else if (typeof built === 'string') res.setHeader('Content-Security-Policy', policy!(built));
                return writeHead(...args);
              }) as typeof res.writeHead;
            }
            if (held && hold?.test(req.url ?? '')) held.push(next);
            else if (slow?.match.test(req.url ?? '')) setTimeout(next, slow.ms);
            else next();
          });
        },
      },
    ],
  });
  return {
    url: `http://127.0.0.1:${port}${base}`,
    hits,
    release: () => {
      const waiting = held ?? [];
      held = null;
      waiting.forEach((next) => next());
    },
    close: () => server.close(),
  };
}

/** One server for a whole spec file: started before its tests, closed after them. */
export function serveForFile(outDir: string, port: number): () => Served {
  let served: Served | null = null;
  test.beforeAll(async () => {
    served = await serve(outDir, port);
  });
  test.afterAll(async () => {
    await served?.close();
  });
  return () => {
    if (!served) throw new Error('server not started');
    return served;
  };
}
