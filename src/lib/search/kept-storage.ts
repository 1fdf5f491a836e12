/**
 * How a kept index is laid out in IndexedDB: its arrays, its long strings and FlexSearch's postings in one
 * Blob, the rest in a small record. A warm start at 1,000 episodes reads 24.6 MB (60 MB before), and reading is
 * most of its time (Chromium hands a Blob over at some 250–300 MB/s here), so:
 * - a Blob, which Chromium reads back about three times faster than the same bytes as typed arrays inside a
 *   record (31 MB: 35 ms against 105 ms);
 * - a record under 64 KB, past which Chromium keeps it as a Blob of its own, read after it (at 1,000 episodes,
 *   0.9 MB of strings took ~50 ms that way, against ~15 ms to decode and parse them from the Blob);
 * - each line's episode and speaker (and its time, when every time is a whole second) in the fewest bytes that
 *   hold them (corpus.ts), used as they lie, and the common and listed terms' lines as varints decoded only as
 *   queries ask (postings.ts): 15 MB less at 1,000 episodes. Unpacking whole arrays at once (times from whole
 *   milliseconds into seconds, say) cost more than it saved;
 * - the text as codes into a table of words, each line decoded as a search asks (line-text.ts): 30.8 MB of
 *   text took 10.7 MB at 1,000 episodes.
 * The bytes are untrusted: `fromStored` checks the layout before making views, and `keptProblem` the rest.
 */
import type { EpisodeColumn, SpeakerColumn, TimeColumn } from './corpus';
import type { KeptIndex } from './search-index';

type Numbers = Uint8Array | Int8Array | Int16Array | Uint16Array | Uint32Array | Int32Array | Float64Array;
type NumbersType = { new (buffer: ArrayBuffer, at: number, length: number): Numbers; BYTES_PER_ELEMENT: number };

/**
 * The arrays, used as they lie in the Blob (views of one buffer), in their order there. Where one may take
 * one of several types, its byte length says which: it holds one element per line.
 */
const ARRAYS: [name: string, types: NumbersType[], get: (k: KeptIndex) => Numbers][] = [
  ['offsets', [Uint32Array], (k) => k.corpus.text.offsets],
  ['times', [Float64Array, Uint32Array, Uint16Array], (k) => k.corpus.times],
  ['episodeOf', [Uint16Array, Uint32Array], (k) => k.corpus.episodeOf],
  ['speakerOf', [Int8Array, Int16Array, Int32Array], (k) => k.corpus.speakerOf],
  ['commonDense', [Uint32Array], (k) => k.common.dense],
  ['commonOffsets', [Uint32Array], (k) => k.common.lines.offsets],
  ['commonBytes', [Uint8Array], (k) => k.common.lines.bytes],
  ['listedOffsets', [Uint32Array], (k) => k.listed.offsets],
  ['listedBytes', [Uint8Array], (k) => k.listed.bytes],
  ['df', [Uint32Array], (k) => k.vocabulary.df],
  ['lengths', [Uint16Array], (k) => k.corpus.text.lengths],
  ['wordOffsets', [Uint32Array], (k) => k.corpus.text.wordOffsets],
  ['words', [Uint8Array], (k) => k.corpus.text.words],
  ['codes', [Uint8Array], (k) => k.corpus.text.codes],
];

/** The strings, as UTF-8 after the arrays: JSON where they are not strings. */
const STRINGS: [name: string, get: (k: KeptIndex) => string][] = [
  ['episodes', (k) => JSON.stringify(k.corpus.episodes)],
  ['speakers', (k) => JSON.stringify(k.corpus.speakers)],
  ['common', (k) => JSON.stringify(k.common.lines.terms)],
  ['listedTerms', (k) => JSON.stringify(k.listed.terms)],
  ['vocabularyTerms', (k) => k.vocabulary.terms],
  ['vocabularySounds', (k) => k.vocabulary.sounds],
];

/** Where the part `name` of ARRAYS or STRINGS is in a stored index's layout. */
export const layoutIndexOf = (name: string): number => [...ARRAYS, ...STRINGS].findIndex(([n]) => n === name);

export interface StoredIndex {
  version: number;
  chunkKeys: string[];
  /** Per array of ARRAYS, per string of STRINGS, then per chunk (UTF-8): its byte offset and length in `data`. */
  layout: [start: number, bytes: number][];
  /**
   * The arrays, then the strings and chunks, read back in one buffer (the strings are decoded from it). Bytes
   * where the browser cannot keep a Blob in IndexedDB (WebKit's private and automated sessions).
   */
  data: Blob | Uint8Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function toStored(kept: KeptIndex): StoredIndex {
  const parts: BlobPart[] = [];
  const layout: [number, number][] = [];
  let at = 0;
  const place = (bytes: Numbers) => {
    // Every part starts on a multiple of 8, so a Float64Array can view it in place.
    const pad = (8 - (at % 8)) % 8;
    if (pad) parts.push(new Uint8Array(pad));
    at += pad;
    layout.push([at, bytes.byteLength]);
    parts.push(bytes as Uint8Array<ArrayBuffer>);
    at += bytes.byteLength;
  };
  for (const [, , get] of ARRAYS) place(get(kept));
  for (const [, get] of STRINGS) place(encoder.encode(get(kept)));
  for (const [, data] of kept.chunks) place(data);
  return { version: kept.version, chunkKeys: kept.chunks.map(([key]) => key), layout, data: new Blob(parts) };
}

/** The same, with its data as bytes rather than a Blob. */
export async function withBytes(stored: StoredIndex): Promise<StoredIndex> {
  return { ...stored, data: new Uint8Array(await new Blob([stored.data as Uint8Array<ArrayBuffer>]).arrayBuffer()) };
}

/** The kept index a stored one holds; null when its bytes do not match its layout. */
export async function fromStored(stored: StoredIndex): Promise<KeptIndex | null> {
  const { layout, data, chunkKeys } = stored;
  if (!Array.isArray(layout) || !Array.isArray(chunkKeys)) return null;
  if (!(data instanceof Blob || (data instanceof Uint8Array && data.byteOffset === 0))) return null;
  if (layout.length !== ARRAYS.length + STRINGS.length + chunkKeys.length) return null;
  const arraysEnd = end(layout[ARRAYS.length - 1]);
  const size = data instanceof Blob ? data.size : data.byteLength;
  if (!(arraysEnd <= size && end(layout.at(-1)) === size)) return null;
  // One read of the whole Blob: the arrays stay in memory as views of it. Reading the strings' 2.5 MB apart (to
  // drop them once decoded) cost a second read beside the first: 25 ms more of a warm start at 1,000 episodes.
  const bytes = data instanceof Blob ? await data.arrayBuffer() : (data.buffer as ArrayBuffer);
  // `offsets` holds one more than the lines.
  const lines = (Array.isArray(layout[0]) ? layout[0][1] : NaN) / Uint32Array.BYTES_PER_ELEMENT - 1;
  const views: Numbers[] = [];
  for (let i = 0; i < ARRAYS.length; i++) {
    const types = ARRAYS[i]![1];
    const [start, length] = layout[i]!;
    const type = types.length === 1 ? types[0] : types.find((t) => length === lines * t.BYTES_PER_ELEMENT);
    if (!type || !fits(start, length, type.BYTES_PER_ELEMENT, arraysEnd)) return null;
    views.push(new type(bytes, start, length / type.BYTES_PER_ELEMENT));
  }
  // The strings are decoded now; the postings' JSON only as each group is imported (rare-postings.ts).
  const parts: Uint8Array[] = [];
  for (let k = ARRAYS.length; k < layout.length; k++) {
    const [start, length] = layout[k]!;
    if (start < arraysEnd || !fits(start, length, 1, bytes.byteLength)) return null;
    parts.push(new Uint8Array(bytes, start, length));
  }
  const texts = parts.slice(0, STRINGS.length).map((part) => decoder.decode(part));
  const [episodesJson, speakersJson, commonJson, listedJson, vocabularyTerms, vocabularySounds] = texts;
  const json = parseJson([episodesJson!, speakersJson!, commonJson!, listedJson!]);
  if (!json) return null;
  const [episodes, speakers, common, listedTerms] = json;
  const [
    offsets,
    times,
    episodeOf,
    speakerOf,
    commonDense,
    commonOffsets,
    commonBytes,
    listedOffsets,
    listedBytes,
    df,
    lengths,
    wordOffsets,
    words,
    codes,
  ] = views;
  return {
    version: stored.version,
    chunks: chunkKeys.map((key, k) => [key, parts[STRINGS.length + k]!]),
    vocabulary: { terms: vocabularyTerms!, df: df as Uint32Array, sounds: vocabularySounds! },
    common: {
      lines: { terms: common as string[], offsets: commonOffsets as Uint32Array, bytes: commonBytes as Uint8Array },
      dense: commonDense as Uint32Array,
    },
    listed: { terms: listedTerms as string[], offsets: listedOffsets as Uint32Array, bytes: listedBytes as Uint8Array },
    corpus: {
      episodes: episodes as KeptIndex['corpus']['episodes'],
      episodeOf: episodeOf as EpisodeColumn,
      times: times as TimeColumn,
      speakerOf: speakerOf as SpeakerColumn,
      speakers: speakers as string[],
      text: {
        kind: 'coded',
        codes: codes as Uint8Array,
        offsets: offsets as Uint32Array,
        lengths: lengths as Uint16Array,
        words: words as Uint8Array,
        wordOffsets: wordOffsets as Uint32Array,
      },
    },
  };
}

/** Damaged bytes can hold anything: null when any is not JSON (keptProblem checks the shapes). */
function parseJson(texts: string[]): unknown[] | null {
  try {
    return texts.map((t) => JSON.parse(t) as unknown);
  } catch {
    return null;
  }
}

const end = (part: [number, number] | unknown): number =>
  Array.isArray(part) && Number.isInteger(part[0]) && Number.isInteger(part[1]) ? part[0] + part[1] : NaN;

function fits(start: number, bytes: number, align: number, size: number): boolean {
  return (
    Number.isInteger(start) &&
    Number.isInteger(bytes) &&
    start >= 0 &&
    bytes >= 0 &&
    start % align === 0 &&
    bytes % align === 0 &&
    start + bytes <= size
  );
}
