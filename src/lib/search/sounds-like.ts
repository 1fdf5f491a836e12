/**
 * Speech-to-text writes the names it does not know as words it does: `pyjion` as "Pigeon", `pylyzer` as
 * "pileizer", `pandarallel` as "Pandarello". A word that matched nothing may still sound like terms of the
 * index; Double Metaphone (a well-kept library) gives both the same key.
 */
import { doubleMetaphone } from 'double-metaphone';

/** Shorter keys (`MK`) sound like hundreds of words: they say nothing. */
const MIN_KEY = 3;
const MIN_TERM = 4;

/** A word's sound keys, doubled letters collapsed (`PNTRLL` and `PNTRL` are one sound). */
function soundKeys(term: string): string[] {
  if (term.length < MIN_TERM || /\d/.test(term)) return [];
  const keys = new Set(doubleMetaphone(term).map((key) => key.replace(/(.)\1+/g, '$1')));
  return [...keys].filter((key) => key.length >= MIN_KEY);
}

/**
 * Terms by sound key. Keying the whole vocabulary takes a fifth of a second, so it is done in small
 * steps while the worker is idle (`prepare`), or at once by the first query that needs it; a kept index
 * keeps the keys (`pack`), so a warm start only reads them.
 */
export class SoundIndex {
  private readonly byKey = new Map<string, string[]>();
  private next = 0;
  /**
   * Keys kept from an earlier launch, each line after a newline, looked up where they lie: reading them all
   * into `byKey` took 20–30 ms of the first query at 1,000 episodes; finding a key takes some 50 µs.
   */
  private packed: string | null = null;

  constructor(private readonly terms: readonly string[]) {}

  /** The keys of `terms` as `pack` gave them. */
  static unpack(terms: readonly string[], packed: string): SoundIndex {
    const sounds = new SoundIndex(terms);
    sounds.packed = `\n${packed}`;
    sounds.next = terms.length;
    return sounds;
  }

  /** Every key with its terms, a `key<TAB>term term…` line each (terms never hold spaces, tabs or newlines). */
  pack(): string {
    if (this.packed !== null) return this.packed.slice(1);
    this.prepare();
    return [...this.byKey].map(([key, terms]) => `${key}\t${terms.join(' ')}`).join('\n');
  }

  /** Keys terms for about `budgetMs`; true once every term is keyed. */
  prepare(budgetMs = Infinity): boolean {
    const end = performance.now() + budgetMs;
    const { terms, byKey } = this;
    while (this.next < terms.length) {
      const term = terms[this.next++]!;
      for (const key of soundKeys(term)) {
        const bucket = byKey.get(key);
        if (bucket) bucket.push(term);
        else byKey.set(key, [term]);
      }
      if ((this.next & 255) === 0 && performance.now() > end) break;
    }
    return this.next >= terms.length;
  }

  /** Terms that sound like `term` (itself excluded). */
  lookup(term: string): string[] {
    this.prepare();
    const found = new Set<string>();
    for (const key of soundKeys(term)) for (const other of this.termsOf(key)) if (other !== term) found.add(other);
    return [...found];
  }

  private termsOf(key: string): readonly string[] {
    const packed = this.packed;
    if (packed === null) return this.byKey.get(key) ?? [];
    const line = packed.indexOf(`\n${key}\t`);
    if (line < 0) return [];
    const from = line + key.length + 2;
    const end = packed.indexOf('\n', from);
    return packed.slice(from, end < 0 ? undefined : end).split(' ');
  }
}
