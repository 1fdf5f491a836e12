/** A transcript the user imported: kept in IndexedDB on this device, searched and read beside the bundled episodes. */
import type { CatalogueEntry, EpisodeFile } from '../packs/format';

/** Ids of imported transcripts start so (`/episodes/mine-<id>`): they can never clash with a bundled episode's. */
export const YOURS_PREFIX = 'mine-';

export const isYours = (episodeId: string): boolean => episodeId.startsWith(YOURS_PREFIX);

/** What lists and titles need; its `file` is empty, as the transcript lives in IndexedDB, not in a pack. */
export interface YourEntry {
  id: string;
  entry: CatalogueEntry;
  addedAt: number;
}

/** An imported transcript in full, as parsed. */
export interface YourTranscript {
  entry: CatalogueEntry;
  file: EpisodeFile;
}

/** Whether a stored row has the shape this version writes (damaged or foreign rows are skipped, never shown half). */
export function isYourEntry(row: unknown): row is YourEntry {
  const r = row as Partial<YourEntry> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.id === 'string' &&
    isYours(r.id) &&
    typeof r.addedAt === 'number' &&
    typeof r.entry === 'object' &&
    r.entry !== null &&
    r.entry.id === r.id &&
    typeof r.entry.title === 'string'
  );
}

/**
 * A stored row as an imported transcript's lines, or null when it is not one. Show notes are dropped: an import
 * never has any (only a feed gives them, sanitised at build time), and the episode page renders notes as HTML, so
 * a damaged or planted row must not bring some.
 */
export function importedFile(row: unknown, id: string): EpisodeFile | null {
  const r = row as Partial<EpisodeFile> | null;
  if (typeof r !== 'object' || r === null || r.id !== id || !Array.isArray(r.segments) || !Array.isArray(r.speakers)) return null;
  const { notes: _notes, ...file } = r as EpisodeFile;
  return file;
}
