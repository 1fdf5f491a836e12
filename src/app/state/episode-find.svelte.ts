/**
 * Find in one episode: every typed word in a line (the one being typed as a prefix), stepping through the
 * lines found. Shared by the find bar (which types and steps) and the transcript (which marks and outlines).
 */
import type { TermMatcher } from '../../lib/search/highlight';
import { termsOf } from '../../lib/search/normalize';
import { holdsEvery, MAX_QUERY_CHARS, parseQuery, typedMatcher } from '../../lib/search/query';
import type { Segment } from '../../lib/transcript/model';

const NOTHING: TermMatcher = { terms: [], prefixes: [] };

/** Find runs a little after typing stops, not on every keystroke of a paste. */
const FIND_DELAY_MS = 120;

export class EpisodeFind {
  input = $state('');
  private text = $state('');
  private at = $state(0);
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly segments: () => Segment[]) {}

  private readonly slots = $derived(parseQuery(this.text).slots);
  // Folded once per episode, not on every keystroke.
  private readonly lineTerms = $derived.by(() => this.segments().map((s) => termsOf(s.text)));
  /** Indexes of the lines holding every typed word. */
  readonly found = $derived.by(() => {
    if (this.slots.length === 0) return [];
    const lines: number[] = [];
    this.lineTerms.forEach((terms, i) => {
      if (holdsEvery(terms, this.slots)) lines.push(i);
    });
    return lines;
  });
  readonly active = $derived(this.slots.length > 0);
  /** Which of `found` is current (0-based). */
  readonly position = $derived(Math.min(this.at, Math.max(0, this.found.length - 1)));
  /** The line found now, or -1. */
  readonly current = $derived(this.found.length ? this.found[this.position]! : -1);
  /** What to mark while something is typed, else null. */
  readonly matcher: TermMatcher | null = $derived(this.slots.length ? typedMatcher(this.slots) : null);
  // A new set per change, never mutated after: no need for a reactive one.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly foundLines = $derived(new Set(this.found));

  /**
   * What to mark in line `index`: while finding, the typed words in the lines found and nothing elsewhere (a
   * word like "a" marked on every line says nothing, and re-marking a whole long episode is a long task);
   * otherwise `otherwise` (the search's words).
   */
  markerOf(index: number, otherwise: TermMatcher): TermMatcher {
    if (!this.matcher) return otherwise;
    return this.foundLines.has(index) ? this.matcher : NOTHING;
  }

  typed(): void {
    // `maxlength` alone is not enough: Firefox lets text inserted by script (and by some paste paths) past it.
    if (this.input.length > MAX_QUERY_CHARS) this.input = this.input.slice(0, MAX_QUERY_CHARS);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.text = this.input.slice(0, MAX_QUERY_CHARS);
      this.at = 0;
    }, FIND_DELAY_MS);
  }

  /** Steps to the next (1) or previous (-1) line found; returns it, or -1. */
  move(step: number): number {
    const count = this.found.length;
    if (count === 0) return -1;
    this.at = (this.position + step + count) % count;
    return this.found[this.at]!;
  }
}
