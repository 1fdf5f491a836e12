import { wordSpans } from './normalize';

/** A piece of text to render: `hit` parts go in `<mark>`. Never HTML. */
export interface TextPart {
  text: string;
  hit: boolean;
}

/** Which folded terms count as a match: exact terms, and prefixes for the word being typed. */
export interface TermMatcher {
  terms: string[];
  prefixes: string[];
}

/** A matcher's terms as a set, made once per matcher: a typo or a prefix can stand for dozens of terms. */
const termSets = new WeakMap<TermMatcher, Set<string>>();

export function matches(matcher: TermMatcher, term: string): boolean {
  let terms = termSets.get(matcher);
  if (!terms) termSets.set(matcher, (terms = new Set(matcher.terms)));
  return terms.has(term) || matcher.prefixes.some((p) => term.startsWith(p));
}

/** Split text into parts, marking the words that match. */
export function highlightParts(text: string, matcher: TermMatcher): TextPart[] {
  // Nothing to mark (a transcript read without a query): no need to split it into words.
  if (matcher.terms.length === 0 && matcher.prefixes.length === 0) return text ? [{ text, hit: false }] : [];
  const parts: TextPart[] = [];
  let at = 0;
  for (const span of wordSpans(text)) {
    if (!matches(matcher, span.term)) continue;
    if (span.start > at) parts.push({ text: text.slice(at, span.start), hit: false });
    parts.push({ text: text.slice(span.start, span.end), hit: true });
    at = span.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), hit: false });
  return parts;
}

/** A window of at most `width` characters around the first match, with ellipses where cut. */
export function snippetParts(text: string, matcher: TermMatcher, width = 220): TextPart[] {
  if (text.length <= width) return highlightParts(text, matcher);
  const first = wordSpans(text).find((s) => matches(matcher, s.term));
  const center = first ? first.start : 0;
  let start = Math.max(0, center - Math.floor(width / 3));
  let end = Math.min(text.length, start + width);
  start = Math.max(0, end - width);
  // Cut on word boundaries so no half words show.
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  if (end < text.length) end = text.lastIndexOf(' ', end) > start ? text.lastIndexOf(' ', end) : end;
  const parts = highlightParts(text.slice(start, end), matcher);
  if (start > 0) parts.unshift({ text: '… ', hit: false });
  if (end < text.length) parts.push({ text: ' …', hit: false });
  return parts;
}
