import type { TermMatcher } from './highlight';
import { termsOf } from './normalize';

/** Longer queries are cut: nobody types more, and it bounds the work a keystroke can cause. */
export const MAX_QUERY_CHARS = 300;
export const MAX_SLOTS = 16;

export interface QuerySlot {
  term: string;
  /** The word the user is still typing: matches terms that start with it. */
  prefix: boolean;
}

export interface ParsedQuery {
  slots: QuerySlot[];
  /** Phrases in double quotes, as term lists that must appear in this order. */
  phrases: string[][];
}

export function parseQuery(raw: string): ParsedQuery {
  const text = raw.slice(0, MAX_QUERY_CHARS);
  // Nothing typed (an episode opened, an empty search page): no pattern to compile on the way to the first screen.
  if (text.trim() === '') return { slots: [], phrases: [] };
  const phrases: string[][] = [];
  // A quote left open while typing still counts as a phrase.
  const withoutPhrases = text.replace(/"([^"]*)(?:"|$)/g, (_m, inner: string) => {
    const terms = termsOf(inner);
    if (terms.length > 1) phrases.push(terms);
    return ` ${inner} `;
  });
  const terms = termsOf(withoutPhrases).slice(0, MAX_SLOTS);
  const endsOpen = /[\p{L}\p{N}]$/u.test(text) && !/"[^"]*"\s*$/.test(text) && (text.match(/"/g)?.length ?? 0) % 2 === 0;
  const seen = new Set<string>();
  const slots: QuerySlot[] = [];
  terms.forEach((term, i) => {
    const prefix = endsOpen && i === terms.length - 1;
    const key = `${term}${prefix ? '*' : ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    slots.push({ term, prefix });
  });
  return { slots, phrases };
}

/** What typed words match as they are, before search expands them: each word, and the one being typed as a prefix. */
export function typedMatcher(slots: QuerySlot[]): TermMatcher {
  return { terms: slots.map((s) => s.term), prefixes: slots.filter((s) => s.prefix).map((s) => s.term) };
}

/** Whether a line's terms hold every typed word (the one being typed as a prefix): find-in-episode's rule. */
export function holdsEvery(lineTerms: string[], slots: QuerySlot[]): boolean {
  return slots.every((slot) => lineTerms.some((term) => (slot.prefix ? term.startsWith(slot.term) : term === slot.term)));
}
