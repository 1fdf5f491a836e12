/** A vocabulary from a term → number of lines Map, sorted here as the index builder's term table sorts its terms. */
import { Vocabulary } from '../../../src/lib/search/vocabulary';

export function vocabularyOf(lineCounts: Map<string, number>, sounds = true): Vocabulary {
  const sorted = [...lineCounts.keys()].sort();
  return Vocabulary.fromSorted(
    sorted,
    Uint32Array.from(sorted, (term) => lineCounts.get(term)!),
    sounds,
  );
}
