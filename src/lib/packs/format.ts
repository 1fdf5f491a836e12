/**
 * The compact data the build emits and the app reads: one catalogue plus one file per episode,
 * each content-hashed by the build. Shared by the Vite plugin, the ingest CLI, the worker and the UI.
 */
import type { Chapter } from '../transcript/chapters';
import type { Episode, EpisodeMeta, Segment } from '../transcript/model';

export interface PodcastInfo {
  name: string;
  shortName: string;
  description: string;
  themeColor: string;
  /** The podcast's own website, linked when online. */
  website: string | null;
}

export interface CatalogueEntry extends EpisodeMeta {
  /** Path of the pack holding this episode's transcript, relative to the app's base. */
  file: string;
  /** Where this episode's JSON lies in its pack, in UTF-8 bytes [start, end): the reader parses only that. */
  at?: [number, number];
}

export interface Catalogue {
  schema: 1;
  podcast: PodcastInfo;
  episodes: CatalogueEntry[];
  /**
   * The corpus's most frequent index terms, most frequent first: the search worker's postings tiers
   * (index-builder.ts), ranked over every line by the build since one episode is too few to rank them on.
   */
  frequentTerms?: string[];
  /** On how many lines each of `frequentTerms` is: the worker sizes each term's list of lines by it. */
  frequentTermLines?: number[];
  /**
   * The UTF-8 bytes of every line's text, each episode's texts joined as the search worker encodes them: it
   * sizes the worker's text buffer exactly, which then needs no copy to its size once the index is built.
   */
  textBytes?: number;
}

/**
 * At most how many UTF-8 bytes the catalogue's transcript texts take: its `textBytes`, or else what the
 * episodes' JSON in their packs takes (it holds their texts whole, escaping only adds, and more). A
 * `textBytes` beyond that bound is not believed. Undefined when an entry does not say where its JSON lies.
 */
export function textBytesAtMost(catalogue: Catalogue): number | undefined {
  let bytes = 0;
  for (const { at } of catalogue.episodes) {
    if (!at) return undefined;
    bytes += at[1] - at[0];
  }
  if (!(Number.isFinite(bytes) && bytes > 0)) return undefined;
  const exact: unknown = catalogue.textBytes;
  // A wrong figure costs only time: a buffer too small grows, one too large is copied to size at the end.
  return typeof exact === 'number' && Number.isInteger(exact) && exact > 0 && exact <= bytes ? exact : bytes;
}

/** A term list's counts may add up to at most this many per line of the podcast (real ones: about three). */
const MAX_COUNTED_PER_LINE = 16;

/**
 * The catalogue's term ranking when it is one (a list of strings), with its counts when they are sound (one
 * whole number per term, none beyond the podcast's lines, all together not absurd); with no ranking, the
 * worker ranks its own.
 */
export function frequentTermsIn(catalogue: Catalogue): { terms: string[]; lines?: number[] } | undefined {
  const terms: unknown = catalogue.frequentTerms;
  if (!Array.isArray(terms) || !terms.every((t) => typeof t === 'string')) return undefined;
  const lines: unknown = catalogue.frequentTermLines;
  const total = catalogue.episodes.reduce((n, e) => n + e.segmentCount, 0);
  const sound =
    Array.isArray(lines) &&
    lines.length === terms.length &&
    lines.every((n) => Number.isInteger(n) && n >= 0 && n <= total) &&
    lines.reduce((sum: number, n: number) => sum + n, 0) <= MAX_COUNTED_PER_LINE * total;
  return sound ? { terms, lines: lines as number[] } : { terms };
}

/**
 * Segments as rows, about a third smaller than objects: `[seconds, text]`, or `[seconds, speakerIndex, text]`
 * when the line has a speaker. Rows written before 2026-11-28 are always three long, with -1 for no speaker
 * (your transcripts keep them in IndexedDB): both forms are read by `rowText` and `rowSpeaker`. Dropping the -1
 * saved 1.7 KB per episode of the shared corpus, whose lines have no speakers.
 */
export type SegmentRow = [number, string] | [number, number, string];

export const rowText = (row: SegmentRow): string => (row.length === 2 ? row[1] : row[2]);
/** An index into the file's speakers, or -1. */
export const rowSpeaker = (row: SegmentRow): number => (row.length === 2 ? -1 : row[1]);

export interface EpisodeFile {
  schema: 1;
  id: string;
  speakers: string[];
  segments: SegmentRow[];
  chapters?: Chapter[];
  /** Sanitised show notes (HTML). */
  notes?: string;
}

/**
 * Transcripts travel in packs of consecutive episodes (up to about 1 MB; the first ones smaller, see
 * build.ts): the search worker loads a
 * 500-episode podcast in a couple of dozen requests instead of hundreds, and adding an episode
 * changes only the last pack's hash.
 */
export interface PackFile {
  schema: 1;
  episodes: EpisodeFile[];
}

/** Reads a pack's bytes `[start, end)` as text, or all of them without a range. */
export type PackReader = (range?: [number, number]) => Promise<string>;

/**
 * One episode from its pack. Only the episode's own JSON is read and parsed where the catalogue says it lies:
 * a pack holds dozens of episodes (about 1 MB), and parsing all of them blocked a phone's main thread for
 * about 90 ms. Without that range, or if it does not hold the episode, the whole pack is read.
 */
export async function episodeFromPack(read: PackReader, entry: Pick<CatalogueEntry, 'id' | 'file' | 'at'>): Promise<EpisodeFile> {
  if (entry.at) {
    try {
      const episode = JSON.parse(await read(entry.at)) as EpisodeFile;
      if (episode.id === entry.id) return episode;
    } catch {
      // Not this data's range: read the whole pack below.
    }
  }
  const episode = (JSON.parse(await read()) as PackFile).episodes.find((e) => e.id === entry.id);
  if (!episode) throw new Error(`episode ${entry.id} is missing from ${entry.file}`);
  return episode;
}

export function encodeEpisode(episode: Episode): EpisodeFile {
  const speakerIndex = new Map(episode.speakers.map((s, i) => [s, i]));
  return {
    schema: 1,
    id: episode.id,
    speakers: episode.speakers,
    segments: episode.segments.map((s): SegmentRow =>
      s.speaker === undefined ? [s.t, s.text] : [s.t, speakerIndex.get(s.speaker)!, s.text],
    ),
    ...(episode.chapters && { chapters: episode.chapters }),
    ...(episode.notes && { notes: episode.notes }),
  };
}

export function decodeSegments(file: EpisodeFile): Segment[] {
  return file.segments.map((row) => {
    const speaker = rowSpeaker(row);
    const name = speaker >= 0 ? file.speakers[speaker] : undefined;
    return name === undefined ? { t: row[0], text: rowText(row) } : { t: row[0], text: rowText(row), speaker: name };
  });
}

/**
 * Older first: by recording date, then by number; an unknown date or number counts as oldest. ISO dates order
 * as plain strings; `localeCompare` would load ICU on the page's first call (see lib/count.ts).
 */
export function compareRecency(
  a: { date: string | null; number: number | null },
  b: { date: string | null; number: number | null },
): number {
  const [x, y] = [a.date ?? '', b.date ?? ''];
  return x < y ? -1 : x > y ? 1 : (a.number ?? 0) - (b.number ?? 0);
}

export function metaOf(episode: Episode): EpisodeMeta {
  const { segments: _segments, chapters: _chapters, notes: _notes, ...meta } = episode;
  return meta;
}

/** Short, stable content hash (FNV-1a, 2×32 bits) for file names and cache keys; not for security. */
export function contentHash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return ((h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0')).slice(0, 12);
}

export const DEFAULT_PODCAST: PodcastInfo = {
  name: 'Podcast transcripts',
  shortName: 'Transcripts',
  description: 'Search every episode, offline.',
  themeColor: '#1f4e79',
  website: null,
};
