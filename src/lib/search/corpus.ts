import type { EpisodeFile } from '../data-format';

/** What search needs to know of an episode. */
export interface EngineEpisode {
  id: string;
  number: number | null;
  title: string;
  date: string | null;
}

/**
 * Every segment of every episode, as parallel typed arrays indexed by document number, and all text
 * in one string with offsets: compact in memory, and cloned into IndexedDB and back in one copy.
 */
export interface SearchCorpus {
  episodes: EngineEpisode[];
  episodeOf: Uint32Array;
  times: Float64Array;
  /** Index into `speakers`, or -1. */
  speakerOf: Int32Array;
  speakers: string[];
  text: string;
  /** Document d's text is text.slice(offsets[d], offsets[d + 1]). */
  offsets: Uint32Array;
}

export function textOf(corpus: SearchCorpus, doc: number): string {
  return corpus.text.slice(corpus.offsets[doc], corpus.offsets[doc + 1]);
}

export function documentCount(corpus: SearchCorpus): number {
  return corpus.episodeOf.length;
}

/** Fills a corpus episode by episode, as data files arrive. */
export class CorpusBuilder {
  private readonly episodeOf: Uint32Array;
  private readonly times: Float64Array;
  private readonly speakerOf: Int32Array;
  private readonly offsets: Uint32Array;
  private readonly parts: string[] = [];
  private readonly speakers: string[] = [];
  private readonly speakerIds = new Map<string, number>();
  private doc = 0;
  private length = 0;

  constructor(
    private readonly episodes: EngineEpisode[],
    totalSegments: number,
  ) {
    this.episodeOf = new Uint32Array(totalSegments);
    this.times = new Float64Array(totalSegments);
    this.speakerOf = new Int32Array(totalSegments);
    this.offsets = new Uint32Array(totalSegments + 1);
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
    const first = this.doc;
    const texts: string[] = [];
    for (const [t, speaker, text] of file.segments) {
      if (this.doc >= this.episodeOf.length) throw new Error('more segments than the catalogue announced');
      this.episodeOf[this.doc] = episodeIndex;
      this.times[this.doc] = t;
      this.speakerOf[this.doc] = speaker >= 0 ? (local[speaker] ?? -1) : -1;
      this.offsets[this.doc] = this.length;
      this.parts.push(text);
      texts.push(text);
      this.length += text.length;
      this.doc++;
    }
    return { first, texts };
  }

  finish(): SearchCorpus {
    const n = this.doc;
    this.offsets[n] = this.length;
    return {
      episodes: this.episodes,
      episodeOf: this.episodeOf.subarray(0, n),
      times: this.times.subarray(0, n),
      speakerOf: this.speakerOf.subarray(0, n),
      speakers: this.speakers,
      text: this.parts.join(''),
      offsets: this.offsets.subarray(0, n + 1),
    };
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
