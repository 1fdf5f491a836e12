/** Export and import of favourites: a versioned JSON envelope, and Markdown for notes apps. */
import { formatClock } from '../transcript/timecode';
import { isFavourite, type Favourite } from './model';

export const EXPORT_APP = 'podcast-transcript-search';
export const EXPORT_SCHEMA = 1;
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export interface ExportEnvelope {
  app: typeof EXPORT_APP;
  schema: typeof EXPORT_SCHEMA;
  exportedAt: string;
  items: Favourite[];
}

export function exportJson(items: Favourite[], now = new Date()): string {
  const envelope: ExportEnvelope = { app: EXPORT_APP, schema: EXPORT_SCHEMA, exportedAt: now.toISOString(), items };
  return JSON.stringify(envelope, null, 2);
}

export function exportMarkdown(items: Favourite[], linkOf: (item: Favourite) => string): string {
  const lines = ['# Favourites', ''];
  for (const item of items) {
    const where = item.t === null ? item.episodeTitle : `${item.episodeTitle} at ${formatClock(item.t)}`;
    lines.push(`## ${where}`, '');
    if (item.quote) lines.push(`> ${item.quote.replace(/\n/g, ' ')}`, '');
    if (item.note) lines.push(item.note, '');
    lines.push(linkOf(item), '');
  }
  return lines.join('\n');
}

export type ImportResult = { ok: true; items: Favourite[] } | { ok: false; message: string };

/** Validate a whole file before anything is written: any fault rejects all of it. */
export function parseImport(text: string, byteLength: number, knownEpisodes: Set<string>): ImportResult {
  if (byteLength > MAX_IMPORT_BYTES)
    return { ok: false, message: `The file is ${(byteLength / 1048576).toFixed(1)} MB; imports are limited to 5 MB.` };
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
  const items: Favourite[] = [];
  for (const [i, item] of envelope.items.entries()) {
    if (!isFavourite(item)) return { ok: false, message: `Item ${i + 1} is not a valid favourite (wrong or missing fields).` };
    if (!knownEpisodes.has(item.episodeId))
      return { ok: false, message: `Item ${i + 1} names episode “${item.episodeId}”, which this app does not have.` };
    items.push({ ...item });
  }
  return { ok: true, items };
}
