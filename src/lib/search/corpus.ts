import type { EpisodeFile } from '../data-format';

/** What search needs to know of an episode. */
export interface EngineEpisode {
  id: string;
  number: number | null;
  title: string;
  date: string | null;
}

/** Every segment of every episode, as parallel arrays indexed by document number. */
export interface SearchCorpus {
  episodes: EngineEpisode[];
  episodeOf: Uint32Array;
  times: Float64Array;
  /** Index into `speakers`, or -1. */
  speakerOf: Int32Array;
  speakers: string[];
  texts: string[];
}

export function buildCorpus(parts: { episode: EngineEpisode; file: EpisodeFile }[]): SearchCorpus {
  const total = parts.reduce((n, p) => n + p.file.segments.length, 0);
  const episodeOf = new Uint32Array(total);
  const times = new Float64Array(total);
  const speakerOf = new Int32Array(total);
  const texts: string[] = new Array<string>(total);
  const speakers: string[] = [];
  const speakerIds = new Map<string, number>();
  let doc = 0;
  parts.forEach(({ file }, episodeIndex) => {
    const local = file.speakers.map((name) => {
      let id = speakerIds.get(name);
      if (id === undefined) {
        id = speakers.push(name) - 1;
        speakerIds.set(name, id);
      }
      return id;
    });
    for (const [t, speaker, text] of file.segments) {
      episodeOf[doc] = episodeIndex;
      times[doc] = t;
      speakerOf[doc] = speaker >= 0 ? (local[speaker] ?? -1) : -1;
      texts[doc] = text;
      doc++;
    }
  });
  return { episodes: parts.map((p) => p.episode), episodeOf, times, speakerOf, speakers, texts };
}
