/**
 * The match table of a query: one pass over the postings of every form of every query word gives the
 * lines that match any, in ascending order, with how much of each word each holds (the best of its forms,
 * weighted by rarity). Holds scratch arrays the size of the corpus, reset after each query.
 */
import { FORM_WEIGHT, type Form } from './expand';
import type { MatchTable } from './moments';
import { setBits } from './line-bits';
import type { Postings } from './postings';
import type { Vocabulary } from './vocabulary';
import type { EpisodeColumn } from './corpus';
import { grownTo } from '../typed-arrays';

/** Entries of `rows` kept between queries (256 KB): a table of 16,000 lines of a four-word query. */
const ROWS_KEPT = 1 << 16;

export class MatchTableBuilder {
  /** Per line: 1 + its row in the table being built (0: not matched yet). */
  private readonly row: Int32Array;
  /** One bit per line in the table being built: read back word by word, they give its lines in ascending order. */
  private readonly marks: Uint32Array;
  /** rows[r * slots + s]: how much row r holds of query word s. Kept between queries, zeroed as it is read. */
  private rows = new Float32Array(ROWS_KEPT);
  /** The lines of the table being built, in the order they joined it (`rowCount` of them). */
  private joined = new Uint32Array(ROWS_KEPT / 4);
  private rowCount = 0;

  constructor(
    private readonly postings: Postings,
    private readonly vocabulary: Vocabulary,
    private readonly episodeOf: EpisodeColumn,
  ) {
    this.row = new Int32Array(episodeOf.length);
    this.marks = new Uint32Array(Math.ceil(episodeOf.length / 32));
  }

  /**
   * `onlyAdds[s]`: word s is so common it cannot make a row on its own, only add to rows other words made.
   * `allowed[episode]`: 0 for episodes a filter leaves out.
   */
  build(forms: Form[][], onlyAdds: boolean[], allowed: Uint8Array): MatchTable {
    const n = this.episodeOf.length;
    const slots = forms.length;
    const { marks, postings, vocabulary } = this;
    // No filter (nearly every query): no look-up of each line's episode.
    const filter = allowed.indexOf(0) >= 0 ? allowed : null;
    this.rowCount = 0;
    const idf = (lines: number) => Math.log(1 + n / Math.max(1, lines));
    const order = forms.map((_, s) => s).sort((a, b) => Number(onlyAdds[a]) - Number(onlyAdds[b]));
    for (const s of order) {
      const slotForms = forms[s]!;
      const exact = slotForms.find((f) => f.kind === 'exact');
      // An expansion never outweighs the word typed: a rare prefix extension is not a better match.
      const cap = exact ? idf(vocabulary.frequency(exact.terms[0]!)) : Infinity;
      for (const form of slotForms) {
        const weight = FORM_WEIGHT[form.kind] * Math.min(cap, idf(Math.min(...form.terms.map((t) => vocabulary.frequency(t)))));
        const test = onlyAdds[s] && form.terms.length === 1 ? postings.lineTest(form.terms[0]!) : null;
        if (test) {
          // Fewer lines matched so far than this word is on: test each of them instead of walking its lines.
          this.addToMatched(test, slots, s, weight);
        } else if (form.terms.length === 1) {
          const lines = postings.linesOf(form.terms[0]!);
          this.rowCount = this.visit(lines, slots, s, weight, onlyAdds[s]!, filter);
        } else {
          // A compound typed as one word: lines holding all its parts.
          const both = this.linesWithAll(form.terms);
          this.rowCount = this.visit(both, slots, s, weight, onlyAdds[s]!, filter);
        }
      }
    }
    // Ascending line order (episode by episode, in time), from the marks: no sort.
    const docs = setBits(marks, 0, marks.length);
    marks.fill(0);
    const weights = this.takeWeights(docs, slots);
    // A query of common words can grow it to megabytes: not kept for the next.
    if (this.rows.length > ROWS_KEPT) this.rows = new Float32Array(ROWS_KEPT);
    if (this.joined.length > ROWS_KEPT / 4) this.joined = new Uint32Array(ROWS_KEPT / 4);
    return { docs, weights, slots };
  }

  /**
   * Word s holds `weight` on each of `lines`: a line not in the table yet joins it (unless the word
   * only adds, or a filter leaves its episode out), and each keeps the best weight of the word's forms.
   * Returns the new row count, which the caller stores: see takeWeights for why nothing follows the loop.
   */
  private visit(lines: Uint32Array, slots: number, s: number, weight: number, onlyAdds: boolean, filter: Uint8Array | null): number {
    if (!onlyAdds) this.reserve(this.rowCount + lines.length, slots);
    const { row, marks, joined, rows, episodeOf } = this;
    let rowCount = this.rowCount;
    for (let i = 0; i < lines.length; i++) {
      const doc = lines[i]!;
      let r = row[doc]!;
      if (r === 0) {
        if (onlyAdds || (filter !== null && filter[episodeOf[doc]!] === 0)) continue;
        joined[rowCount] = doc;
        r = row[doc] = ++rowCount;
        marks[doc >>> 5]! |= 1 << (doc & 31);
      }
      const at = (r - 1) * slots + s;
      if (weight > rows[at]!) rows[at] = weight;
    }
    return rowCount;
  }

  /** The lines holding every one of `terms` (a compound typed as one word), ascending. */
  private linesWithAll(terms: string[]): Uint32Array {
    let lines = this.postings.linesOf(terms[0]!);
    for (let part = 1; part < terms.length && lines.length > 0; part++) {
      const next = this.postings.linesOf(terms[part]!);
      const both = new Uint32Array(Math.min(lines.length, next.length));
      lines = both.subarray(0, intersectInto(lines, next, both));
    }
    return lines;
  }

  /**
   * The weights of the table's rows in line order (`docs`), zeroing the scratch rows for the next query.
   *
   * Its own function, with nothing after the loop but the return, as are the other loops of search and of a warm
   * start. V8 compiles a long loop while it first runs (on-stack replacement), before the code after it has ever
   * run, and that code then threw the compiled loop away: once per warm start, or on nearly every query of a
   * fresh worker. In the benchmark's first 150 queries at 1,000 episodes that was some 300 times, and it made
   * their p95 twice that of the same queries again.
   */
  private takeWeights(docs: Uint32Array, slots: number): Float32Array {
    const { row, rows } = this;
    const weights = new Float32Array(docs.length * slots);
    for (let k = 0; k < docs.length; k++) {
      const doc = docs[k]!;
      const from = (row[doc]! - 1) * slots;
      for (let s = 0; s < slots; s++) {
        weights[k * slots + s] = rows[from + s]!;
        rows[from + s] = 0;
      }
      row[doc] = 0;
    }
    return weights;
  }

  /** Word s holds `weight` on each line already in the table that passes `test`. */
  private addToMatched(test: (doc: number) => boolean, slots: number, s: number, weight: number): void {
    const { row, joined, rows, rowCount } = this;
    for (let k = 0; k < rowCount; k++) {
      const doc = joined[k]!;
      if (!test(doc)) continue;
      const at = (row[doc]! - 1) * slots + s;
      if (weight > rows[at]!) rows[at] = weight;
    }
  }

  /** Room for `lines` rows of `slots` words, keeping those filled. */
  private reserve(lines: number, slots: number): void {
    if (lines * slots > this.rows.length) this.rows = grownTo(this.rows, lines * slots);
    if (lines > this.joined.length) this.joined = grownTo(this.joined, lines);
  }
}

/**
 * Writes the lines in both ascending lists to `into`, and says how many. A loop of its own, with nothing after
 * it: see takeWeights.
 */
function intersectInto(a: Uint32Array, b: Uint32Array, into: Uint32Array): number {
  let count = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      into[count++] = x;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return count;
}
