/**
 * Show notes, searched as each episode's description: a field of its own, apart from the speech index.
 * An episode's notes match when they hold every query word (as typed, or any single-word form search found
 * for it); they are listed below the moments of speech, with the words marked.
 */
import type { Form } from './expand';
import { snippetParts, type TermMatcher } from './highlight';
import { wordSpans } from './normalize';
import type { QuerySlot } from './query';
import type { NotesResult } from './types';

/** How many episodes' notes an answer lists. */
const MAX_NOTES_RESULTS = 10;

/** Plain text of show notes the build sanitised (so only simple tags and the escapes below remain). */
export function notesText(html: string): string {
  return html
    .replace(/<\/?(?:p|br|li|ul|ol|h\d|blockquote|pre)\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(
      /&(lt|gt|quot|#39|apos|nbsp|amp);/g,
      (_, name: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ', amp: '&' })[name]!,
    )
    .replace(/\s+/g, ' ')
    .trim();
}

/** Each episode's notes as terms, worked out once (per keystroke it would cost a pass over every note). */
const termCache = new WeakMap<object, string[]>();
function termsOfNotes(episode: object, notes: string): string[] {
  let terms = termCache.get(episode);
  if (!terms) termCache.set(episode, (terms = [...new Set(wordSpans(notes).map((s) => s.term))]));
  return terms;
}

export function searchNotes(
  notes: readonly { id: string; notes?: string }[],
  slots: QuerySlot[],
  forms: Form[][],
  allowed: Uint8Array,
  matcher: TermMatcher,
): NotesResult[] {
  const wanted = slots.map((slot, i) => ({
    slot,
    terms: new Set([slot.term, ...forms[i]!.filter((f) => f.terms.length === 1).map((f) => f.terms[0]!)]),
  }));
  const results: NotesResult[] = [];
  notes.forEach((episode, i) => {
    if (!episode.notes || !allowed[i] || results.length >= MAX_NOTES_RESULTS) return;
    const terms = termsOfNotes(episode, episode.notes);
    const holdsEvery = wanted.every(({ slot, terms: ok }) => terms.some((t) => ok.has(t) || (slot.prefix && t.startsWith(slot.term))));
    if (!holdsEvery) return;
    const marking = { terms: [...matcher.terms, ...wanted.flatMap((w) => [...w.terms])], prefixes: matcher.prefixes };
    results.push({ episodeId: episode.id, parts: snippetParts(episode.notes, marking) });
  });
  return results;
}
