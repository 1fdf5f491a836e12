/**
 * The search engine: composes the steps of a query over a SearchIndex. Each query word is expanded into
 * the forms it may mean (expand.ts), the lines holding any form are tabled with their weights
 * (match-table.ts), scored as moments with their neighbours (moments.ts), ordered (line-rank.ts) and
 * shaped into episode groups (shape.ts). Pure: runs in the worker and in Node for tests and benchmarks.
 */
import { documentCount, textOf, type SearchCorpus } from './corpus';
import { expandSlots, type Form } from './expand';
import type { TermMatcher } from './highlight';
import { buildIndex } from './index-builder';
import { hasPhrases, rankLines, SORTED_LINES, type LineFacts } from './line-rank';
import { MatchTableBuilder } from './match-table';
import { fullScore, MOMENT_RADIUS, momentRows, momentScores, NEARBY_WEIGHT, slotMaxima } from './moments';
import { lineLengths, type CodedLines } from './line-text';
import { isVersion } from './normalize';
import { Postings } from './postings';
import { parseQuery, type QuerySlot } from './query';
import { keepIndex, restoreIndex, type KeptIndex, type SearchIndex } from './search-index';
import { shapeResponse, type ShapeContext } from './shape';
import { searchNotes } from './show-notes';
import { EMPTY_RESPONSE, type SearchRequest, type SearchResponse } from './types';
import { warmUpQueries } from './warm-up';

/** A moment is shown when it holds at least this share of the most any moment could hold. */
const SHOWN_SHARE = 0.5;
/** A query word on more than this share of all lines only adds to moments other words found. */
const WEAK_WORD_SHARE = 0.02;
const MAX_SUGGESTIONS = 5;
/** As many episode groups as the search screen asks for. */
const WARM_UP_LIMIT = 30;

export class SearchEngine {
  private readonly postings: Postings;
  private readonly matches: MatchTableBuilder;
  private readonly lineFacts: LineFacts;
  private readonly shape: Omit<ShapeContext, 'radius'>;
  /** The filter mask when no filter is set: built once, not per keystroke. */
  private readonly everyEpisode: Uint8Array;
  /** The warm-up searches not yet run (see warmUpStep), and how many have run. */
  private warmUp: string[] | null = null;
  private warmUpsRun = 0;

  constructor(private readonly index: SearchIndex) {
    const { corpus, vocabulary } = index;
    const n = documentCount(corpus);
    this.postings = new Postings(index);
    this.matches = new MatchTableBuilder(this.postings, vocabulary, corpus.episodeOf);
    const lineCounts = linesPerEpisode(corpus.episodeOf, n, corpus.episodes.length);
    const lengths = lineLengths(corpus.text);
    this.lineFacts = { lengths, averageLength: n ? sumOf(lengths, n) / n : 1, textOf: (doc) => textOf(corpus, doc) };
    this.shape = {
      corpus,
      years: Int32Array.from(corpus.episodes, (e) => (e.date ? Number(e.date.slice(0, 4)) : 0)),
      lineCounts,
      // Over the episodes indexed (all but while still indexing).
      meanLines: n / Math.max(1, lineCounts.filter((c) => c > 0).length),
    };
    this.everyEpisode = new Uint8Array(corpus.episodes.length).fill(1);
  }

  /** Build in one go (Node, tests); the worker feeds an IndexBuilder as data arrives instead. */
  static build(corpus: SearchCorpus): SearchEngine {
    return new SearchEngine(buildIndex(corpus));
  }

  /** The engine over a kept index; null when it is from another version or damaged. */
  static async restore(kept: KeptIndex): Promise<SearchEngine | null> {
    const index = await restoreIndex(kept);
    return index && new SearchEngine(index);
  }

  /** `coded`: this index's text as kept, when already coded (in steps, by an idle worker). */
  keep(coded?: CodedLines): Promise<KeptIndex> {
    return keepIndex(this.index, coded);
  }

  get documentCount(): number {
    return documentCount(this.index.corpus);
  }

  /** Every line's text and time, for finding favourites again. */
  get lines(): SearchCorpus {
    return this.index.corpus;
  }

  /** Work that can wait for an idle worker, done in steps of about `budgetMs`; true when none is left. */
  prepareIdle(budgetMs: number): boolean {
    return this.index.rare.importWaiting(budgetMs) && this.postings.fillWaiting(budgetMs) && this.index.vocabulary.prepareSounds(budgetMs);
  }

  /**
   * Runs the next of the searches that warm the code up (warm-up.ts), if any is left; true when none is. One
   * search per call, as the searches cannot be cut into steps; their answers are thrown away.
   */
  warmUpStep(): boolean {
    const isCommon = (term: string) => this.index.vocabulary.frequency(term) > this.documentCount * WEAK_WORD_SHARE;
    this.warmUp ??= warmUpQueries(this.index.corpus, isCommon).reverse(); // popped in the order typed
    const q = this.warmUp.pop();
    if (q !== undefined) {
      this.search({ q, limit: WARM_UP_LIMIT });
      this.warmUpsRun++;
    }
    return this.warmUp.length === 0;
  }

  /** How many warm-up searches have run so far. */
  get warmUpSearches(): number {
    return this.warmUpsRun;
  }

  search(request: SearchRequest): SearchResponse {
    const parsed = parseQuery(request.q);
    if (parsed.slots.length === 0) return EMPTY_RESPONSE;
    const forms = expandSlots(parsed.slots, this.index.vocabulary);
    const matcher = matcherOf(parsed.slots, forms);
    // Suggestions for the words that matched nothing (or all, when each matched something).
    const unmatched = parsed.slots.filter((_, i) => forms[i]!.length === 0);
    const allowed = this.allowedEpisodes(request);
    const notes = searchNotes(this.index.corpus.episodes, parsed.slots, forms, allowed, matcher);
    const nothing = () => ({
      ...EMPTY_RESPONSE,
      notes,
      suggestions: notes.length ? [] : this.suggest(unmatched.length ? unmatched : parsed.slots),
    });
    const common = this.commonSlots(forms);
    // A word on a large share of all lines ("that", "just") cannot make a moment on its own: it only adds to
    // lines another word found, which keeps the table (and every step after it) small. When every word is
    // common, the least common one finds the lines: a remembered line holds it too.
    const onlyAdds = [...common];
    if (!onlyAdds.includes(false)) {
      const lines = this.slotLines(forms);
      onlyAdds[lines.indexOf(Math.min(...lines))] = false;
    }
    const table = this.matches.build(forms, onlyAdds, allowed);
    if (table.docs.length === 0) return nothing();
    const { corpus } = this.index;
    // Common words said nearby say nothing about a topic: with only those, a moment is its line.
    const radius = common.includes(false) ? MOMENT_RADIUS : 0;
    const around = { episodeOf: corpus.episodeOf, times: corpus.times, radius };
    const best = slotMaxima(table);
    const moments = momentScores(table, { ...around, nearby: NEARBY_WEIGHT }, best);
    // Every word counts, rare ones most: a moment is shown when it holds enough of the query, in it or around it.
    const floor = SHOWN_SHARE * fullScore(best);
    let shown = rowsAtLeast(moments, floor);
    if (parsed.phrases.length) shown = shown.filter((k) => hasPhrases(textOf(corpus, table.docs[k]!), parsed.phrases));
    if (shown.length === 0) return nothing();
    const queryTerms = parsed.slots.map((s) => s.term);
    const score = rankLines(table, moments, shown, queryTerms, this.lineFacts);
    // Lines holding every word rank first, so the sorted head is enough to tell.
    const complete = shown.slice(0, SORTED_LINES).some((k) => momentRows(table, k, { ...around, radius: MOMENT_RADIUS }).complete);
    return { ...shapeResponse({ table, ranked: shown, score, matcher, partial: !complete }, request, { ...this.shape, radius }), notes };
  }

  /** What to mark for a query, without searching: every form of its words. */
  matcherOf(q: string): TermMatcher {
    const { slots } = parseQuery(q);
    return matcherOf(slots, expandSlots(slots, this.index.vocabulary));
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
    const { vocabulary } = this.index;
    return forms.map((slotForms) => slotForms.reduce((sum, f) => sum + Math.min(...f.terms.map((t) => vocabulary.frequency(t))), 0));
  }

  private allowedEpisodes(request: SearchRequest): Uint8Array {
    if (!request.years && !request.numbers) return this.everyEpisode;
    const { years } = this.shape;
    return Uint8Array.from(this.index.corpus.episodes, (episode, i) => {
      const year = years[i]!;
      if (request.years && (year < request.years.from || year > request.years.to)) return 0;
      if (request.numbers && (episode.number === null || episode.number < request.numbers.from || episode.number > request.numbers.to))
        return 0;
      return 1;
    });
  }

  private suggest(slots: QuerySlot[]): string[] {
    const found = new Set<string>();
    for (const slot of slots) {
      for (const term of this.index.vocabulary.closest(slot.term, 3)) if (term !== slot.term) found.add(term);
    }
    return [...found].slice(0, MAX_SUGGESTIONS);
  }
}

// Loops of their own, with nothing after the loop but the return: see takeWeights in match-table.ts.

/** How many of the first `n` lines each episode has. */
function linesPerEpisode(episodeOf: ArrayLike<number>, n: number, episodes: number): Uint32Array {
  const counts = new Uint32Array(episodes);
  for (let i = 0; i < n; i++) counts[episodeOf[i]!]!++;
  return counts;
}

function sumOf(values: ArrayLike<number>, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  return sum;
}

/** The rows scoring at least `floor`, in row order. */
function rowsAtLeast(scores: Float32Array, floor: number): number[] {
  const rows: number[] = [];
  for (let k = 0; k < scores.length; k++) if (scores[k]! >= floor) rows.push(k);
  return rows;
}

/** Every form that matched is marked, but for the short halves of compounds (`me` of `read me`). */
function matcherOf(slots: QuerySlot[], forms: Form[][]): TermMatcher {
  const terms = [...new Set(forms.flat().flatMap((f) => (f.kind === 'compound' ? f.terms.filter((t) => t.length > 2) : f.terms)))];
  return {
    terms,
    // `3.14` also marks the `3.14.0` it was found in.
    prefixes: [...slots.filter((s) => s.prefix).map((s) => s.term), ...terms.filter(isVersion).map((t) => `${t}.`)],
  };
}
