/**
 * The match table of a query: one pass over the postings of every form of every query word gives the
 * lines that match any, in ascending order, with how much of each word each holds (the best of its forms,
 * weighted by rarity). Holds scratch arrays the size of the corpus, reset after each query.
 */
import { FORM_WEIGHT, type Form } from './expand';
import type { MatchTable } from './moments';
import { setBits, type Postings } from './postings';
import type { Vocabulary } from './vocabulary';

export class MatchTableBuilder {
  /** Per line: 1 + its row in the table being built (0: not matched yet). */
  private readonly row: Int32Array;
  /** Per line: how many parts of a compound typed as one word it holds, while they are looked up. */
  private readonly half: Uint8Array;
  /** One bit per line in the table being built: read back word by word, they give its lines in ascending order. */
  private readonly marks: Uint32Array;

  constructor(
    private readonly postings: Postings,
    private readonly vocabulary: Vocabulary,
    private readonly episodeOf: Uint32Array,
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
    const { row, half, marks, episodeOf, postings, vocabulary } = this;
    // No filter (nearly every query): no look-up of each line's episode.
    const filtered = allowed.indexOf(0) >= 0;
    const touched: number[] = [];
    let rows = new Float32Array(1024 * slots);
    const idf = (lines: number) => Math.log(1 + n / Math.max(1, lines));
    const order = forms.map((_, s) => s).sort((a, b) => Number(onlyAdds[a]) - Number(onlyAdds[b]));
    for (const s of order) {
      const slotForms = forms[s]!;
      const exact = slotForms.find((f) => f.kind === 'exact');
      // An expansion never outweighs the word typed: a rare prefix extension is not a better match.
      const cap = exact ? idf(vocabulary.frequency(exact.terms[0]!)) : Infinity;
      for (const form of slotForms) {
        const weight = FORM_WEIGHT[form.kind] * Math.min(cap, idf(Math.min(...form.terms.map((t) => vocabulary.frequency(t)))));
        const visit = (doc: number) => {
          if (filtered && allowed[episodeOf[doc]!] === 0) return;
          let r = row[doc]!;
          if (r === 0) {
            if (onlyAdds[s]) return;
            r = row[doc] = touched.push(doc);
            marks[doc >>> 5]! |= 1 << (doc & 31);
            if (r * slots > rows.length) {
              const grown = new Float32Array(rows.length * 2);
              grown.set(rows);
              rows = grown;
            }
          }
          const at = (r - 1) * slots + s;
          if (weight > rows[at]!) rows[at] = weight;
        };
        const test = onlyAdds[s] && form.terms.length === 1 ? postings.lineTest(form.terms[0]!) : null;
        if (test) {
          // Fewer lines matched so far than this word is on: test each of them instead of walking its lines.
          for (const doc of touched) if (test(doc)) visit(doc);
        } else if (form.terms.length === 1) {
          const lines = postings.linesOf(form.terms[0]!);
          for (let i = 0; i < lines.length; i++) visit(lines[i]!);
        } else {
          // A compound typed as one word: lines holding all its parts (marks count the parts seen so far).
          const marked = postings.linesOf(form.terms[0]!);
          for (let i = 0; i < marked.length; i++) half[marked[i]!] = 1;
          for (let part = 1; part < form.terms.length; part++) {
            const lines = postings.linesOf(form.terms[part]!);
            const last = part === form.terms.length - 1;
            for (let i = 0; i < lines.length; i++) {
              const doc = lines[i]!;
              if (half[doc] !== part) continue;
              if (last) visit(doc);
              else half[doc] = part + 1;
            }
          }
          for (let i = 0; i < marked.length; i++) half[marked[i]!] = 0;
        }
      }
    }
    // Ascending line order (episode by episode, in time), from the marks: no sort.
    const docs = setBits(marks, 0, marks.length);
    marks.fill(0);
    const weights = new Float32Array(docs.length * slots);
    for (let k = 0; k < docs.length; k++) {
      const doc = docs[k]!;
      const from = (row[doc]! - 1) * slots;
      for (let s = 0; s < slots; s++) weights[k * slots + s] = rows[from + s]!;
      row[doc] = 0;
    }
    return { docs, weights, slots };
  }
}
