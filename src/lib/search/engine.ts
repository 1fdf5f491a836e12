/**
 * The search engine: FlexSearch holds the postings (term → segments); this module expands each query
 * word into the terms it may mean (exact, prefix, one typo), intersects, ranks, groups and snippets.
 * Pure: runs in the worker and in Node for tests and benchmarks.
 */
import { Index } from 'flexsearch';
import { compareRecency } from '../data-format';
import { momentRefAt } from '../deeplink';
import { documentCount, episodeLines, textOf, type SearchCorpus } from './corpus';
import { keptProblem } from './kept-check';
import { snippetParts, type TermMatcher } from './highlight';
import { indexTermsOf, termsOf } from './normalize';
import { parseQuery, type QuerySlot } from './query';
import { EMPTY_RESPONSE, type GroupResult, type MomentResult, type SearchRequest, type SearchResponse } from './types';
import { MIN_TYPO_LENGTH, Vocabulary } from './vocabulary';

const KEPT_VERSION = 5;
const WEIGHT = { exact: 1, prefix: 0.85, typo: 0.6 } as const;
const MOMENTS_PER_GROUP = 3;
const KEPT_PER_GROUP = 10;
const PROXIMITY_CANDIDATES = 300;
const MAX_SUGGESTIONS = 5;

/**
 * The most frequent terms (`the`, `and`, `python`…) hold most postings. They live in bitsets (one bit per
 * segment) instead of FlexSearch, which makes the index build about twice as fast and its export smaller.
 */
const COMMON_TERMS = 128;
/** Common terms are counted on up to this many segments of the first batch indexed. */
const COMMON_SAMPLE = 20_000;

/** What the worker keeps in IndexedDB so a warm start never rebuilds. */
export interface KeptIndex {
  version: number;
  chunks: [string, string][];
  vocabulary: { terms: string; df: Uint32Array };
  common: string[];
  commonBits: Uint32Array;
  /** The texts and times too: a warm start needs nothing else. */
  corpus: SearchCorpus;
}

interface Alternative {
  term: string;
  weight: number;
}

// Terms arrive already folded and split, joined by spaces; FlexSearch only splits them again.
const splitFolded = (text: string): string[] => (text === '' ? [] : text.split(' '));
const newIndex = () => new Index({ tokenize: 'strict', resolution: 1, cache: false, encode: splitFolded });

export class SearchEngine {
  private readonly count: Uint8Array;
  private readonly slotMark: Uint8Array;
  private readonly score: Float32Array;
  private readonly lengths: Uint16Array;
  private readonly averageLength: number;
  private readonly years: Int32Array;
  /** The filter mask when no filter is set: built once, not per keystroke. */
  private readonly everyEpisode: Uint8Array;

  private readonly commonIndex: Map<string, number>;
  private readonly words: number;

  private constructor(
    private readonly corpus: SearchCorpus,
    private readonly index: Index,
    private readonly vocabulary: Vocabulary,
    private readonly common: string[],
    private readonly commonBits: Uint32Array,
  ) {
    const n = documentCount(corpus);
    this.words = wordsFor(n);
    this.commonIndex = new Map(common.map((term, i) => [term, i]));
    this.count = new Uint8Array(n);
    this.slotMark = new Uint8Array(n);
    this.score = new Float32Array(n);
    this.lengths = new Uint16Array(n);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const len = Math.min(65535, corpus.offsets[i + 1]! - corpus.offsets[i]!);
      this.lengths[i] = len;
      sum += len;
    }
    this.averageLength = n ? sum / n : 1;
    this.years = Int32Array.from(corpus.episodes, (e) => (e.date ? Number(e.date.slice(0, 4)) : 0));
    this.everyEpisode = new Uint8Array(corpus.episodes.length).fill(1);
  }

  get documentCount(): number {
    return documentCount(this.corpus);
  }

  /** Every line's text and time, for finding favourites again. */
  get lines(): SearchCorpus {
    return this.corpus;
  }

  /** Build in one go (Node, tests); the worker feeds an IndexBuilder as data arrives instead. */
  static build(corpus: SearchCorpus): SearchEngine {
    const n = documentCount(corpus);
    const builder = new IndexBuilder(n);
    builder.add(
      0,
      Array.from({ length: n }, (_, doc) => textOf(corpus, doc)),
    );
    return builder.finish(corpus);
  }

  /** @internal used by IndexBuilder */
  static fromParts(corpus: SearchCorpus, index: Index, df: Map<string, number>, common: string[], commonBits: Uint32Array): SearchEngine {
    return new SearchEngine(corpus, index, new Vocabulary(df), common, commonBits);
  }

  /** Rebuild from what `keep()` gave, with the same corpus; null when the kept data is from another version or damaged. */
  static async restore(kept: KeptIndex): Promise<SearchEngine | null> {
    if (keptProblem(kept, KEPT_VERSION) !== null) return null;
    const index = newIndex();
    for (const [key, data] of kept.chunks) await index.import(key, data);
    return new SearchEngine(kept.corpus, index, Vocabulary.unpack(kept.vocabulary), kept.common, kept.commonBits);
  }

  async keep(): Promise<KeptIndex> {
    const chunks: [string, string][] = [];
    await this.index.export((key: string, data: string) => {
      chunks.push([key, data]);
    });
    return {
      version: KEPT_VERSION,
      chunks,
      vocabulary: this.vocabulary.pack(),
      common: this.common,
      commonBits: this.commonBits,
      corpus: this.corpus,
    };
  }

  search(request: SearchRequest): SearchResponse {
    const parsed = parseQuery(request.q);
    if (parsed.slots.length === 0) return EMPTY_RESPONSE;
    const slots = parsed.slots.map((slot) => this.alternatives(slot));
    const matcher: TermMatcher = {
      terms: [...new Set(slots.flat().map((a) => a.term))],
      prefixes: parsed.slots.filter((s) => s.prefix).map((s) => s.term),
    };
    const allowed = this.allowedEpisodes(request);
    const touched = this.accumulate(slots, allowed);
    try {
      const required = slots.length;
      let best = 0;
      for (const doc of touched) if (this.count[doc]! > best) best = this.count[doc]!;
      const partial = best < required;
      // A moment should have every word; failing that, the most of them, as long as that is at least half.
      if (best === 0 || (partial && best < Math.ceil(required / 2))) {
        return { ...EMPTY_RESPONSE, matcher, suggestions: this.suggest(parsed.slots) };
      }
      let candidates = touched.filter((doc) => this.count[doc] === best);
      if (parsed.phrases.length) candidates = candidates.filter((doc) => this.hasPhrases(doc, parsed.phrases));
      if (candidates.length === 0) return { ...EMPTY_RESPONSE, matcher, suggestions: this.suggest(parsed.slots) };
      this.rank(
        candidates,
        parsed.slots.map((s) => s.term),
      );
      return this.respond(candidates, request, matcher, partial);
    } finally {
      for (const doc of touched) {
        this.count[doc] = 0;
        this.slotMark[doc] = 0;
        this.score[doc] = 0;
      }
    }
  }

  /** The terms a query word may stand for, best first. */
  private alternatives(slot: QuerySlot): Alternative[] {
    const found: Alternative[] = [];
    if (this.vocabulary.has(slot.term)) found.push({ term: slot.term, weight: WEIGHT.exact });
    if (slot.prefix) for (const term of this.vocabulary.withPrefix(slot.term)) found.push({ term, weight: WEIGHT.prefix });
    if (slot.term.length >= MIN_TYPO_LENGTH) {
      for (const term of this.vocabulary.withinOneEdit(slot.term)) {
        if (!found.some((a) => a.term === term)) found.push({ term, weight: WEIGHT.typo });
      }
    }
    return found;
  }

  private allowedEpisodes(request: SearchRequest): Uint8Array {
    if (!request.years && !request.numbers) return this.everyEpisode;
    return Uint8Array.from(this.corpus.episodes, (episode, i) => {
      const year = this.years[i]!;
      if (request.years && (year < request.years.from || year > request.years.to)) return 0;
      if (request.numbers && (episode.number === null || episode.number < request.numbers.from || episode.number > request.numbers.to))
        return 0;
      return 1;
    });
  }

  /** One pass over every posting: per document, how many query words it has and a tf-idf-like score. */
  private accumulate(slots: Alternative[][], allowed: Uint8Array): number[] {
    const touched: number[] = [];
    const n = this.documentCount;
    const { count, slotMark, score } = this;
    const episodeOf = this.corpus.episodeOf;
    slots.forEach((alternatives, slotIndex) => {
      const mark = slotIndex + 1;
      for (const alt of alternatives) {
        const weight = alt.weight * Math.log(1 + n / Math.max(1, this.vocabulary.frequency(alt.term)));
        const visit = (doc: number) => {
          if (slotMark[doc] === mark || allowed[episodeOf[doc]!] === 0) return;
          if (count[doc] === 0) touched.push(doc);
          slotMark[doc] = mark;
          count[doc]!++;
          score[doc]! += weight;
        };
        const bitset = this.commonIndex.get(alt.term);
        if (bitset !== undefined) {
          forEachBit(this.commonBits, bitset * this.words, this.words, visit);
        } else {
          const ids = this.index.search(alt.term, { limit: n }) as number[];
          for (let k = 0; k < ids.length; k++) visit(ids[k]!);
        }
      }
    });
    return touched;
  }

  /** Final order: score, shorter segments first among equals, words side by side and in order boosted. */
  private rank(candidates: number[], queryTerms: string[]): void {
    const { score, lengths, averageLength } = this;
    for (const doc of candidates) score[doc] = score[doc]! / Math.sqrt(0.5 + (0.5 * lengths[doc]!) / averageLength);
    candidates.sort((a, b) => score[b]! - score[a]! || a - b);
    if (queryTerms.length < 2) return;
    const head = candidates.slice(0, PROXIMITY_CANDIDATES);
    for (const doc of head) score[doc] = score[doc]! * (1 + 0.2 * this.adjacentPairs(doc, queryTerms));
    head.sort((a, b) => score[b]! - score[a]! || a - b);
    candidates.splice(0, head.length, ...head);
  }

  private adjacentPairs(doc: number, queryTerms: string[]): number {
    const terms = termsOf(textOf(this.corpus, doc));
    let pairs = 0;
    for (let i = 0; i + 1 < queryTerms.length; i++) {
      for (let p = 0; p + 1 < terms.length; p++) {
        if (terms[p] === queryTerms[i] && terms[p + 1]!.startsWith(queryTerms[i + 1]!)) {
          pairs++;
          break;
        }
      }
    }
    return pairs;
  }

  private hasPhrases(doc: number, phrases: string[][]): boolean {
    const joined = ` ${termsOf(textOf(this.corpus, doc)).join(' ')} `;
    return phrases.every((phrase) => joined.includes(` ${phrase.join(' ')} `));
  }

  private respond(ranked: number[], request: SearchRequest, matcher: TermMatcher, partial: boolean): SearchResponse {
    const { corpus, score } = this;
    const byEpisode = new Map<number, { count: number; docs: number[] }>();
    const perYear = new Map<number, number>();
    for (const doc of ranked) {
      const episode = corpus.episodeOf[doc]!;
      let group = byEpisode.get(episode);
      if (!group) byEpisode.set(episode, (group = { count: 0, docs: [] }));
      group.count++;
      if (group.docs.length < KEPT_PER_GROUP) group.docs.push(doc); // `ranked` is best first
      const year = this.years[episode]!;
      if (year) perYear.set(year, (perYear.get(year) ?? 0) + 1);
    }
    const order = [...byEpisode.entries()];
    if (request.sort === 'newest') {
      order.sort(([a], [b]) => compareRecency(corpus.episodes[b]!, corpus.episodes[a]!));
    } else {
      order.sort(([, a], [, b]) => score[b.docs[0]!]! - score[a.docs[0]!]!);
    }
    const limit = request.limit ?? 20;
    const groups: GroupResult[] = order.slice(0, limit).map(([episodeIndex, group]) => {
      const episode = corpus.episodes[episodeIndex]!;
      return {
        episodeId: episode.id,
        number: episode.number,
        title: episode.title,
        date: episode.date,
        count: group.count,
        moments: group.docs.slice(0, MOMENTS_PER_GROUP).map((doc) => this.moment(doc, matcher)),
      };
    });
    const top = ranked.slice(0, 10).map((doc) => ({ episodeId: corpus.episodes[corpus.episodeOf[doc]!]!.id, t: corpus.times[doc]! }));
    const years = [...perYear.entries()].sort(([a], [b]) => a - b).map(([year, count]) => ({ year, count }));
    return { total: ranked.length, groups, groupCount: byEpisode.size, top, years, suggestions: [], partial, matcher };
  }

  private moment(doc: number, matcher: TermMatcher): MomentResult {
    const { corpus } = this;
    const speaker = corpus.speakerOf[doc]!;
    const text = textOf(corpus, doc);
    const episodeId = corpus.episodes[corpus.episodeOf[doc]!]!.id;
    return {
      episodeId,
      ...momentRefAt(corpus.times, doc, episodeLines(corpus, episodeId)!.start),
      ...(speaker >= 0 && { speaker: corpus.speakers[speaker]! }),
      text,
      parts: snippetParts(text, matcher),
    };
  }

  private suggest(slots: QuerySlot[]): string[] {
    const found = new Set<string>();
    for (const slot of slots) {
      for (const term of this.vocabulary.closest(slot.term, 3)) if (term !== slot.term) found.add(term);
    }
    return [...found].slice(0, MAX_SUGGESTIONS);
  }
}

const wordsFor = (documents: number) => Math.ceil(documents / 32);

/** The most frequent terms, counted on a sample of the first batch (stable for a given corpus). */
function commonTermsOf(texts: string[]): string[] {
  const df = new Map<string, number>();
  const step = Math.max(1, Math.floor(texts.length / COMMON_SAMPLE));
  for (let doc = 0; doc < texts.length; doc += step) {
    for (const term of new Set(indexTermsOf(texts[doc]!))) df.set(term, (df.get(term) ?? 0) + 1);
  }
  return [...df.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, COMMON_TERMS)
    .map(([term]) => term);
}

/** Indexes documents batch by batch, so the worker can index one data file while fetching the next. */
export class IndexBuilder {
  private readonly index = newIndex();
  private readonly words: number;
  private readonly commonBits: Uint32Array;
  private common: string[] | null = null;
  // One map lookup per token: document frequency, last document seen (to count each once), bitset if common.
  private readonly stats = new Map<string, { df: number; lastDoc: number; bitset: number }>();

  constructor(totalDocuments: number) {
    this.words = wordsFor(totalDocuments);
    this.commonBits = new Uint32Array(COMMON_TERMS * this.words);
  }

  add(first: number, texts: string[]): void {
    if (!this.common) {
      this.common = commonTermsOf(texts);
      this.common.forEach((term, i) => this.stats.set(term, { df: 0, lastDoc: -1, bitset: i * this.words }));
    }
    const { stats, commonBits, index } = this;
    const rare: string[] = [];
    for (let k = 0; k < texts.length; k++) {
      const doc = first + k;
      rare.length = 0;
      const bit = 1 << (doc & 31);
      const word = doc >>> 5;
      for (const term of indexTermsOf(texts[k]!)) {
        let stat = stats.get(term);
        if (!stat) stats.set(term, (stat = { df: 0, lastDoc: -1, bitset: -1 }));
        if (stat.lastDoc === doc) continue;
        stat.lastDoc = doc;
        stat.df++;
        if (stat.bitset < 0) rare.push(term);
        else commonBits[stat.bitset + word]! |= bit;
      }
      if (rare.length) index.add(doc, rare.join(' '));
    }
  }

  finish(corpus: SearchCorpus): SearchEngine {
    const df = new Map([...this.stats].map(([term, stat]) => [term, stat.df]));
    return SearchEngine.fromParts(corpus, this.index, df, this.common ?? [], this.commonBits);
  }
}

function forEachBit(bits: Uint32Array, from: number, words: number, visit: (doc: number) => void): void {
  for (let w = 0; w < words; w++) {
    let x = bits[from + w]!;
    while (x !== 0) {
      const low = x & -x;
      visit(w * 32 + 31 - Math.clz32(low));
      x ^= low;
    }
  }
}
