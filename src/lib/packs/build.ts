import {
  contentHash,
  DEFAULT_PODCAST,
  encodeEpisode,
  metaOf,
  type Catalogue,
  type CatalogueEntry,
  type EpisodeFile,
  type PodcastInfo,
} from './format';
import type { IngestResult } from '../ingest';
import { rankTermsForTiers } from '../search/index-builder';
import type { Problem } from '../transcript/model';

export const PODCAST_FILE = 'podcast.json';
export const DATA_DIR = 'data';
/** Packs close once they pass this size; one episode alone never comes near Workbox's 2 MiB limit. */
export const PACK_TARGET_BYTES = 1024 * 1024;
/**
 * The first packs are smaller (128 KB, then doubling up to the target): the search worker indexes packs
 * in order as they arrive, so a small first pack lets it start indexing while the big ones still download.
 */
const FIRST_PACK_BYTES = 128 * 1024;
const packTarget = (packIndex: number) => Math.min(PACK_TARGET_BYTES, FIRST_PACK_BYTES * 2 ** packIndex);

export interface DataFile {
  fileName: string;
  source: string;
}

export interface BuiltData {
  catalogue: Catalogue;
  catalogueFile: DataFile;
  files: DataFile[];
}

const encoder = new TextEncoder();
const utf8Length = (text: string) => encoder.encode(text).length;

/** Turn ingested episodes into content-hashed JSON files: packs of transcripts, plus the catalogue. */
export function buildData(result: IngestResult, podcast: PodcastInfo): BuiltData {
  const files: DataFile[] = [];
  const entries: CatalogueEntry[] = [];
  let pack: { episodes: EpisodeFile[]; ids: string[]; bytes: number } = { episodes: [], ids: [], bytes: 0 };
  const closePack = () => {
    if (pack.episodes.length === 0) return;
    // The same text as JSON.stringify of the PackFile, put together here to know where each episode lies.
    const head = `{"schema":1,"episodes":[`;
    const parts = pack.episodes.map((episode) => JSON.stringify(episode));
    const source = `${head}${parts.join(',')}]}`;
    const fileName = `${DATA_DIR}/pack-${pack.ids[0]}.${contentHash(source)}.json`;
    files.push({ fileName, source });
    let at = utf8Length(head);
    entries.slice(-pack.ids.length).forEach((entry, i) => {
      const end = at + utf8Length(parts[i]!);
      Object.assign(entry, { file: fileName, at: [at, end] });
      at = end + 1; // the comma
    });
    pack = { episodes: [], ids: [], bytes: 0 };
  };
  for (const episode of result.episodes) {
    const encoded = encodeEpisode(episode);
    pack.episodes.push(encoded);
    pack.ids.push(episode.id);
    pack.bytes += JSON.stringify(encoded).length;
    entries.push({ ...metaOf(episode), file: '' });
    if (pack.bytes >= packTarget(files.length)) closePack();
  }
  closePack();
  const catalogue: Catalogue = {
    schema: 1,
    podcast,
    episodes: entries,
  };
  const { terms, lines } = rankTermsForTiers(result.episodes.flatMap((episode) => episode.segments.map((s) => s.text)));
  catalogue.frequentTerms = [...terms];
  catalogue.frequentTermLines = [...lines!];
  catalogue.textBytes = result.episodes.reduce((n, episode) => n + utf8Length(episode.segments.map((s) => s.text).join('')), 0);
  const source = JSON.stringify(catalogue);
  const catalogueFile = { fileName: `${DATA_DIR}/catalogue.${contentHash(source)}.json`, source };
  return { catalogue, catalogueFile, files: [...files, catalogueFile] };
}

/** Validate `podcast.json`; missing fields fall back to neutral defaults, wrong types are errors. */
export function parsePodcast(text: string | null, fromFeed: Partial<PodcastInfo> = {}): { podcast: PodcastInfo; problems: Problem[] } {
  const defaults = { ...DEFAULT_PODCAST, ...fromFeed };
  if (text === null) return { podcast: { ...defaults, shortName: fromFeed.shortName ?? defaults.name.slice(0, 12) }, problems: [] };
  const fail = (message: string) => ({
    podcast: DEFAULT_PODCAST,
    problems: [{ file: PODCAST_FILE, line: 0, severity: 'error' as const, message }],
  });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return fail(`not valid JSON: ${(e as Error).message}`);
  }
  if (typeof value !== 'object' || value === null) return fail('must be an object');
  const v = value as Record<string, unknown>;
  for (const key of ['name', 'shortName', 'description', 'themeColor', 'website'] as const) {
    if (v[key] !== undefined && v[key] !== null && typeof v[key] !== 'string') return fail(`${key} must be text`);
  }
  const themeColor = (v.themeColor as string | undefined) ?? defaults.themeColor;
  if (!/^#[0-9a-f]{3,8}$/i.test(themeColor)) return fail('themeColor must be a hex colour such as #1f4e79');
  const website = (v.website as string | null | undefined) ?? defaults.website;
  if (website !== null && !/^https?:\/\//.test(website)) return fail('website must be an http(s) address');
  const name = (v.name as string | undefined) ?? defaults.name;
  return {
    podcast: {
      name,
      shortName: (v.shortName as string | undefined) ?? name.slice(0, 12),
      description: (v.description as string | undefined) ?? defaults.description,
      themeColor,
      website,
    },
    problems: [],
  };
}
