import { preview, type PreviewServer } from 'vite';

export interface Served {
  url: string;
  /** Requests that reached the server since start (or the last reset). */
  hits: string[];
  close: () => Promise<void>;
}

/** Serve a production build with `vite preview` (same CSP header as in production) on a fixed port. */
export async function serve(outDir: string, port: number): Promise<Served> {
  const hits: string[] = [];
  const server: PreviewServer = await preview({
    logLevel: 'error',
    build: { outDir },
    preview: { port, strictPort: true, host: '127.0.0.1' },
    plugins: [
      {
        name: 'count-requests',
        configurePreviewServer(s) {
          s.middlewares.use((req, _res, next) => {
            hits.push(req.url ?? '');
            next();
          });
        },
      },
    ],
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    hits,
    close: () => server.close(),
  };
}
