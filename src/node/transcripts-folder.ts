/** Node shell around the pure ingest: read a transcripts folder, ingest it, build the data files. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countOf } from '../lib/count';
import { buildData, parsePodcast, PODCAST_FILE, type BuiltData } from '../lib/packs/build';
import { EXTRAS_FILE, ingestAll, parseExtras, isTranscriptFile, withFeedExtras, type IngestResult } from '../lib/ingest';
import { FEED_FILE, parseFeed, type Feed } from '../lib/feed';
import type { PodcastInfo } from '../lib/packs/format';
import { CHAPTERS_SUFFIX, parseChapters, type Chapter } from '../lib/transcript/chapters';
import { baseName } from '../lib/transcript/metadata';
import type { Problem } from '../lib/transcript/model';
import { sanitiseShowNotes } from './show-notes';

export interface FolderIngest {
  result: IngestResult;
  built: BuiltData;
  problems: Problem[];
  /** Files read, for the Vite plugin's watch list. */
  inputs: string[];
}

export function ingestFolder(dir: string): FolderIngest {
  if (!existsSync(dir)) throw new Error(`transcripts folder not found: ${dir}`);
  const all = readdirSync(dir);
  const names = all.filter(isTranscriptFile);
  const files = names.map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, name))) }));
  const readOptional = (name: string) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : null);
  const extrasText = readOptional(EXTRAS_FILE);
  const extras = extrasText === null ? { extras: {}, problems: [] } : parseExtras(extrasText);
  const feedText = readOptional(FEED_FILE);
  const feed = feedText === null ? null : parseFeed(FEED_FILE, feedText);
  const podcast = parsePodcast(readOptional(PODCAST_FILE), feed ? podcastFromFeed(feed.feed) : undefined);
  const chapterNames = all.filter((n) => CHAPTERS_SUFFIX.test(n));
  const chapters = new Map<string, Chapter[]>();
  const chapterProblems = chapterNames.flatMap((name) => {
    const parsed = parseChapters(name, readFileSync(join(dir, name), 'utf8'));
    const owner = baseName(name);
    chapters.set(owner, parsed.chapters);
    const orphan = !names.some((n) => baseName(n) === owner);
    return orphan
      ? [...parsed.problems, { file: name, line: 0, severity: 'warning' as const, message: `no transcript named ${owner}.* beside it` }]
      : parsed.problems;
  });
  const episodeExtras = feed ? withFeedExtras(extras.extras, feed.feed.items, sanitiseShowNotes) : extras.extras;
  const result = ingestAll(files, episodeExtras, chapters);
  const problems = [...extras.problems, ...(feed?.problems ?? []), ...podcast.problems, ...chapterProblems, ...result.problems];
  if (names.length === 0)
    problems.push({
      file: dir,
      line: 0,
      severity: 'error',
      message: 'no transcripts in this folder (.txt, .vtt, .srt, .sbv, .json or .html)',
    });
  const built = buildData(result, podcast.podcast);
  const inputs = [...names, ...chapterNames, EXTRAS_FILE, PODCAST_FILE, FEED_FILE].map((n) => join(dir, n));
  return { result, built, problems, inputs };
}

/** What `podcast.json` does not say, the feed's channel does. */
function podcastFromFeed(feed: Feed): Partial<PodcastInfo> {
  return {
    ...(feed.title && { name: feed.title }),
    ...(feed.description && { description: feed.description.replace(/<[^>]*>/g, '').trim() }),
    ...(feed.link && { website: feed.link }),
  };
}

export function formatProblem(p: Problem): string {
  return `${p.severity}: ${p.file}${p.line > 0 ? `:${p.line}` : ''}: ${p.message}`;
}

/** The message that fails a build: every error, naming its file. */
export function errorReport(problems: Problem[]): string | null {
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length === 0) return null;
  return `Transcript ingest failed with ${countOf(errors.length, 'error')}:\n${errors.map(formatProblem).join('\n')}`;
}
