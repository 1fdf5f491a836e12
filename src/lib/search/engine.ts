/**
 * The search engine: FlexSearch holds the postings (term → segments); this module expands each query
 * word into the terms it may mean (exact, prefix, one typo), intersects, ranks, groups and snippets.
 * Pure: runs in the worker and in Node for tests and benchmarks.
 */
import { Index } from 'flexsearch';
import type { SearchCorpus } from './corpus';
import { snippetParts, type TermMatcher } from './highlight';
import { indexTermsOf, termsOf } from './normalize';
import { parseQuery, type QuerySlot } from './query';
import { EMPTY_RESPONSE, type GroupResult, type SearchRequest, type SearchResponse } from './types';
import { MIN_TYPO_LENGTH, Vocabulary } from './vocabulary';

const KEPT_VERSION = 1;
const WEIGHT = { exact: 1, prefix: 0.85, typo: 0.6 } as const;
const MOMENTS_PER_GROUP = 3;
const KEPT_PER_GROUP = 10;
const PROXIMITY_CANDIDATES = 300;
const MAX_SUGGESTIONS = 5;

/** What the worker keeps in IndexedDB so a warm start never rebuilds. */
export interface KeptIndex {
  version: number;
  chunks: [string, string][];
  vocabulary: [string, number][];
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

  private constructor(
    private readonly corpus: SearchCorpus,
    private readonly index: Index,
    private readonly vocabulary: Vocabulary,
  ) {
    const n = corpus.texts.length;
    this.count = new Uint8Array(n);
    this.slotMark = new Uint8Array(n);
    this.score = new Float32Array(n);
    this.lengths = new Uint16Array(n);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const len = Math.min(65535, corpus.texts[i]!.length);
      this.lengths[i] = len;
      sum += len;
    }
    this.averageLength = n ? sum / n : 1;
    this.years = Int32Array.from(corpus.episodes, (e) => (e.date ? Number(e.date.slice(0, 4)) : 0));
  }

  get documentCount(): number {
    return this.corpus.texts.length;
  }

  static build(corpus: SearchCorpus): SearchEngine {
    const index = newIndex();
    const df = new Map<string, number>();
    corpus.texts.forEach((text, doc) => {
      const terms = [...new Set(indexTermsOf(text))];
      for (const term of terms) df.set(term, (df.get(term) ?? 0) + 1);
      index.add(doc, terms.join(' '));
    });
    return new SearchEngine(corpus, index, new Vocabulary(df));
  }

  /** Rebuild from what `keep()` gave, with the same corpus; null when the kept data is from another version. */
  static async restore(corpus: SearchCorpus, kept: KeptIndex): Promise<SearchEngine | null> {
    if (kept.version !== KEPT_VERSION) return null;
    const index = newIndex();
    for (const [key, data] of kept.chunks) await index.import(key, data);
    return new SearchEngine(corpus, index, new Vocabulary(new Map(kept.vocabulary)));
  }

  async keep(): Promise<KeptIndex> {
    const chunks: [string, string][] = [];
    await this.index.export((key: string, data: string) => {
      chunks.push([key, data]);
    });
    return { version: KEPT_VERSION, chunks, vocabulary: this.vocabulary.entries() };
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
      // With several words, a moment must have all of them; failing that, the most of them (but at least two).
      if (best === 0 || (partial && (required === 1 || best < Math.min(2, required)))) {
        return { ...EMPTY_RESPONSE, matcher, suggestions: this.suggest(parsed.slots) };
      }
      let candidates = touched.filter((doc) => this.count[doc] === best);
      if (parsed.phrases.length) candidates = candidates.filter((doc) => this.hasPhrases(doc, parsed.phrases));
      if (candidates.length === 0) return { ...EMPTY_RESPONSE, matcher, suggestions: this.suggest(parsed.slots) };
      this.rank(candidates, parsed.slots.map((s) => s.term));
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
    return Uint8Array.from(this.corpus.episodes, (episode, i) => {
      const year = this.years[i]!;
      if (request.years && (year < request.years.from || year > request.years.to)) return 0;
      if (request.numbers && (episode.number === null || episode.number < request.numbers.from || episode.number > request.numbers.to)) return 0;
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
        const ids = this.index.search(alt.term, { limit: n }) as number[];
        for (let k = 0; k < ids.length; k++) {
          const doc = ids[k]!;
          if (slotMark[doc] === mark || allowed[episodeOf[doc]!] === 0) continue;
          if (count[doc] === 0) touched.push(doc);
          slotMark[doc] = mark;
          count[doc]!++;
          score[doc]! += weight;
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
    const terms = termsOf(this.corpus.texts[doc]!);
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
    const joined = ` ${termsOf(this.corpus.texts[doc]!).join(' ')} `;
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
      order.sort(([a], [b]) => this.newer(b, a));
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

  private newer(a: number, b: number): number {
    const ea = this.corpus.episodes[a]!;
    const eb = this.corpus.episodes[b]!;
    return (ea.date ?? '').localeCompare(eb.date ?? '') || (ea.number ?? 0) - (eb.number ?? 0);
  }

  private moment(doc: number, matcher: TermMatcher) {
    const { corpus } = this;
    const speaker = corpus.speakerOf[doc]!;
    return {
      episodeId: corpus.episodes[corpus.episodeOf[doc]!]!.id,
      t: corpus.times[doc]!,
      ...(speaker >= 0 && { speaker: corpus.speakers[speaker]! }),
      parts: snippetParts(corpus.texts[doc]!, matcher),
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
