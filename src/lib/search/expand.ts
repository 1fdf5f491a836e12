/**
 * What each query word may stand for in the index: the word itself, its other English forms (Porter stems,
 * from the `stemmer` library), compounds written as one word or two (`dataframe` ↔ `data frame`), and, for
 * the word being typed or a misspelt one, prefix and one-edit neighbours; for a word found nowhere, the
 * words that sound like it. Pure: only the vocabulary is read.
 */
import { stemmer } from 'stemmer';
import { isVersion } from './normalize';
import type { QuerySlot } from './query';
import { MIN_TYPO_LENGTH, type Vocabulary } from './vocabulary';

export type FormKind = 'exact' | 'stem' | 'compound' | 'prefix' | 'typo' | 'sound';

/** How much a form counts against the word typed; an expansion never counts more than the exact word. */
export const FORM_WEIGHT: Record<FormKind, number> = { exact: 1, stem: 0.9, compound: 0.9, prefix: 0.8, typo: 0.6, sound: 0.5 };

/** A line matches a form when it holds every one of its terms (two or three for a compound typed as one word). */
export interface Form {
  kind: FormKind;
  terms: string[];
}

/** Below this many lines, a one-word compound may also be looked for as its two halves. */
const RARE_COMPOUND_LINES = 50;
const MIN_COMPOUND_PART = 2;
const MAX_SPLITS = 3;
const SURELY_SPELT_LINES = 20;

export function expandSlots(slots: QuerySlot[], vocabulary: Vocabulary): Form[][] {
  const forms = slots.map((slot) => formsOf(slot, vocabulary));
  // Two words typed apart that the index holds as one (`data frame` → `dataframe`) count for both.
  for (let i = 0; i + 1 < slots.length; i++) {
    const joined = slots[i]!.term + slots[i + 1]!.term;
    if (!slots[i]!.prefix && vocabulary.has(joined)) {
      forms[i]!.push({ kind: 'compound', terms: [joined] });
      forms[i + 1]!.push({ kind: 'compound', terms: [joined] });
    }
  }
  return forms;
}

function formsOf(slot: QuerySlot, vocabulary: Vocabulary): Form[] {
  const { term } = slot;
  const found: Form[] = [];
  const seen = new Set<string>();
  const add = (kind: FormKind, terms: string[]) => {
    const key = terms.join(' ');
    if (seen.has(key)) return;
    seen.add(key);
    found.push({ kind, terms });
  };
  if (isVersion(term)) return versionForms(slot, vocabulary);
  if (vocabulary.has(term)) add('exact', [term]);
  if (!/\d/.test(term)) {
    // Other forms of the same stem: the vocabulary's terms that start like the stem and stem the same.
    const stem = stemmer(term);
    if (stem.length >= 3) {
      if (vocabulary.has(stem) && stemmer(stem) === stem) add('stem', [stem]);
      for (const other of vocabulary.withPrefix(stem)) if (stemmer(other) === stem) add('stem', [other]);
    }
  }
  if (term.length >= 5 && vocabulary.frequency(term) < RARE_COMPOUND_LINES) {
    for (const parts of splits(term, vocabulary)) add('compound', parts);
  }
  if (slot.prefix) for (const other of vocabulary.withPrefix(term)) add('prefix', [other]);
  // A word the transcripts say often is spelt as meant: its one-edit neighbours are other words, not fixes.
  if (term.length >= MIN_TYPO_LENGTH && vocabulary.frequency(term) < SURELY_SPELT_LINES) {
    for (const other of vocabulary.withinOneEdit(term)) add('typo', [other]);
  }
  // A name nobody says as spelt (`pyjion`) may be written as it sounds ("Pigeon").
  if (found.every((f) => f.kind === 'compound') && term.length >= MIN_TYPO_LENGTH) {
    for (const other of vocabulary.soundsLike(term)) add('sound', [other]);
  }
  return found;
}

/**
 * `3.14.0` said as `3.14`, and a version written nowhere as `Python 3 10` (its numbers in one line). A number
 * is never a typo nor a sound.
 */
function versionForms({ term, prefix }: QuerySlot, vocabulary: Vocabulary): Form[] {
  const found: Form[] = [];
  if (vocabulary.has(term)) found.push({ kind: 'exact', terms: [term] });
  if (prefix) for (const other of vocabulary.withPrefix(term)) if (isVersion(other)) found.push({ kind: 'prefix', terms: [other] });
  const numbers = term.split('.');
  for (let end = numbers.length - 1; end >= 2 && found.length === 0; end--) {
    const shorter = numbers.slice(0, end).join('.');
    if (vocabulary.has(shorter)) found.push({ kind: 'stem', terms: [shorter] });
  }
  if (found.length === 0 && numbers.every((n) => vocabulary.has(n))) found.push({ kind: 'compound', terms: numbers });
  return found;
}

/**
 * `dataframe` → `data` + `frame`, `sqlacodegen` → `sqla` + `code` + `gen`: splits into two (else three) real
 * words, those whose rarest part is most common first. Project names often start with `py`, which
 * speech-to-text writes as `pi` (`pyinstrument` → "PI instrument"), so both are tried. Which split the
 * transcripts really say only their lines can tell, so a few are returned.
 */
function splits(term: string, vocabulary: Vocabulary): string[][] {
  const found: { parts: string[]; lines: number }[] = [];
  const consider = (parts: string[]) => {
    for (const candidate of parts[0] === 'py' ? [parts, ['pi', ...parts.slice(1)]] : [parts]) {
      const lines = Math.min(...candidate.map((p) => vocabulary.frequency(p)));
      if (lines > 0) found.push({ parts: candidate, lines });
    }
  };
  const firstCuts: number[] = [];
  for (let at = MIN_COMPOUND_PART; at <= term.length - MIN_COMPOUND_PART; at++) firstCuts.push(at);
  for (const at of firstCuts) consider([term.slice(0, at), term.slice(at)]);
  if (found.length === 0) {
    for (const a of firstCuts) {
      for (let b = a + MIN_COMPOUND_PART; b <= term.length - MIN_COMPOUND_PART; b++) {
        const parts = [term.slice(0, a), term.slice(a, b), term.slice(b)];
        // Three parts of two letters or fewer say little (`pyjion` is not `py ji on`).
        if (parts.filter((p) => p.length <= MIN_COMPOUND_PART).length < 2) consider(parts);
      }
    }
  }
  return found
    .sort((x, y) => y.lines - x.lines)
    .slice(0, MAX_SPLITS)
    .map((f) => f.parts);
}
