/** Node shell around the pure ingest: read a transcripts folder, ingest it, build the data files. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildData, parsePodcast, PODCAST_FILE, type BuiltData } from '../lib/packs/build';
import { EXTRAS_FILE, ingestAll, parseExtras, isTranscriptFile, type IngestResult } from '../lib/ingest';
import type { Problem } from '../lib/transcript/model';

export interface FolderIngest {
  result: IngestResult;
  built: BuiltData;
  problems: Problem[];
  /** Files read, for the Vite plugin's watch list. */
  inputs: string[];
}

export function ingestFolder(dir: string): FolderIngest {
  if (!existsSync(dir)) throw new Error(`transcripts folder not found: ${dir}`);
  const names = readdirSync(dir).filter(isTranscriptFile);
  const files = names.map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) }));
  const readOptional = (name: string) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : null);
  const extrasText = readOptional(EXTRAS_FILE);
  const extras = extrasText === null ? { extras: {}, problems: [] } : parseExtras(extrasText);
  const podcast = parsePodcast(readOptional(PODCAST_FILE));
  const result = ingestAll(files, extras.extras);
  const problems = [...extras.problems, ...podcast.problems, ...result.problems];
  if (names.length === 0)
    problems.push({ file: dir, line: 0, severity: 'error', message: 'no transcripts in this folder (.txt, .vtt, .srt, .json or .html)' });
  const built = buildData(result, podcast.podcast);
  const inputs = [...names, EXTRAS_FILE, PODCAST_FILE].map((n) => join(dir, n));
  return { result, built, problems, inputs };
}

export function formatProblem(p: Problem): string {
  return `${p.severity}: ${p.file}${p.line > 0 ? `:${p.line}` : ''}: ${p.message}`;
}

/** The message that fails a build: every error, naming its file. */
export function errorReport(problems: Problem[]): string | null {
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length === 0) return null;
  return `Transcript ingest failed with ${errors.length} error(s):\n${errors.map(formatProblem).join('\n')}`;
}
