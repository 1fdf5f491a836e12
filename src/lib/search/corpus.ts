import { rowSpeaker, rowText, type EpisodeFile } from '../packs/format';
import type { Chapter } from '../transcript/chapters';
import { lowerBound } from '../lower-bound';
import { notesText } from './show-notes';
import type { Lines } from '../favourites/anchor';
import { lineText, type LineText } from './line-text';
import { toUtf8Offsets } from './utf8-offsets';

/** What search needs to know of an episode. */
export interface EngineEpisode {
  id: string;
  number: number | null;
  title: string;
  date: string | null;
  /** Set when the episode's transcript arrives: a moment's result names its chapter. */
  chapters?: Chapter[];
  /** The show notes as plain text, searched as a field of their own. */
  notes?: string;
}

/**
 * Each line's episode and speaker, in the fewest bytes that hold them all: at 1,000 episodes 2.8 MB less to
 * keep and to read back on every launch (kept-storage.ts). Built and kept alike, so search code meets one type.
 */
export type EpisodeColumn = Uint16Array | Uint32Array;
export type SpeakerColumn = Int8Array | Int16Array | Int32Array;

/**
 * Each line's time in seconds. Built as Float64Array; kept in 2 or 4 bytes a line when every time is a whole
 * second that fits (narrowTimes): 3.4 MB less to read back at 1,000 episodes, whose times all are.
 */
export type TimeColumn = Float64Array | Uint32Array | Uint16Array;

/** `times` in the fewest bytes that hold each exactly. */
export function narrowTimes(times: TimeColumn): TimeColumn {
  if (!(times instanceof Float64Array)) return times;
  let max = 0;
  for (let d = 0; d < times.length; d++) {
    const t = times[d]!;
    if (!Number.isInteger(t) || t < 0 || t > 0xffffffff) return times;
    if (t > max) max = t;
  }
  return max <= 0xffff ? Uint16Array.from(times) : Uint32Array.from(times);
}

/** The column type for episode numbers up to `max`. */
export const episodeColumnFor = (max: number) => (max <= 0xffff ? Uint16Array : Uint32Array);
/** The column type for speaker numbers up to `max`, and -1 for none. */
export const speakerColumnFor = (max: number) => (max <= 0x7f ? Int8Array : max <= 0x7fff ? Int16Array : Int32Array);

/**
 * Every segment of every episode, as parallel typed arrays indexed by document number, and all text in one
 * buffer (line-text.ts): compact in memory, and cloned into IndexedDB and back in one copy.
 */
export interface SearchCorpus {
  episodes: EngineEpisode[];
  episodeOf: EpisodeColumn;
  times: TimeColumn;
  /** Index into `speakers`, or -1. */
  speakerOf: SpeakerColumn;
  speakers: string[];
  /**
   * UTF-8 as built, word codes as kept. Bytes rather than one big string: a JS string turns two-byte at its
   * first character beyond Latin-1 (one dash will do).
   */
  text: LineText;
}

const encoder = new TextEncoder();

export function textOf(corpus: SearchCorpus, doc: number): string {
  return lineText(corpus.text, doc);
}

export function documentCount(corpus: SearchCorpus): number {
  return corpus.episodeOf.length;
}

/** A text buffer sized ahead no larger than this: past it, a damaged catalogue could ask for any size. */
const MAX_PRESIZED = 1 << 30;

/**
 * Fills a corpus episode by episode, as data files arrive. Each episode's text is encoded as it is added,
 * so a snapshot of what is there so far (for searching while indexing) costs nothing.
 */
export class CorpusBuilder {
  private readonly episodeOf: EpisodeColumn;
  private readonly times: Float64Array;
  /** Widened as speakers arrive (see speakerColumnFor). */
  private speakerOf: SpeakerColumn;
  /** In UTF-8 bytes into `text`. */
  private readonly offsets: Uint32Array;
  private text: Uint8Array;
  private readonly speakers: string[] = [];
  private readonly speakerIds = new Map<string, number>();
  private doc = 0;
  private bytes = 0;

  /**
   * `textBytesAtMost`, when known (the catalogue's, see packs/format.ts), sizes the text's buffer once: grown by
   * doubling from 1 MB, the copies and zeroed allocations came to ~0.1 s of a first visit at 1,000 episodes.
   */
  constructor(
    private readonly episodes: EngineEpisode[],
    totalSegments: number,
    textBytesAtMost?: number,
  ) {
    this.text = new Uint8Array(Math.max(0, Math.min(textBytesAtMost ?? 1 << 20, MAX_PRESIZED)));
    this.episodeOf = new (episodeColumnFor(episodes.length - 1))(totalSegments);
    this.times = new Float64Array(totalSegments);
    this.speakerOf = new Int8Array(totalSegments);
    this.offsets = new Uint32Array(totalSegments + 1);
  }

  get lineCount(): number {
    return this.doc;
  }

  /** Adds an episode's segments; returns their texts and first document number, for indexing. */
  add(episodeIndex: number, file: EpisodeFile): { first: number; texts: string[] } {
    const local = file.speakers.map((name) => {
      let id = this.speakerIds.get(name);
      if (id === undefined) {
        id = this.speakers.push(name) - 1;
        this.speakerIds.set(name, id);
      }
      return id;
    });
    const wide = speakerColumnFor(this.speakers.length - 1);
    if (!(this.speakerOf instanceof wide)) this.speakerOf = new wide(this.speakerOf);
    if (file.chapters?.length) this.episodes[episodeIndex]!.chapters = file.chapters;
    if (file.notes) this.episodes[episodeIndex]!.notes = notesText(file.notes);
    const first = this.doc;
    if (first + file.segments.length > this.episodeOf.length) throw new Error('more segments than the catalogue announced');
    const texts: string[] = [];
    // Offsets in UTF-16 units within this episode's text, turned into bytes below.
    const units = new Uint32Array(file.segments.length + 1);
    for (const row of file.segments) {
      const t = row[0];
      const speaker = rowSpeaker(row);
      const text = rowText(row);
      const k = this.doc - first;
      this.episodeOf[this.doc] = episodeIndex;
      this.times[this.doc] = t;
      this.speakerOf[this.doc] = speaker >= 0 ? (local[speaker] ?? -1) : -1;
      units[k + 1] = units[k]! + text.length;
      texts.push(text);
      this.doc++;
    }
    // One encode per episode: per-segment encodeInto calls cost a third of a second in Chromium.
    const joined = texts.join('');
    const encoded = encoder.encodeInto(joined, this.text.subarray(this.bytes));
    const { read } = encoded;
    let { written } = encoded;
    if (read < joined.length) {
      // Out of room: grow to hold the rest at its largest (three bytes per UTF-16 unit) and go on where it stopped
      // (never inside a surrogate pair).
      this.grow(this.bytes + written + (joined.length - read) * 3, this.bytes + written);
      written += encoder.encodeInto(joined.slice(read), this.text.subarray(this.bytes + written)).written;
    }
    if (written !== joined.length) toUtf8Offsets(joined, units);
    for (let k = 0; k <= texts.length; k++) this.offsets[first + k] = this.bytes + units[k]!;
    this.bytes += written;
    return { first, texts };
  }

  /** The corpus so far, as views of the builder's arrays: valid until the next `add`. */
  snapshot(): SearchCorpus {
    const n = this.doc;
    this.offsets[n] = this.bytes;
    return {
      episodes: this.episodes,
      episodeOf: this.episodeOf.subarray(0, n),
      times: this.times.subarray(0, n),
      speakerOf: this.speakerOf.subarray(0, n),
      speakers: this.speakers,
      text: { kind: 'utf8', bytes: this.text.subarray(0, this.bytes), offsets: this.offsets.subarray(0, n + 1) },
    };
  }

  /**
   * The whole corpus. Its text must be a buffer of its exact size (IndexedDB keeps a view's whole buffer): the
   * buffer itself when it was sized exactly (the catalogue's `textBytes`), else a copy. That copy took some
   * 0.1 s of a first visit at 1,000 episodes (30 MB of fresh memory).
   */
  finish(): SearchCorpus {
    const corpus = this.snapshot();
    if (this.bytes === this.text.length) return corpus;
    return { ...corpus, text: { kind: 'utf8', bytes: this.text.slice(0, this.bytes), offsets: corpus.text.offsets } };
  }

  /** To hold `bytes`, keeping the first `kept`. */
  private grow(bytes: number, kept: number): void {
    const grown = new Uint8Array(Math.max(this.text.length * 2, bytes));
    grown.set(this.text.subarray(0, kept));
    this.text = grown;
  }
}

/** All at once, for tests and Node. */
export function buildCorpus(parts: { episode: EngineEpisode; file: EpisodeFile }[]): SearchCorpus {
  const builder = new CorpusBuilder(
    parts.map((p) => p.episode),
    parts.reduce((n, p) => n + p.file.segments.length, 0),
  );
  parts.forEach((p, i) => builder.add(i, p.file));
  return builder.finish();
}

const episodeIndexes = new WeakMap<SearchCorpus, Map<string, number>>();

/**
 * The first line of episode `episode` (by its place in `episodes`), or of the next one with lines when it has
 * none: lines are stored episode by episode, so a binary search finds it with nothing built first (a warm
 * start's first query used to build a map over every line for this).
 */
export function firstLineOf(corpus: SearchCorpus, episode: number): number {
  return lowerBound(corpus.episodeOf.length, (line) => corpus.episodeOf[line]! < episode);
}

/** One episode's lines within the corpus, or null when it has none. */
export function episodeLines(corpus: SearchCorpus, episodeId: string): Lines | null {
  let byId = episodeIndexes.get(corpus);
  if (!byId) episodeIndexes.set(corpus, (byId = new Map(corpus.episodes.map((e, i) => [e.id, i]))));
  const episode = byId.get(episodeId);
  if (episode === undefined) return null;
  const start = firstLineOf(corpus, episode);
  const end = firstLineOf(corpus, episode + 1);
  if (start === end) return null;
  return { times: corpus.times, start, end, textAt: (doc) => textOf(corpus, doc) };
}
