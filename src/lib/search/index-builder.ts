/** Builds a SearchIndex batch by batch, so the worker can index one data file while fetching the next. */
import { documentCount, textOf, type SearchCorpus } from './corpus';
import { indexTermsOf } from './normalize';
import { TermTable } from './term-table';
import { packListed, unpackListed, wordsFor } from './postings';
import { RarePostings } from './rare-postings';
import type { SearchIndex } from './search-index';
import { Vocabulary } from './vocabulary';

/**
 * The most frequent terms (`the`, `and`, `python`…) hold most postings. They live in bitsets (one bit per
 * line) instead of FlexSearch, which makes the index build about twice as fast and its export smaller.
 */
const COMMON_TERMS = 128;
/**
 * The next most frequent terms keep plain lists of their lines (postings.ts): at 1,000 episodes they hold
 * about a sixth of all (term, line) pairs, half of what was left to FlexSearch.
 */
const LISTED_TERMS = 384;
/** Both tiers are chosen by counting terms on up to this many lines of the first batch indexed. */
const COMMON_SAMPLE = 20_000;
/** `tierOf` for a term in FlexSearch; a listed term k is `LISTED - k`, a common term its bitset row (≥ 0). */
const RARE = -1;
const LISTED = -2;

export class IndexBuilder {
  private readonly rare = new RarePostings();
  private readonly words: number;
  private readonly commonBits: Uint32Array;
  private common: string[] | null = null;
  private readonly listed = new Map<string, number[]>();
  private readonly lists: number[][] = [];
  private readonly table = new TermTable();
  // Per term id: document frequency, the last line counted (to count each once), its tier (see RARE).
  private df = new Int32Array(1 << 14);
  private lastDoc = new Int32Array(1 << 14).fill(-1);
  private tierOf = new Int32Array(1 << 14).fill(RARE);

  constructor(totalLines: number) {
    this.words = wordsFor(totalLines);
    this.commonBits = new Uint32Array(COMMON_TERMS * this.words);
  }

  /** Lines `first`, `first + 1`… with these texts. */
  add(first: number, texts: string[]): void {
    if (!this.common) this.chooseTiers(texts);
    const { table, commonBits } = this;
    const rare = this.rare.index;
    const terms = table.terms;
    const rareTerms: string[] = [];
    for (let k = 0; k < texts.length; k++) {
      const doc = first + k;
      rareTerms.length = 0;
      const bit = 1 << (doc & 31);
      const word = doc >>> 5;
      const count = table.scan(texts[k]!);
      const ids = table.ids;
      this.fit(terms.length - 1);
      const { df, lastDoc, tierOf, lists } = this;
      for (let t = 0; t < count; t++) {
        const id = ids[t]!;
        if (lastDoc[id] === doc) continue;
        lastDoc[id] = doc;
        df[id]!++;
        const tier = tierOf[id]!;
        if (tier >= 0) commonBits[tier + word]! |= bit;
        // One string object per term: FlexSearch finds its hash already computed.
        else if (tier === RARE) rareTerms.push(terms[id]!);
        else lists[LISTED - tier]!.push(doc);
      }
      // FlexSearch's typings want a string; its encoder (rare-postings.ts) takes the array as it is, and `add`
      // only reads it, so one array serves every line.
      if (rareTerms.length) rare.add(doc, rareTerms as unknown as string);
    }
  }

  /** Grows the per-term arrays to hold term id `id`. */
  private fit(id: number): void {
    if (id < this.df.length) return;
    const size = Math.max(this.df.length * 2, id + 1);
    const grow = (from: Int32Array, fill: number) => {
      const to = new Int32Array(size).fill(fill);
      to.set(from);
      return to;
    };
    this.df = grow(this.df, 0);
    this.lastDoc = grow(this.lastDoc, -1);
    this.tierOf = grow(this.tierOf, RARE);
  }

  private chooseTiers(texts: string[]): void {
    const ranked = frequentTermsOf(texts, COMMON_TERMS + LISTED_TERMS);
    this.common = ranked.slice(0, COMMON_TERMS);
    ranked.forEach((term, rank) => {
      const id = this.table.idOf(term);
      this.fit(id);
      if (rank < COMMON_TERMS) this.tierOf[id] = rank * this.words;
      else {
        this.tierOf[id] = LISTED - this.lists.length;
        this.lists.push([]);
        this.listed.set(term, this.lists.at(-1)!);
      }
    });
  }

  /**
   * The index over the lines added so far, to search while more arrive. It shares the growing postings, so
   * it is valid until the next `add`; its vocabulary skips sound-alikes, which would cost a keystroke 0.2 s.
   */
  snapshot(corpus: SearchCorpus): SearchIndex {
    return { ...this.parts(corpus, false), commonWords: this.words };
  }

  finish(corpus: SearchCorpus): SearchIndex {
    const words = wordsFor(documentCount(corpus));
    // Fewer lines than announced: the bitsets' rows are narrowed to the lines there are, as a kept index expects.
    const commonBits = words === this.words ? this.commonBits : restride(this.commonBits, this.words, words);
    return { ...this.parts(corpus, true), commonBits, commonWords: words };
  }

  private parts(corpus: SearchCorpus, complete: boolean): Omit<SearchIndex, 'commonWords'> {
    const df = new Map<string, number>();
    this.table.terms.forEach((term, id) => {
      if (this.df[id]! > 0) df.set(term, this.df[id]!);
    });
    return {
      corpus,
      rare: this.rare,
      common: this.common ?? [],
      commonBits: this.commonBits,
      // While indexing, the growing lists themselves; complete, one packed array.
      listed: complete ? unpackListed(packListed(this.listed)) : this.listed,
      // Sound-alikes only once complete: see snapshot.
      vocabulary: new Vocabulary(df, undefined, complete),
    };
  }
}

function restride(bits: Uint32Array, from: number, to: number): Uint32Array {
  const out = new Uint32Array(COMMON_TERMS * to);
  for (let row = 0; row < COMMON_TERMS; row++) out.set(bits.subarray(row * from, row * from + to), row * to);
  return out;
}

/** Indexes a whole corpus in one go (Node, tests); the worker feeds an IndexBuilder as data arrives. */
export function buildIndex(corpus: SearchCorpus): SearchIndex {
  const n = documentCount(corpus);
  const builder = new IndexBuilder(n);
  builder.add(
    0,
    Array.from({ length: n }, (_, doc) => textOf(corpus, doc)),
  );
  return builder.finish(corpus);
}

/** The `count` most frequent terms, counted on a sample of the first batch (stable for a given corpus). */
function frequentTermsOf(texts: string[], count: number): string[] {
  const df = new Map<string, number>();
  const step = Math.max(1, Math.floor(texts.length / COMMON_SAMPLE));
  for (let doc = 0; doc < texts.length; doc += step) {
    for (const term of new Set(indexTermsOf(texts[doc]!))) df.set(term, (df.get(term) ?? 0) + 1);
  }
  return [...df.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, count)
    .map(([term]) => term);
}
