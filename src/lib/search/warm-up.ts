/**
 * Searches a listener might type, made from the index's own lines, for an idle worker to run and throw away.
 * A fresh worker's first searches run in code V8 has not yet compiled for them: over the kept index of 972
 * episodes, a fresh worker's first search took 44–73 ms, and 9–17 ms after these. Run while the worker is
 * idle, they leave the listener's own first keystrokes warmer code. They keep no results and change no answer.
 */
import { documentCount, textOf, type SearchCorpus } from './corpus';
import { termsOf } from './normalize';

/** Lines typed, spread over the corpus, and the words typed of each. */
const LINES = 4;
const WORDS_PER_LINE = 3;
/** A word being typed is searched from this many letters (as the field searches on every keystroke). */
const TYPED_PREFIX = 3;

/**
 * For a few lines spread over the corpus: their first words as typed (a word cut short, then whole, one word
 * after another), the whole query with a slip of the finger in its longest word, and the same with a word said
 * everywhere ("that", "just") before it. Words said everywhere are not searched alone: one alone takes 15–17 ms
 * even in warm code at 972 episodes, five times a typical search, and warms no code the others do not.
 */
export function warmUpQueries(corpus: SearchCorpus, isCommon: (term: string) => boolean): string[] {
  const lines = documentCount(corpus);
  const queries: string[] = [];
  for (let i = 1; i <= LINES && lines > 0; i++) {
    const words = wordsNear(corpus, Math.floor((lines * i) / (LINES + 1)), isCommon);
    if (!words) continue;
    const typed: string[] = [];
    for (const word of words.rare) {
      if (word.length > TYPED_PREFIX) queries.push([...typed, word.slice(0, TYPED_PREFIX)].join(' '));
      typed.push(word);
      queries.push(typed.join(' '));
    }
    const longest = typed.reduce((a, b) => (b.length > a.length ? b : a));
    if (longest.length > TYPED_PREFIX) queries.push(typed.map((w) => (w === longest ? swapped(w) : w)).join(' '));
    if (words.common) queries.push([words.common, ...typed].join(' '));
  }
  return [...new Set(queries)];
}

/** From the first line from `doc` on that has two or more words of some letters not said everywhere: those, and one that is. */
function wordsNear(corpus: SearchCorpus, doc: number, isCommon: (term: string) => boolean): { rare: string[]; common?: string } | null {
  const lines = documentCount(corpus);
  for (let d = doc; d < Math.min(lines, doc + 50); d++) {
    const words = [...new Set(termsOf(textOf(corpus, d)))].filter((w) => w.length >= TYPED_PREFIX);
    const rare = words.filter((w) => !isCommon(w));
    if (rare.length >= 2) return { rare: rare.slice(0, WORDS_PER_LINE), common: words.find(isCommon) };
  }
  return null;
}

/** The word with its second and third letters swapped: a typo the search should still read through. */
const swapped = (word: string): string => word[0] + word[2]! + word[1] + word.slice(3);
