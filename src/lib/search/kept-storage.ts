/**
 * How a kept index is laid out in IndexedDB: its large arrays and FlexSearch's postings in one Blob, the rest
 * in a small record. Chromium reads a Blob back about three times faster than the same bytes as typed arrays
 * inside a record (31 MB: 35 ms against 105 ms), and a warm start at 1,000 episodes reads some 60 MB.
 * The bytes are untrusted: `fromStored` checks the layout before making views, and `keptProblem` the rest.
 */
import type { KeptIndex } from './search-index';

type Numbers = Uint8Array | Uint32Array | Int32Array | Float64Array;
type NumbersType = typeof Uint8Array | typeof Uint32Array | typeof Int32Array | typeof Float64Array;

/** The large arrays, in the order they lie in the Blob. */
const ARRAYS: [name: string, type: NumbersType, get: (k: KeptIndex) => Numbers][] = [
  ['times', Float64Array, (k) => k.corpus.times],
  ['episodeOf', Uint32Array, (k) => k.corpus.episodeOf],
  ['speakerOf', Int32Array, (k) => k.corpus.speakerOf],
  ['offsets', Uint32Array, (k) => k.corpus.offsets],
  ['commonBits', Uint32Array, (k) => k.commonBits],
  ['listedOffsets', Uint32Array, (k) => k.listed.offsets],
  ['listedDocs', Uint32Array, (k) => k.listed.docs],
  ['df', Uint32Array, (k) => k.vocabulary.df],
  ['text', Uint8Array, (k) => k.corpus.text],
];

export interface StoredIndex {
  version: number;
  episodes: KeptIndex['corpus']['episodes'];
  speakers: string[];
  common: string[];
  listedTerms: string[];
  vocabularyTerms: string;
  vocabularySounds: string;
  chunkKeys: string[];
  /** Per array of ARRAYS, then per chunk (UTF-8): its byte offset and length in `data`. */
  layout: [start: number, bytes: number][];
  /**
   * The arrays, then the chunks: the arrays' part is read into one buffer, the chunks' into another. Bytes
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
  const place = (bytes: Uint8Array | Numbers) => {
    // Every array starts on a multiple of 8, so a Float64Array can view it in place.
    const pad = (8 - (at % 8)) % 8;
    if (pad) parts.push(new Uint8Array(pad));
    at += pad;
    layout.push([at, bytes.byteLength]);
    parts.push(bytes as Uint8Array<ArrayBuffer>);
    at += bytes.byteLength;
  };
  for (const [, , get] of ARRAYS) place(get(kept));
  for (const [, data] of kept.chunks) place(encoder.encode(data));
  return {
    version: kept.version,
    episodes: kept.corpus.episodes,
    speakers: kept.corpus.speakers,
    common: kept.common,
    listedTerms: kept.listed.terms,
    vocabularyTerms: kept.vocabulary.terms,
    vocabularySounds: kept.vocabulary.sounds,
    chunkKeys: kept.chunks.map(([key]) => key),
    layout,
    data: new Blob(parts),
  };
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
  if (layout.length !== ARRAYS.length + chunkKeys.length) return null;
  const arraysEnd = end(layout[ARRAYS.length - 1]);
  const chunksEnd = chunkKeys.length ? end(layout.at(-1)) : arraysEnd;
  const size = data instanceof Blob ? data.size : data.byteLength;
  if (!(arraysEnd <= chunksEnd && chunksEnd === size)) return null;
  // From a Blob, two buffers: the arrays stay in memory as views of the first; the second is dropped once decoded.
  const [arrays, chunks, chunksAt] =
    data instanceof Blob
      ? [...(await Promise.all([data.slice(0, arraysEnd).arrayBuffer(), data.slice(arraysEnd).arrayBuffer()])), arraysEnd]
      : [data.buffer as ArrayBuffer, data.buffer as ArrayBuffer, 0];
  const views: Numbers[] = [];
  for (let i = 0; i < ARRAYS.length; i++) {
    const type = ARRAYS[i]![1];
    const [start, bytes] = layout[i]!;
    if (!fits(start, bytes, type.BYTES_PER_ELEMENT, arrays.byteLength)) return null;
    views.push(new type(arrays, start, bytes / type.BYTES_PER_ELEMENT));
  }
  const texts: [string, string][] = [];
  for (let k = 0; k < chunkKeys.length; k++) {
    const [start, bytes] = layout[ARRAYS.length + k]!;
    if (!fits(start - chunksAt, bytes, 1, chunks.byteLength)) return null;
    texts.push([chunkKeys[k]!, decoder.decode(new Uint8Array(chunks, start - chunksAt, bytes))]);
  }
  const [times, episodeOf, speakerOf, offsets, commonBits, listedOffsets, listedDocs, df, text] = views;
  return {
    version: stored.version,
    chunks: texts,
    vocabulary: { terms: stored.vocabularyTerms, df: df as Uint32Array, sounds: stored.vocabularySounds },
    common: stored.common,
    commonBits: commonBits as Uint32Array,
    listed: { terms: stored.listedTerms, offsets: listedOffsets as Uint32Array, docs: listedDocs as Uint32Array },
    corpus: {
      episodes: stored.episodes,
      episodeOf: episodeOf as Uint32Array,
      times: times as Float64Array,
      speakerOf: speakerOf as Int32Array,
      speakers: stored.speakers,
      text: text as Uint8Array,
      offsets: offsets as Uint32Array,
    },
  };
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
