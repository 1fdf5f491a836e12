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
} as const;

export const SUBFOLDER_BASE = '/podcast/';
