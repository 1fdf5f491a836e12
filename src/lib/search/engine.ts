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
import { MatchTableBuilder } from './match-table';
import { snippetParts, type TermMatcher } from './highlight';
import { indexTermsOf, termsOf } from './normalize';
import { episodeScores } from './episode-rank';
import { expandSlots, type Form } from './expand';
import { fullScore, momentScores, slotMaxima, type MatchTable } from './moments';
import { Postings, wordsFor } from './postings';
import { parseQuery, type QuerySlot } from './query';
import { EMPTY_RESPONSE, type GroupResult, type MomentResult, type SearchRequest, type SearchResponse } from './types';
import { Vocabulary } from './vocabulary';

const KEPT_VERSION = 5;
const MOMENTS_PER_GROUP = 3;
/** Seconds either side of a line whose words count towards its moment, and what a word said nearby counts. */
const MOMENT_RADIUS = 30;
const NEARBY_WEIGHT = 0.7;
/** A moment is shown when it holds at least this share of the most any moment could hold. */
const SHOWN_SHARE = 0.5;
/** A line holding every query word itself counts this much more than a moment pieced from neighbours. */
const WHOLE_LINE_BONUS = 1.5;
/** A query word on more than this share of all lines only adds to moments other words found. */
const WEAK_WORD_SHARE = 0.02;
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

// Terms arrive already folded and split, joined by spaces; FlexSearch only splits them again.
const splitFolded = (text: string): string[] => (text === '' ? [] : text.split(' '));
const newIndex = () => new Index({ tokenize: 'strict', resolution: 1, cache: false, encode: splitFolded });

export class SearchEngine {
  private readonly matches: MatchTableBuilder;
  private readonly lengths: Uint16Array;
  private readonly lineCounts: Uint32Array;
  private readonly meanLines: number;
  private readonly averageLength: number;
  private readonly years: Int32Array;
  /** The filter mask when no filter is set: built once, not per keystroke. */
  private readonly everyEpisode: Uint8Array;

  private constructor(
    private readonly corpus: SearchCorpus,
    private readonly index: Index,
    private readonly vocabulary: Vocabulary,
    private readonly common: string[],
    private readonly commonBits: Uint32Array,
  ) {
    const n = documentCount(corpus);
    this.matches = new MatchTableBuilder(new Postings(index, common, commonBits, n), vocabulary, corpus.episodeOf);
    this.lineCounts = new Uint32Array(corpus.episodes.length);
    for (let i = 0; i < n; i++) this.lineCounts[corpus.episodeOf[i]!]!++;
    this.meanLines = n / Math.max(1, corpus.episodes.length);
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
    const forms = expandSlots(parsed.slots, this.vocabulary);
    const matcher = matcherOf(parsed.slots, forms);
    // Suggestions for the words that matched nothing (or all, when each matched something).
    const unmatched = parsed.slots.filter((_, i) => forms[i]!.length === 0);
    const nothing = () => ({ ...EMPTY_RESPONSE, matcher, suggestions: this.suggest(unmatched.length ? unmatched : parsed.slots) });
    const common = this.commonSlots(forms);
    // A word on a large share of all lines ("that", "just") cannot make a moment on its own: it only adds to
    // lines another word found, which keeps the table (and every step after it) small. When every word is
    // common, the least common one finds the lines: a remembered line holds it too.
    const onlyAdds = [...common];
    if (!onlyAdds.includes(false)) {
      const lines = this.slotLines(forms);
      onlyAdds[lines.indexOf(Math.min(...lines))] = false;
    }
    const table = this.matches.build(forms, onlyAdds, this.allowedEpisodes(request));
    if (table.docs.length === 0) return nothing();
    const { corpus } = this;
    // Common words said nearby say nothing about a topic: with only those, a moment is its line.
    const best = slotMaxima(table);
    const moments = momentScores(
      table,
      { episodeOf: corpus.episodeOf, times: corpus.times, radius: common.includes(false) ? MOMENT_RADIUS : 0, nearby: NEARBY_WEIGHT },
      best,
    );
    // Every word counts, rare ones most: a moment is shown when it holds enough of the query, in it or around it.
    const floor = SHOWN_SHARE * fullScore(best);
    let shown: number[] = [];
    for (let k = 0; k < table.docs.length; k++) if (moments[k]! >= floor) shown.push(k);
    if (parsed.phrases.length) shown = shown.filter((k) => this.hasPhrases(table.docs[k]!, parsed.phrases));
    if (shown.length === 0) return nothing();
    const lineScore = this.rankLines(
      table,
      moments,
      shown,
      parsed.slots.map((s) => s.term),
    );
    // Lines holding every word rank first, so the sorted head is enough to tell.
    const complete = shown.slice(0, SORTED_LINES).some((k) => this.covers(table, k));
    return this.respond(table, shown, lineScore, request, matcher, !complete);
  }

  /** What to mark for a query, without searching: every form of its words. */
  matcherOf(q: string): TermMatcher {
    const { slots } = parseQuery(q);
    return matcherOf(slots, expandSlots(slots, this.vocabulary));
  }

  /**
   * Which query words, all their forms together, are on a large share of all lines: "that", "just", or a
   * word being typed whose prefix covers "every", "event" and "evening" alike.
   */
  private commonSlots(forms: Form[][]): boolean[] {
    return this.slotLines(forms).map((lines) => lines > this.documentCount * WEAK_WORD_SHARE);
  }

  /** About how many lines each query word's forms are on. */
  private slotLines(forms: Form[][]): number[] {
    return forms.map((slotForms) => slotForms.reduce((sum, f) => sum + Math.min(...f.terms.map((t) => this.vocabulary.frequency(t))), 0));
  }

  /** Whether every query word is in the line or around it. */
  private covers(table: MatchTable, k: number): boolean {
    const { docs, weights, slots } = table;
    const { episodeOf, times } = this.corpus;
    const doc = docs[k]!;
    for (let s = 0; s < slots; s++) {
      let found = weights[k * slots + s]! > 0;
      for (const step of [-1, 1]) {
        for (let j = k + step; !found && j >= 0 && j < docs.length; j += step) {
          const other = docs[j]!;
          if (episodeOf[other] !== episodeOf[doc] || Math.abs(times[other]! - times[doc]!) > MOMENT_RADIUS) break;
          found = weights[j * slots + s]! > 0;
        }
      }
      if (!found) return false;
    }
    return true;
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

  /**
   * Score of each shown line: its moment, shorter lines first among equals, query words side by side and
   * in order boosted. Returns scores by table row; `shown` is sorted best first.
   */
  private rankLines(table: MatchTable, moments: ArrayLike<number>, shown: number[], queryTerms: string[]): Float32Array {
    const { lengths, averageLength } = this;
    const score = new Float32Array(table.docs.length);
    const { weights, slots } = table;
    for (const k of shown) {
      // The line a listener remembers holds every word itself: it comes before a moment pieced from neighbours.
      let whole = true;
      for (let s = 0; whole && s < slots; s++) whole = weights[k * slots + s]! > 0;
      const length = Math.sqrt(0.75 + (0.25 * lengths[table.docs[k]!]!) / averageLength);
      score[k] = (moments[k]! * (whole ? WHOLE_LINE_BONUS : 1)) / length;
    }
    sortBest(shown, score);
    if (queryTerms.length < 2) return score;
    const head = shown.slice(0, PROXIMITY_CANDIDATES);
    for (const k of head) score[k] = score[k]! * (1 + 0.2 * this.adjacentPairs(table.docs[k]!, queryTerms));
    head.sort((a, b) => score[b]! - score[a]! || a - b);
    shown.splice(0, head.length, ...head);
    return score;
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

  private respond(
    table: MatchTable,
    ranked: number[],
    lineScore: Float32Array,
    request: SearchRequest,
    matcher: TermMatcher,
    partial: boolean,
  ): SearchResponse {
    const { corpus } = this;
    const byEpisode = new Map<number, { count: number; docs: number[] }>();
    const bestMoment = new Map<number, number>();
    const perYear = new Map<number, number>();
    for (const k of ranked) {
      const doc = table.docs[k]!;
      const episode = corpus.episodeOf[doc]!;
      let group = byEpisode.get(episode);
      if (!group) byEpisode.set(episode, (group = { count: 0, docs: [] }));
      // Only the head of `ranked` is in order (see sortBest): take each episode's best wherever it is.
      bestMoment.set(episode, Math.max(bestMoment.get(episode) ?? 0, lineScore[k]!));
      group.count++;
      // Neighbours of a moment already kept would show the same moment twice.
      if (group.docs.length < KEPT_PER_GROUP && group.docs.every((d) => Math.abs(corpus.times[d]! - corpus.times[doc]!) > MOMENT_RADIUS)) {
        group.docs.push(doc);
      }
      const year = this.years[episode]!;
      if (year) perYear.set(year, (perYear.get(year) ?? 0) + 1);
    }
    const order = [...byEpisode.entries()];
    if (request.sort === 'newest') {
      order.sort(([a], [b]) => compareRecency(corpus.episodes[b]!, corpus.episodes[a]!));
    } else {
      const episodeScore = episodeScores(table, bestMoment, {
        episodeOf: corpus.episodeOf,
        lineCounts: this.lineCounts,
        meanLines: this.meanLines,
      });
      order.sort(([a], [b]) => episodeScore.get(b)! - episodeScore.get(a)! || a - b);
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
    const top = ranked.slice(0, 10).map((k) => {
      const doc = table.docs[k]!;
      return { episodeId: corpus.episodes[corpus.episodeOf[doc]!]!.id, t: corpus.times[doc]! };
    });
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

/** Every form that matched is marked, but for the short halves of compounds (`me` of `read me`). */
function matcherOf(slots: QuerySlot[], forms: Form[][]): TermMatcher {
  return {
    terms: [...new Set(forms.flat().flatMap((f) => (f.kind === 'compound' ? f.terms.filter((t) => t.length > 2) : f.terms)))],
    prefixes: slots.filter((s) => s.prefix).map((s) => s.term),
  };
}

/** Lines past this many are counted but never shown, so only this many need sorting. */
const SORTED_LINES = 2000;

/**
 * Orders `rows` best first by `score`, fully up to SORTED_LINES; the rest follow in no order. A common
 * word can make tens of thousands of lines match, and a full sort of those was most of a keystroke's time.
 */
function sortBest(rows: number[], score: Float32Array): void {
  const byScore = (a: number, b: number) => score[b]! - score[a]! || a - b;
  if (rows.length <= SORTED_LINES) {
    rows.sort(byScore);
    return;
  }
  const scores = Float32Array.from(rows, (k) => score[k]!).sort(); // native numeric sort: fast
  const threshold = scores[scores.length - SORTED_LINES]!;
  const head = rows.filter((k) => score[k]! >= threshold).sort(byScore);
  const tail = rows.filter((k) => score[k]! < threshold);
  // Copied back one by one: spreading tens of thousands of arguments can overflow the stack.
  head.forEach((k, i) => (rows[i] = k));
  tail.forEach((k, i) => (rows[head.length + i] = k));
}
