/** Builds a SearchIndex batch by batch, so the worker can index one data file while fetching the next. */
import { documentCount, textOf, type SearchCorpus } from './corpus';
import { TermTable } from './term-table';
import { ListedLinesBuilder } from './listed-lines';
import { wordsFor } from './line-bits';
import { RarePostings } from './rare-postings';
import type { SearchIndex } from './search-index';
import { Vocabulary } from './vocabulary';
import { grownTo } from '../typed-arrays';

/**
 * The most frequent terms (`the`, `and`, `python`…) hold most postings. They live in bitsets (one bit per
 * line) instead of FlexSearch, which makes the index build about twice as fast and its export smaller.
 */
const COMMON_TERMS = 128;
/**
 * The next most frequent terms keep plain lists of their lines (postings.ts). FlexSearch's work per (term,
 * line) pair was the largest part of a first visit's indexing: with the next 4,096 terms listed (ranked over
 * the whole corpus by the build), it keeps only terms on few lines, and indexing 972 episodes one by one
 * takes 1.7 s instead of 2.7 s (Node; 384 listed terms ranked on the first episode before). FlexSearch still
 * costs some 1.5 µs a pair: up to 12,288 listed terms, down to 8 lines each, leave it 42,000 pairs instead of
 * 192,000 at 972 episodes, and a Chromium worker indexes them in 1.27 s instead of 1.49 s.
 */
const LISTED_TERMS = 12_288;
/** How many ranked terms the tiers take: the build ranks this many for the worker (`frequentTerms`). */
export const TIERED_TERMS = COMMON_TERMS + LISTED_TERMS;

/** Terms most frequent first, and on how many lines each is (when counted over every line). */
export interface RankedTerms {
  terms: readonly string[];
  lines?: readonly number[];
}
/**
 * Without a ranking from the build (your transcripts, tests), both tiers are chosen by counting terms on up to
 * this many lines of the first batch indexed, and only this many are listed: a sample ranks no more well.
 */
const COMMON_SAMPLE = 20_000;
const SAMPLED_LISTED_TERMS = 384;
/**
 * A term on fewer lines gains little from a list of its own (the catalogue would carry it for a handful of
 * pairs): the build's ranking stops above it.
 */
export const LISTED_MIN_LINES = 8;
/** `tierOf` for a term in FlexSearch; a listed term k is `LISTED - k`, a common term its bitset row (≥ 0). */
const RARE = -1;
const LISTED = -2;

export class IndexBuilder {
  private readonly rare = new RarePostings();
  private readonly words: number;
  private readonly commonBits: Uint32Array;
  private common: string[] | null = null;
  private listed: ListedLinesBuilder | null = null;
  private readonly table = new TermTable();
  // Per term id: document frequency, the last line counted (to count each once), its tier (see RARE).
  private df = new Int32Array(1 << 14);
  private lastDoc = new Int32Array(1 << 14).fill(-1);
  private tierOf = new Int32Array(1 << 14).fill(RARE);

  /**
   * `ranked`: the corpus's most frequent terms, most frequent first, and on how many lines each is (the
   * catalogue's, from the build), for the tiers; without it they are counted on a sample of the first batch.
   */
  constructor(
    totalLines: number,
    private readonly ranked?: RankedTerms,
  ) {
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
      const { df, lastDoc, tierOf } = this;
      const listed = this.listed!;
      for (let t = 0; t < count; t++) {
        const id = ids[t]!;
        if (lastDoc[id] === doc) continue;
        lastDoc[id] = doc;
        df[id]!++;
        const tier = tierOf[id]!;
        if (tier >= 0) commonBits[tier + word]! |= bit;
        // One string object per term: FlexSearch finds its hash already computed.
        else if (tier === RARE) rareTerms.push(terms[id]!);
        else listed.add(LISTED - tier, doc);
      }
      // FlexSearch's typings want a string; its encoder (rare-postings.ts) takes the array as it is, and `add`
      // only reads it, so one array serves every line.
      if (rareTerms.length) rare.add(doc, rareTerms as unknown as string);
    }
  }

  /** Grows the per-term arrays to hold term id `id`. */
  private fit(id: number): void {
    if (id < this.df.length) return;
    this.df = grownTo(this.df, id + 1);
    this.lastDoc = grownTo(this.lastDoc, id + 1, -1);
    this.tierOf = grownTo(this.tierOf, id + 1, RARE);
  }

  private chooseTiers(texts: string[]): void {
    const { terms, lines } = this.ranked
      ? onceEach(this.ranked)
      : { terms: frequentTermsOf(texts, COMMON_TERMS + SAMPLED_LISTED_TERMS, COMMON_SAMPLE).terms, lines: undefined };
    this.common = terms.slice(0, COMMON_TERMS);
    this.listed = new ListedLinesBuilder(terms.slice(COMMON_TERMS), lines?.slice(COMMON_TERMS));
    terms.forEach((term, rank) => {
      const id = this.table.idOf(term);
      this.fit(id);
      this.tierOf[id] = rank < COMMON_TERMS ? rank * this.words : LISTED - (rank - COMMON_TERMS);
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
    // The terms on some line so far, in order, and their frequencies (a ranked term may be on none yet).
    const { terms } = this.table;
    const inOrder = this.table.idsInOrder();
    const sorted: string[] = [];
    const counts = new Uint32Array(inOrder.length);
    for (const id of inOrder) {
      const lines = this.df[id] ?? 0;
      if (lines > 0) counts[sorted.push(terms[id]!) - 1] = lines;
    }
    return {
      corpus,
      rare: this.rare,
      common: this.common ?? [],
      commonBits: this.commonBits,
      // While indexing, views of the lines so far; complete, one packed array.
      listed: !this.listed ? new Map() : complete ? this.listed.finish() : this.listed.soFar(),
      // Sound-alikes only once complete: see snapshot.
      vocabulary: Vocabulary.fromSorted(sorted, counts.slice(0, sorted.length), complete),
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

/**
 * The `count` most frequent index terms of `texts` (by how many lines hold each), most frequent first, ties in
 * term order: counted on every line, or on about `sample` lines spread over them. Stable for given texts.
 */
export function frequentTermsOf(texts: readonly string[], count: number, sample = Infinity, minLines = 1): RankedTerms {
  const table = new TermTable();
  let df = new Int32Array(1 << 14);
  let lastDoc = new Int32Array(1 << 14).fill(-1);
  const step = Math.max(1, Math.floor(texts.length / sample));
  for (let doc = 0; doc < texts.length; doc += step) {
    const found = table.scan(texts[doc]!);
    if (table.terms.length > df.length) {
      df = grownTo(df, table.terms.length);
      lastDoc = grownTo(lastDoc, table.terms.length, -1);
    }
    for (let t = 0; t < found; t++) {
      const id = table.ids[t]!;
      if (lastDoc[id] === doc) continue;
      lastDoc[id] = doc;
      df[id]!++;
    }
  }
  const { terms } = table;
  const ranked = terms
    .map((_, id) => id)
    .filter((id) => df[id]! >= minLines)
    .sort((a, b) => df[b]! - df[a]! || (terms[a]! < terms[b]! ? -1 : 1))
    .slice(0, count);
  return { terms: ranked.map((id) => terms[id]!), lines: ranked.map((id) => df[id]!) };
}

/** The ranking the build puts in the catalogue for the worker's tiers (`IndexBuilder`'s `ranked`). */
export const rankTermsForTiers = (texts: readonly string[]): RankedTerms =>
  frequentTermsOf(texts, TIERED_TERMS, Infinity, LISTED_MIN_LINES);

/**
 * Each term once, with its count: a term ranked twice would get a bitset row and a list, and be looked up in
 * the empty one. Only the tiers' share of the ranking.
 */
function onceEach({ terms, lines }: RankedTerms): RankedTerms {
  const seen = new Set<string>();
  const kept: number[] = [];
  for (let k = 0; k < terms.length && kept.length < TIERED_TERMS; k++) {
    if (seen.has(terms[k]!)) continue;
    seen.add(terms[k]!);
    kept.push(k);
  }
  return { terms: kept.map((k) => terms[k]!), lines: lines && kept.map((k) => lines[k]!) };
}
