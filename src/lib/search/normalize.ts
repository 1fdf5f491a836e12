/** One way to turn text into search terms, shared by indexing, querying and highlighting. */

const NON_ASCII = /[\u0080-\uffff]/;
const MARKS = /\p{M}+/gu;
const CURLY_APOSTROPHES = /[’ʼ]/g;
// Version numbers are one term (`3.12`), as people type and say them.
const WORD_ASCII = /[0-9]+(?:\.[0-9]+)+|[a-z0-9]+/g;
const WORD_UNICODE = /[0-9]+(?:\.[0-9]+)+|[\p{L}\p{N}]+/gu;
const WORD_WITH_APOSTROPHES_ASCII = /[0-9]+(?:\.[0-9]+)+|[a-z0-9]+(?:'[a-z0-9]+)*/g;
const WORD_WITH_APOSTROPHES_UNICODE = /[0-9]+(?:\.[0-9]+)+|[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;
const SPAN = /[0-9]+(?:\.[0-9]+)+|[\p{L}\p{N}]+/gu;
const SPAN_ASCII = /[0-9]+(?:\.[0-9]+)+|[A-Za-z0-9]+/g;

/** `3.12`, `3.14.0`: digits joined by dots. */
export const isVersion = (term: string): boolean => /^[0-9]+(?:\.[0-9]+)+$/.test(term);

/** Lowercase and strip diacritics (`Café` → `cafe`); curly apostrophes become straight ones. */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower.normalize('NFD').replace(MARKS, '').replace(CURLY_APOSTROPHES, "'");
}

/** Query and highlight terms of a text, in order: words split at apostrophes (`that's` → `that`, `s`). */
export function termsOf(text: string): string[] {
  const folded = foldText(text);
  return folded.match(NON_ASCII.test(folded) ? WORD_UNICODE : WORD_ASCII) ?? [];
}

/**
 * Terms to index: the split parts plus the joined form of words with apostrophes
 * (`don't` → `don`, `t`, `dont`), so both `don't` and `dont` find it; a version's numbers, and it with
 * every shorter version it starts with (`3.14.0` → `3`, `14`, `0`, `3.14`, `3.14.0`), so `3.14` finds it.
 */
export function indexTermsOf(text: string): string[] {
  const folded = foldText(text);
  const words = folded.match(NON_ASCII.test(folded) ? WORD_WITH_APOSTROPHES_UNICODE : WORD_WITH_APOSTROPHES_ASCII) ?? [];
  const terms: string[] = [];
  for (const word of words) {
    // Only a version has a dot (the word pattern takes no other), so no regex test per word.
    if (word.includes('.')) {
      const numbers = word.split('.');
      terms.push(...numbers);
      for (let end = 2; end <= numbers.length; end++) terms.push(numbers.slice(0, end).join('.'));
      continue;
    }
    if (!word.includes("'")) {
      terms.push(word);
      continue;
    }
    const parts = word.split("'");
    terms.push(...parts, parts.join(''));
  }
  return terms;
}

/** Word spans of the original text with their folded term, to highlight the original characters. */
export function wordSpans(text: string): { start: number; end: number; term: string }[] {
  const spans: { start: number; end: number; term: string }[] = [];
  // ASCII text (nearly all of it) folds by lowercasing, which keeps every position: fold it once, not per word.
  const lower = NON_ASCII.test(text) ? null : text.toLowerCase();
  const re = new RegExp(lower === null ? SPAN : SPAN_ASCII);
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = m.index + m[0].length;
    spans.push({ start: m.index, end, term: lower === null ? termsOf(m[0]).join('') : lower.slice(m.index, end) });
  }
  return spans;
}
