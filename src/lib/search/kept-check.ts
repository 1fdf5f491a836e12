/**
 * A kept index read back from IndexedDB is untrusted: storage can be truncated or damaged, and a bad
 * record would otherwise break search on every launch. Check its shape and sizes before use.
 */
import type { CodedLines } from './line-text';
import type { PackedLines } from './postings';
import type { KeptIndex } from './search-index';

/** Why the kept record cannot be used, or null when it looks whole. */
export function keptProblem(kept: unknown, version: number): string | null {
  if (typeof kept !== 'object' || kept === null) return 'not a record';
  const k = kept as Partial<KeptIndex>;
  if (k.version !== version) return `version ${String(k.version)}, expected ${version}`;
  const c = k.corpus;
  if (!c || typeof c !== 'object') return 'no corpus';
  if (!Array.isArray(c.episodes) || c.episodes.length === 0) return 'no episodes';
  const episodeColumn = c.episodeOf instanceof Uint16Array || c.episodeOf instanceof Uint32Array;
  const speakerColumn = c.speakerOf instanceof Int8Array || c.speakerOf instanceof Int16Array || c.speakerOf instanceof Int32Array;
  const timeColumn = c.times instanceof Float64Array || c.times instanceof Uint32Array || c.times instanceof Uint16Array;
  if (!(episodeColumn && timeColumn && speakerColumn)) return 'wrong table types';
  const text = c.text;
  if (!isCodedLines(text) || !Array.isArray(c.speakers)) return 'wrong text types';
  const { offsets } = text;
  const n = c.episodeOf.length;
  if (n === 0) return 'no lines';
  if (c.times.length !== n || c.speakerOf.length !== n || offsets.length !== n + 1 || text.lengths.length !== n)
    return 'tables of different lengths';
  if (offsets[0] !== 0 || offsets[n] !== text.codes.length) return 'text offsets do not cover the text';
  const { wordOffsets } = text;
  if (wordOffsets[0] !== 0 || wordOffsets.at(-1) !== text.words.length) return 'word offsets do not cover the words';
  const wordBack = firstDecrease(wordOffsets, true);
  if (wordBack >= 0) return `word offsets go backwards at word ${wordBack}`;
  // A loop per column, each as simple as can be: this runs once per launch, mostly before its code is optimised
  // (at 1,000 episodes, in Node: 13 ms with one loop over every check, 11 ms so).
  const textBack = firstDecrease(offsets, false);
  if (textBack >= 0) return `text offsets go backwards at line ${textBack - 1}`;
  const episodeBack = firstDecrease(c.episodeOf, false);
  if (episodeBack >= 0) return `bad episode at line ${episodeBack}`;
  if (c.episodeOf[n - 1]! >= c.episodes.length) return `bad episode at line ${n - 1}`;
  // Whole seconds in unsigned integers are never negative nor infinite: only a Float64Array needs the pass.
  const badTime = c.times instanceof Float64Array ? firstBadTime(c.times) : -1;
  if (badTime >= 0) return `bad time at line ${badTime}`;
  const badSpeaker = firstOutside(c.speakerOf, -1, c.speakers.length - 1);
  if (badSpeaker >= 0) return `bad speaker at line ${badSpeaker}`;
  // Transcripts never hold control characters (the parser drops them), nor codes a zero byte: NULs mean damaged bytes.
  if (hasZeroedRun(text.codes) || hasZeroedRun(text.words)) return 'text holds NUL bytes';
  const v = k.vocabulary;
  if (!v || typeof v.terms !== 'string' || !(v.df instanceof Uint32Array) || typeof v.sounds !== 'string') return 'no vocabulary';
  const terms = v.terms === '' ? 0 : lineCountOf(v.terms);
  if (terms === 0 || terms !== v.df.length) return 'vocabulary is empty or cut short';
  const tierProblem = packedLinesProblem(k.common?.lines, 'common-term') ?? packedLinesProblem(k.listed, 'listed-term');
  if (tierProblem) return tierProblem;
  const dense = k.common!.dense;
  const words = Math.ceil(n / 32);
  if (!(dense instanceof Uint32Array) || dense.length % words !== 0 || dense.length / words > k.common!.lines.terms.length)
    return 'common-term bitsets cut short';
  // Terms beyond the common and listed ones live in FlexSearch's postings, so those cannot be empty.
  if (!Array.isArray(k.chunks) || (k.chunks.length === 0 && terms > k.common!.lines.terms.length + k.listed!.terms.length))
    return 'no postings';
  if (!k.chunks.every((chunk) => Array.isArray(chunk) && typeof chunk[0] === 'string' && chunk[1] instanceof Uint8Array))
    return 'damaged postings';
  return null;
}

function isCodedLines(text: unknown): text is CodedLines {
  const t = text as Partial<CodedLines> | null;
  return (
    typeof t === 'object' &&
    t !== null &&
    t.kind === 'coded' &&
    t.codes instanceof Uint8Array &&
    t.offsets instanceof Uint32Array &&
    t.lengths instanceof Uint16Array &&
    t.words instanceof Uint8Array &&
    t.wordOffsets instanceof Uint32Array &&
    t.wordOffsets.length > 0
  );
}

/** A kept tier's shape; its lines are checked as they are decoded (KeptLines). */
function packedLinesProblem(tier: PackedLines | undefined, name: string): string | null {
  if (!tier || !Array.isArray(tier.terms) || !(tier.offsets instanceof Uint32Array) || !(tier.bytes instanceof Uint8Array))
    return `no ${name} table`;
  const { terms, offsets, bytes } = tier;
  if (offsets.length !== terms.length + 1 || offsets[0] !== 0 || offsets[terms.length] !== bytes.length) return `${name} table cut short`;
  for (let i = 0; i < terms.length; i++) if (offsets[i + 1]! < offsets[i]!) return `${name} offsets go backwards`;
  return null;
}

/** A zeroed run at least this long is always found (damaged storage is zeroed a disk block, 512 bytes or more, at a time). */
export const ZEROED_RUN = 512;

/**
 * Whether `bytes` holds a run of `ZEROED_RUN` zeros, testing one byte in every `ZEROED_RUN`: a test of every
 * byte took 17 ms of a warm start at 1,000 episodes, and a lone NUL would only show as an odd character.
 */
export function hasZeroedRun(bytes: Uint8Array): boolean {
  if (bytes.at(-1) === 0) return true; // a text shorter than a block, zeroed whole
  // Nothing but the return after the loop: see takeWeights in match-table.ts.
  for (let i = ZEROED_RUN - 1; i < bytes.length; i += ZEROED_RUN) if (bytes[i] === 0) return true;
  return false;
}

/** The index of the first value below the one before it (or equal to it, when `strictly`); -1 when none is. */
function firstDecrease(values: ArrayLike<number>, strictly: boolean): number {
  for (let i = 1; i < values.length; i++) {
    if (values[i]! < values[i - 1]! || (strictly && values[i] === values[i - 1])) return i;
  }
  return -1;
}

/** The index of the first time that is not a finite number of seconds from 0; -1 when none is. */
function firstBadTime(times: ArrayLike<number>): number {
  for (let i = 0; i < times.length; i++) if (!(times[i]! >= 0 && times[i]! < Infinity)) return i;
  return -1;
}

/** The index of the first value outside `min … max`; -1 when none is. */
function firstOutside(values: ArrayLike<number>, min: number, max: number): number {
  for (let i = 0; i < values.length; i++) if (values[i]! < min || values[i]! > max) return i;
  return -1;
}

/** How many lines a newline-separated text holds, counted without splitting it (tens of thousands of strings). */
function lineCountOf(text: string): number {
  let count = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return count;
}
