import type { FeedItem } from './feed';
import { decodeTranscript } from './transcript/decode';
import { baseName, fromFileName, fromHeader, fromOpening, speakersOf } from './transcript/metadata';
import type { Chapter } from './transcript/chapters';
import type { Episode, Problem } from './transcript/model';
import { parseTranscript } from './transcript/parse';

/** Optional per-episode facts from `transcripts/episodes.json` and the feed, keyed by episode number. */
export interface EpisodeExtra {
  title?: string;
  date?: string;
  link?: string;
  audio?: { url: string; type: string };
  /** Sanitised show notes (HTML). */
  notes?: string;
}
export type EpisodeExtras = Record<string, EpisodeExtra>;

export interface TranscriptFile {
  name: string;
  bytes: Uint8Array;
}

export interface IngestResult {
  /** Sorted by episode number (episodes without one last, by id). */
  episodes: Episode[];
  problems: Problem[];
}

export const EXTRAS_FILE = 'episodes.json';
/** Files of a transcripts folder that hold something else than a transcript. */
const NOT_TRANSCRIPTS = /^(?:episodes|podcast)\.json$|\.chapters\.json$/i;

/** Whether a transcripts folder's file is a transcript: text, WebVTT, SRT, YouTube's SBV, or Podcasting 2.0 JSON or HTML. */
export function isTranscriptFile(name: string): boolean {
  return /\.(?:txt|vtt|srt|sbv|json|html?)$/i.test(name) && !NOT_TRANSCRIPTS.test(name);
}

/** Turn one transcript file into an episode. Pure: the browser can reuse it for a user's own file. */
export function ingestOne(
  file: TranscriptFile,
  extras: EpisodeExtras = {},
  chapters: Map<string, Chapter[]> = new Map(),
): { episode: Episode | null; problems: Problem[] } {
  const decoded = decodeTranscript(file.name, file.bytes);
  const parsed = parseTranscript(file.name, decoded.text);
  const problems = [...decoded.problems, ...parsed.problems];
  if (parsed.segments.length === 0) return { episode: null, problems };

  const named = fromFileName(file.name);
  const header = fromHeader(parsed.header);
  const opening = fromOpening(parsed.segments);
  const number = named.number ?? header.number ?? opening.number;
  const spoken = header.number ?? opening.number;
  if (named.number !== null && spoken !== null && spoken !== named.number) {
    problems.push({
      file: file.name,
      line: 0,
      severity: 'warning',
      message: `file name says episode ${named.number} but the transcript says ${spoken}; using ${named.number}`,
    });
  }
  const extra = number === null ? undefined : extras[String(number)];
  const title = header.title ?? extra?.title ?? named.slugTitle ?? (number !== null ? `Episode ${number}` : baseName(file.name));
  const last = parsed.segments.at(-1)!;
  const episode: Episode = {
    id: number !== null ? String(number) : slugify(baseName(file.name)),
    number,
    title,
    date: header.date ?? opening.date ?? extra?.date ?? null,
    speakers: speakersOf(parsed.segments),
    duration: Math.floor(last.t),
    segmentCount: parsed.segments.length,
    source: file.name,
    segments: parsed.segments,
  };
  if (extra?.link) episode.link = extra.link;
  if (extra?.audio) episode.audio = extra.audio;
  if (extra?.notes) episode.notes = extra.notes;
  const ownChapters = chapters.get(baseName(file.name));
  if (ownChapters?.length) episode.chapters = ownChapters;
  return { episode, problems };
}

/** Ingest a folder's worth of files: every problem reported, duplicates and empty files are errors. */
export function ingestAll(files: TranscriptFile[], extras: EpisodeExtras = {}, chapters = new Map<string, Chapter[]>()): IngestResult {
  const problems: Problem[] = [];
  const byId = new Map<string, Episode>();
  const sorted = [...files].sort((a, b) => a.name.localeCompare(b.name));
  for (const file of sorted) {
    const result = ingestOne(file, extras, chapters);
    problems.push(...result.problems);
    const episode = result.episode;
    if (!episode) continue;
    const clash = byId.get(episode.id);
    if (clash) {
      problems.push({
        file: file.name,
        line: 0,
        severity: 'error',
        message: `episode ${episode.id} is claimed by two files: ${clash.source} and ${file.name}`,
      });
      continue;
    }
    byId.set(episode.id, episode);
  }
  const episodes = [...byId.values()].sort(compareEpisodes);
  return { episodes, problems };
}

/** Validate `episodes.json`; a broken one is an error, never silently ignored. */
export function parseExtras(text: string): { extras: EpisodeExtras; problems: Problem[] } {
  const fail = (message: string) => ({ extras: {}, problems: [{ file: EXTRAS_FILE, line: 0, severity: 'error' as const, message }] });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return fail(`not valid JSON: ${(e as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('must be an object keyed by episode number');
  const extras: EpisodeExtras = {};
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    if (!/^\d+$/.test(key)) return fail(`key "${key}" is not an episode number`);
    if (typeof entry !== 'object' || entry === null) return fail(`entry ${key} must be an object`);
    const { title, date } = entry as Record<string, unknown>;
    if (title !== undefined && typeof title !== 'string') return fail(`entry ${key}: title must be text`);
    if (date !== undefined && (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)))
      return fail(`entry ${key}: date must be YYYY-MM-DD`);
    extras[key] = { ...(title !== undefined && { title }), ...(date !== undefined && { date }) };
  }
  return { extras, problems: [] };
}

/** Per-episode facts from the feed, under those of `episodes.json`, which win field by field. */
export function withFeedExtras(extras: EpisodeExtras, items: FeedItem[], sanitise: (html: string) => string): EpisodeExtras {
  const merged: EpisodeExtras = {};
  for (const item of items) {
    if (item.number === null) continue;
    const fromFeed: EpisodeExtra = {};
    if (item.title) fromFeed.title = item.title;
    if (item.date) fromFeed.date = item.date;
    if (item.link) fromFeed.link = item.link;
    if (item.audio) fromFeed.audio = item.audio;
    const notes = item.notesHtml ? sanitise(item.notesHtml) : '';
    if (notes.trim()) fromFeed.notes = notes;
    merged[String(item.number)] ??= fromFeed;
  }
  for (const [key, extra] of Object.entries(extras)) merged[key] = { ...merged[key], ...extra };
  return merged;
}

function compareEpisodes(a: Episode, b: Episode): number {
  if (a.number !== null && b.number !== null) return a.number - b.number;
  if (a.number !== null) return -1;
  if (b.number !== null) return 1;
  return a.id.localeCompare(b.id);
}

function slugify(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'episode'
  );
}
