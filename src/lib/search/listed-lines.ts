/**
 * The listed tier's lines (postings.ts) while an index is built. When the build has counted each term's lines
 * (the catalogue's `frequentTermLines`), they are written straight into one typed array, each term in a range
 * of its own: growing thousands of arrays one line at a time was a sixth of a first visit's indexing. Without
 * counts, or when a count proves short, each term's lines grow in an array of their own.
 */
import type { ListedTerms } from './postings';

export class ListedLinesBuilder {
  /** Counted ranges: term k's lines go in `docs[starts[k] … starts[k + 1])`, `next[k]` is where the next goes. */
  private docs: Uint32Array | null = null;
  private starts: Uint32Array | null = null;
  private next: Uint32Array | null = null;
  /** Growing lists, per term, when there are no counts to trust. */
  private lists: number[][] | null = null;
  /** Term → k, made by the first snapshot (see soFar). */
  private indexOf: Map<string, number> | null = null;

  /** `lines[k]`: on how many lines term k is, as the build counted (omitted: unknown). */
  constructor(
    readonly terms: readonly string[],
    lines?: readonly number[],
  ) {
    if (!lines) {
      this.lists = terms.map(() => []);
      return;
    }
    const starts = new Uint32Array(terms.length + 1);
    for (let k = 0; k < terms.length; k++) starts[k + 1] = starts[k]! + lines[k]!;
    this.starts = starts;
    this.next = starts.slice(0, terms.length);
    this.docs = new Uint32Array(starts[terms.length]!);
  }

  /** Records that term k is on line `doc` (lines arrive in ascending order). */
  add(k: number, doc: number): void {
    const next = this.next;
    if (next) {
      const at = next[k]!;
      if (at < this.starts![k + 1]!) {
        this.docs![at] = doc;
        next[k] = at + 1;
        return;
      }
      this.uncount();
    }
    this.lists![k]!.push(doc);
  }

  /**
   * Each term's lines so far, as views valid until the next `add`, each made when asked: a Map of every term's
   * view, made afresh for each snapshot, took 5 ms at 12,288 terms.
   */
  soFar(): ListedTerms {
    const indexOf = (this.indexOf ??= new Map(this.terms.map((term, k) => [term, k])));
    return {
      has: (term) => indexOf.has(term),
      get: (term) => {
        const k = indexOf.get(term);
        return k === undefined ? undefined : this.linesOf(k);
      },
    };
  }

  /** Each term's lines, once every line is added. */
  finish(): Map<string, Uint32Array> {
    return new Map(this.terms.map((term, k) => [term, this.lists ? Uint32Array.from(this.lists[k]!) : (this.linesOf(k) as Uint32Array)]));
  }

  private linesOf(k: number): ArrayLike<number> {
    if (this.lists) return this.lists[k]!;
    return this.docs!.subarray(this.starts![k], this.next![k]);
  }

  /** A count was short (a catalogue that does not match its data): every term grows a list of its own from now. */
  private uncount(): void {
    this.lists = this.terms.map((_, k) => Array.from(this.linesOf(k)));
    this.docs = this.starts = this.next = null;
  }
}
