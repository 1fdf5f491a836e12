/**
 * V8's explicit compile hint on the page's script. The app's script runs nearly every function it holds as the
 * page opens (the router, the stores, the screen's components). Without the hint V8 compiles each function on the
 * main thread the first time it is called, in the middle of mounting the app and drawing the first results. With
 * it, V8 (Chrome 136 and later) compiles them all on a background thread while the script streams in. Other
 * engines read it as a comment.
 *
 * Lighthouse's blocking time, medians of eight alternated runs: `/` 201 → 58 ms, `/search?q=pandas` 315 → 160 ms.
 * The worker's script (built on its own) is left without: with the hint, a warm start's first search was no quicker.
 */
import type { Plugin } from 'vite';

/** Must be the script's first line. */
export const EAGER_COMPILE_HINT = '//# allFunctionsCalledOnLoad';

export function eagerCompilePlugin(): Plugin {
  return {
    name: 'eager-compile-hint',
    apply: 'build',
    // The file's name must change with what it holds: the hint is added after the names are made.
    augmentChunkHash(chunk) {
      return chunk.isEntry ? EAGER_COMPILE_HINT : undefined;
    },
    // After minification, which would drop the comment; the build writes no source maps to shift.
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type === 'chunk' && file.isEntry) file.code = `${EAGER_COMPILE_HINT}\n${file.code}`;
      }
    },
  };
}
