/**
 * Vite plugin: ingests the transcripts folder, emits the content-hashed data files into the build,
 * serves them in dev, and exposes the catalogue's URL as `virtual:transcript-data`.
 */
import type { Plugin } from 'vite';
import { errorReport, formatProblem, type FolderIngest } from './transcripts-folder';

const VIRTUAL_ID = 'virtual:transcript-data';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;

export function transcriptsPlugin(ingest: FolderIngest): Plugin {
  const report = errorReport(ingest.problems);
  return {
    name: 'transcripts',
    buildStart() {
      for (const file of ingest.inputs) this.addWatchFile(file);
      for (const p of ingest.problems.filter((p) => p.severity === 'warning')) this.warn(formatProblem(p));
      if (report) this.error(report);
    },
    resolveId(id) {
      return id === VIRTUAL_ID ? RESOLVED_ID : null;
    },
    load(id) {
      if (id !== RESOLVED_ID) return null;
      const url = ingest.built.catalogueFile.fileName;
      return `export const catalogueUrl = import.meta.env.BASE_URL + ${JSON.stringify(url)};\n`;
    },
    generateBundle() {
      for (const file of ingest.built.files) this.emitFile({ type: 'asset', fileName: file.fileName, source: file.source });
    },
    configureServer(server) {
      const byPath = new Map(ingest.built.files.map((f) => [f.fileName, f.source]));
      server.middlewares.use((req, res, next) => {
        const base = server.config.base;
        const path = decodeURIComponent((req.url ?? '').split('?')[0]!).slice(base.length);
        const source = byPath.get(path);
        if (source === undefined) return next();
        res.setHeader('Content-Type', 'application/json');
        res.end(source);
      });
    },
  };
}
