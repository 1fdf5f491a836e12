/**
 * The match table of a query: one pass over the postings of every form of every query word gives the
 * lines that match any, in ascending order, with how much of each word each holds (the best of its forms,
 * weighted by rarity). Holds scratch arrays the size of the corpus, reset after each query.
 */
import { FORM_WEIGHT, type Form } from './expand';
import type { MatchTable } from './moments';
import { setBits, type Postings } from './postings';
import type { Vocabulary } from './vocabulary';
import type { EpisodeColumn } from './corpus';
import { grownTo } from '../typed-arrays';

/** Entries of `rows` kept between queries (256 KB): a table of 16,000 lines of a four-word query. */
const ROWS_KEPT = 1 << 16;

export class MatchTableBuilder {
  /** Per line: 1 + its row in the table being built (0: not matched yet). */
  private readonly row: Int32Array;
  /** Per line: how many parts of a compound typed as one word it holds, while they are looked up. */
  private readonly half: Uint8Array;
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
    this.half = new Uint8Array(episodeOf.length);
    this.marks = new Uint32Array(Math.ceil(episodeOf.length / 32));
  }

  /**
   * `onlyAdds[s]`: word s is so common it cannot make a row on its own, only add to rows other words made.
   * `allowed[episode]`: 0 for episodes a filter leaves out.
   */
  build(forms: Form[][], onlyAdds: boolean[], allowed: Uint8Array): MatchTable {
    const n = this.episodeOf.length;
    const slots = forms.length;
    const { row, half, marks, postings, vocabulary } = this;
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
          this.visit(lines, lines.length, slots, s, weight, onlyAdds[s]!, filter);
        } else {
          // A compound typed as one word: lines holding all its parts (marks count the parts seen so far).
          const marked = postings.linesOf(form.terms[0]!);
          const both = new Uint32Array(marked.length); // the lines holding every part are among the first's
          for (let i = 0; i < marked.length; i++) half[marked[i]!] = 1;
          let count = 0;
          for (let part = 1; part < form.terms.length; part++) {
            const lines = postings.linesOf(form.terms[part]!);
            const last = part === form.terms.length - 1;
            for (let i = 0; i < lines.length; i++) {
              const doc = lines[i]!;
              if (half[doc] !== part) continue;
              if (last) both[count++] = doc;
              else half[doc] = part + 1;
            }
          }
          for (let i = 0; i < marked.length; i++) half[marked[i]!] = 0;
          this.visit(both, count, slots, s, weight, onlyAdds[s]!, filter);
        }
      }
    }
    // Ascending line order (episode by episode, in time), from the marks: no sort.
    const docs = setBits(marks, 0, marks.length);
    marks.fill(0);
    const { rows } = this;
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
    // A query of common words can grow it to megabytes: not kept for the next.
    if (rows.length > ROWS_KEPT) this.rows = new Float32Array(ROWS_KEPT);
    if (this.joined.length > ROWS_KEPT / 4) this.joined = new Uint32Array(ROWS_KEPT / 4);
    return { docs, weights, slots };
  }

  /**
   * Word s holds `weight` on each of `lines[0 … count)`: a line not in the table yet joins it (unless the word
   * only adds, or a filter leaves its episode out), and each keeps the best weight of the word's forms.
   */
  private visit(
    lines: ArrayLike<number>,
    count: number,
    slots: number,
    s: number,
    weight: number,
    onlyAdds: boolean,
    filter: Uint8Array | null,
  ): void {
    if (!onlyAdds) this.reserve(this.rowCount + count, slots);
    const { row, marks, joined, rows, episodeOf } = this;
    let rowCount = this.rowCount;
    for (let i = 0; i < count; i++) {
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
    this.rowCount = rowCount;
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
