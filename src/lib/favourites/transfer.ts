/** Export and import of favourites: a versioned JSON envelope, and Markdown for notes apps. */
import { countOf, formatCount } from '../count';
import { formatClock } from '../transcript/timecode';
import { cleanFavourite, isFavourite, type Favourite } from './model';

export const EXPORT_APP = 'podcast-transcript-search';
export const EXPORT_SCHEMA = 1;
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** Far beyond anyone's real favourites; keeps an import, and every later visit to Favourites, fast. */
export const MAX_IMPORT_ITEMS = 5000;
/** A favourite's time may sit a little past an episode's last line start; more means a foreign or damaged file. */
const PAST_END_SLACK = 60;

export interface ExportEnvelope {
  app: typeof EXPORT_APP;
  schema: typeof EXPORT_SCHEMA;
  exportedAt: string;
  items: Favourite[];
}

export function exportJson(items: Favourite[], now = new Date()): string {
  const envelope: ExportEnvelope = {
    app: EXPORT_APP,
    schema: EXPORT_SCHEMA,
    exportedAt: now.toISOString(),
    items: items.map(cleanFavourite),
  };
  return JSON.stringify(envelope, null, 2);
}

/** Text shown as text in any Markdown reader: no headings, lists, links, images or HTML can be formed. */
export function escapeMarkdown(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/[\\`*_{}[\]()<>#|~!&]/g, '\\$&')
        .replace(/^(\s*)([-+=])/, '$1\\$2')
        .replace(/^(\s*\d+)([.)])/, '$1\\$2'),
    )
    .join('\n');
}

export function exportMarkdown(items: Favourite[], linkOf: (item: Favourite) => string): string {
  const lines = ['# Favourites', ''];
  for (const item of items) {
    const where = item.t === null ? item.episodeTitle : `${item.episodeTitle} at ${formatClock(item.t)}`;
    lines.push(`## ${escapeMarkdown(where.replace(/\n/g, ' '))}`, '');
    if (item.quote) lines.push(`> ${escapeMarkdown(item.quote.replace(/\n/g, ' '))}`, '');
    if (item.note) lines.push(escapeMarkdown(item.note), '');
    lines.push(`<${encodeURI(linkOf(item)).replace(/[<>]/g, encodeURIComponent)}>`, '');
  }
  return lines.join('\n');
}

/** Podcasting 2.0 chapters, as podcast apps read them. */
export interface ChaptersFile {
  version: '1.2.0';
  chapters: { startTime: number; title: string; url: string }[];
}

/** Episode numbers in numeric order, then other ids (yours) as plain strings, without ICU's collation. */
function compareIds(a: string, b: string): number {
  const [x, y] = [Number(a), Number(b)];
  if (a !== '' && b !== '' && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A chapter title is one line; longer notes are cut here (apps show a line or two). */
const CHAPTER_TITLE_CHARS = 200;

/**
 * Favourite moments as a Podcasting 2.0 chapters file: each note (else its quote) as a chapter's title at its
 * time, with the deep link as its url. Over several episodes, each title names its episode too.
 */
export function exportChapters(items: Favourite[], linkOf: (item: Favourite) => string): string {
  const moments = items.filter((i) => i.t !== null).sort((a, b) => compareIds(a.episodeId, b.episodeId) || a.t! - b.t!);
  const severalEpisodes = new Set(moments.map((m) => m.episodeId)).size > 1;
  const file: ChaptersFile = {
    version: '1.2.0',
    chapters: moments.map((item) => {
      const own = (item.note || item.quote || 'Favourite moment').replace(/\s+/g, ' ').trim();
      const title = severalEpisodes ? `${item.episodeTitle}: ${own}` : own;
      return {
        startTime: item.t!,
        title: title.length > CHAPTER_TITLE_CHARS ? `${title.slice(0, CHAPTER_TITLE_CHARS - 1)}…` : title,
        url: linkOf(item),
      };
    }),
  };
  return JSON.stringify(file, null, 2);
}

/** What the app knows of an episode, to check and correct imported items. */
export interface KnownEpisode {
  title: string;
  /** Start of the last line, in seconds. */
  duration: number;
}

export type ImportResult =
  | {
      ok: true;
      items: Favourite[];
      /** Items of episodes this app no longer has: kept, and shown as such. */
      removedEpisodes: number;
    }
  | { ok: false; message: string };

/**
 * Validate a whole file before anything is written: any fault rejects all of it. Items keep only the
 * fields this version knows; titles come from the app's own episodes; no time lies in the future.
 */
export function parseImport(text: string, byteLength: number, episodes: Map<string, KnownEpisode>, now = Date.now()): ImportResult {
  if (byteLength > MAX_IMPORT_BYTES)
    return {
      ok: false,
      message: `The file is ${(byteLength / 1048576).toFixed(1)} MB; imports are limited to ${MAX_IMPORT_BYTES / 1048576} MB.`,
    };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: 'The file is not JSON. Choose a file exported from this app (favourites-….json).' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, message: 'The file is JSON but not a favourites export.' };
  const envelope = value as Record<string, unknown>;
  if (envelope.app !== EXPORT_APP)
    return { ok: false, message: `The file was not exported by this app (app is ${JSON.stringify(envelope.app ?? null)}).` };
  if (envelope.schema !== EXPORT_SCHEMA) {
    return {
      ok: false,
      message: `The file uses export schema ${JSON.stringify(envelope.schema ?? null)}; this app reads schema ${EXPORT_SCHEMA}.`,
    };
  }
  if (!Array.isArray(envelope.items)) return { ok: false, message: 'The file has no list of items.' };
  if (envelope.items.length > MAX_IMPORT_ITEMS) {
    return {
      ok: false,
      message: `The file holds ${formatCount(envelope.items.length)} items; an import takes at most ${formatCount(MAX_IMPORT_ITEMS)}.`,
    };
  }
  const items: Favourite[] = [];
  let removedEpisodes = 0;
  for (const [i, item] of envelope.items.entries()) {
    if (!isFavourite(item)) return { ok: false, message: `Item ${i + 1} is not a valid favourite (wrong or missing fields).` };
    const episode = episodes.get(item.episodeId);
    if (!episode) removedEpisodes++;
    else if (item.t !== null && item.t > episode.duration + PAST_END_SLACK) {
      return {
        ok: false,
        message: `Item ${i + 1} points at ${formatClock(item.t)} in episode “${episode.title}”, which ends at ${formatClock(episode.duration)}.`,
      };
    }
    const updatedAt = Math.min(item.updatedAt, now);
    items.push({
      ...cleanFavourite(item),
      episodeTitle: episode?.title ?? item.episodeTitle,
      createdAt: Math.min(item.createdAt, updatedAt),
      updatedAt,
    });
  }
  return { ok: true, items, removedEpisodes };
}

/** Damaged rows as text a person or a later version can read, whatever they hold. */
export function exportDamagedRows(damaged: { key: IDBValidKey; row: unknown }[]): string {
  const rows = damaged.map(({ key, row }) => {
    try {
      return { key, row: JSON.parse(JSON.stringify(row ?? null)) as unknown };
    } catch {
      return { key, row: String(row) };
    }
  });
  return JSON.stringify({ damaged: rows }, null, 2);
}

/**
 * What an import did, in a sentence or three: `merged` as the store reports it, `removedEpisodes` of them from
 * episodes this app no longer has.
 */
export function importSummary(
  imported: number,
  merged: { added: number; updated: number; keptNewer: number },
  removedEpisodes: number,
): string {
  const { added, updated, keptNewer } = merged;
  return [
    `Imported ${countOf(imported, 'favourite')}: ${formatCount(added)} new, ${formatCount(updated)} updated.`,
    keptNewer ? `${countOf(keptNewer, 'favourite')} not changed because the copy saved here is newer.` : '',
    removedEpisodes
      ? `${countOf(removedEpisodes, 'favourite')} from ${removedEpisodes === 1 ? 'an episode' : 'episodes'} no longer in this app, kept and marked as such.`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
}
