/**
 * The search index as one value: the lines (corpus), FlexSearch's postings for rare terms, bitsets for
 * the most common ones, and the vocabulary. Built by `index-builder.ts`, read by the engine, and kept in
 * IndexedDB between launches (`keepIndex` / `restoreIndex`).
 */
import { documentCount, narrowTimes, type SearchCorpus } from './corpus';
import { keptProblem } from './kept-check';
import { LineCoder } from './line-coder';
import type { CodedLines } from './line-text';
import {
  KeptLines,
  packCommon,
  packLines,
  unpackCommon,
  type CommonPending,
  type KeptCommon,
  type PackedLines,
  type ListedTerms,
} from './postings';
import { RarePostings, type KeptGroup } from './rare-postings';
import { Vocabulary, type PackedVocabulary } from './vocabulary';

/** Bumped whenever what is indexed changes, so an older kept index is rebuilt rather than misread. */
export const KEPT_VERSION = 11;

export interface SearchIndex {
  corpus: SearchCorpus;
  /** Rare term → lines, in FlexSearch. */
  rare: RarePostings;
  /** The next most frequent terms after the common ones → their lines, ascending. */
  listed: ListedTerms;
  /** Common term i's lines are bits `i * words … (i + 1) * words` of `commonBits` (see postings.ts). */
  common: string[];
  commonBits: Uint32Array;
  /** How many 32-bit words one common term's row of `commonBits` holds. */
  commonWords: number;
  /** A restored index's common rows still to fill from their kept lines as queries first ask (see Postings). */
  commonPending?: CommonPending;
  vocabulary: Vocabulary;
}

/** Where the worker keeps it: one database, one store, one record per catalogue URL. */
export const KEPT_DB_NAME = 'search-index';
export const KEPT_STORE = 'indexes';

/** What the worker keeps in IndexedDB so a warm start never rebuilds. */
export interface KeptIndex {
  version: number;
  /** FlexSearch's postings, by group. */
  chunks: KeptGroup[];
  vocabulary: PackedVocabulary;
  /** The common tier, mostly as lines: most of its bitsets are mostly zeros (see packCommon). */
  common: KeptCommon;
  listed: PackedLines;
  /** The texts (coded: a third of the bytes) and times too: a warm start needs nothing else. */
  corpus: KeptCorpus;
}

export type KeptCorpus = Omit<SearchCorpus, 'text'> & { text: CodedLines };

/** `coded`: the corpus's text already coded, else coded here at once. */
export async function keepIndex(index: SearchIndex, coded?: CodedLines): Promise<KeptIndex> {
  const { text } = index.corpus;
  return {
    version: KEPT_VERSION,
    chunks: await index.rare.keep(),
    vocabulary: index.vocabulary.pack(),
    common: keptCommon(index),
    listed: packLines(index.listed),
    corpus: {
      ...index.corpus,
      times: narrowTimes(index.corpus.times),
      text: text.kind === 'coded' ? text : (coded ?? LineCoder.code(text)),
    },
  };
}

function keptCommon(index: SearchIndex): KeptCommon {
  const pending = index.commonPending;
  if (!pending) return packCommon(index.common, index.commonBits, index.commonWords, documentCount(index.corpus));
  return { lines: pending.lines.packed, dense: index.commonBits.slice(0, pending.denseRows * index.commonWords) };
}

/** The index `keepIndex` gave; null when the kept data is from another version or damaged. */
export async function restoreIndex(kept: KeptIndex): Promise<SearchIndex | null> {
  if (keptProblem(kept, KEPT_VERSION) !== null) return null;
  // FlexSearch's postings are imported as queries need them (rare-postings.ts).
  const rare = RarePostings.fromKept(kept.chunks);
  if (!rare) return null;
  const vocabulary = Vocabulary.unpack(kept.vocabulary);
  if (!vocabulary) return null;
  const documents = documentCount(kept.corpus);
  const common = unpackCommon(kept.common, documents);
  return {
    corpus: kept.corpus,
    rare,
    common: kept.common.lines.terms,
    commonBits: common.bits,
    commonWords: common.words,
    commonPending: common.pending,
    listed: new KeptLines(kept.listed, documents),
    vocabulary,
  };
}
