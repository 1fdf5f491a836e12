/** The production builds the browser tests serve. */
export const BUILDS = {
  /** `npm run build`: the bundled transcripts. */
  main: 'dist',
  /** Same data, another app version: for the update flow. */
  next: 'dist-e2e-next',
  /** Built over test/fixtures/hostile: hostile speech. */
  hostile: 'dist-e2e-hostile',
  /** Served from a subfolder: BASE=/podcast/. */
  subfolder: 'dist-e2e-subfolder',
  /** Built over test/fixtures/formats: WebVTT and SRT lines with fractional and shared start times. */
  formats: 'dist-e2e-formats',
  /** The same podcast after an update: timings shifted by 3 s, one line reworded, episode 2 removed. */
  formatsNext: 'dist-e2e-formats-next',
  /** Built over test/fixtures/podcast2: a feed with audio, JSON and HTML transcripts, chapters. */
  podcast2: 'dist-e2e-podcast2',
  /** Built over the shared corpus, when it is there. */
  corpus: 'dist-e2e-corpus',
} as const;

/** The 486 Python Bytes transcripts beside the project (CI always has them). */
export const CORPUS_DIR = '../shared/corpus/pythonbytes';

export const SUBFOLDER_BASE = '/podcast/';
