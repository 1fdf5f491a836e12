import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { indexTermsOf } from '../../src/lib/search/normalize';
import { TermTable } from '../../src/lib/search/term-table';
import { ingestFolder } from '../../src/node/transcripts-folder';

const CORPUS = '../shared/corpus/pythonbytes';
const present = existsSync(CORPUS);
if (!present) console.warn(`SKIPPED term table over the corpus: ${CORPUS} is not present`);

/** The terms the table gives for a line, as strings. */
function scanned(table: TermTable, text: string): string[] {
  const count = table.scan(text);
  return Array.from(table.ids.subarray(0, count), (id) => table.terms[id]!);
}

describe('TermTable', () => {
  const tricky = [
    '',
    'Python 3.12 is OUT, and 3.14.0 too.',
    "Don't say it's DataFrame's fault; rock'n'roll' 'quoted'",
    "v3.12rc1 3. .5 1.2.3.4 12..3 abc3.12 3.12's",
    'Café Ünïcode line with 3.12 and don’t',
    '   !!!  ---  ',
    "a'b'c'd e'' 'f 9'9 9.9'9",
    'x'.repeat(300) + ' ' + 'word '.repeat(400),
  ];

  it('gives exactly the terms of indexTermsOf, in order, for odd lines', () => {
    const table = new TermTable();
    for (const text of tricky) expect(scanned(table, text), text).toEqual(indexTermsOf(text));
  });

  it('gives every term id in term order, sorting only what was added since, however the terms arrive', () => {
    const table = new TermTable();
    let seed = 11;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const word = () => Array.from({ length: 1 + Math.floor(random() * 6) }, () => 'abcxyzé9'[Math.floor(random() * 8)]).join('');
    for (let batch = 0; batch < 12; batch++) {
      for (let n = Math.floor(random() * 40); n > 0; n--) table.scan(Array.from({ length: 5 }, word).join(' '));
      const inOrder = Array.from(table.idsInOrder(), (id) => table.terms[id]!);
      expect(inOrder).toEqual([...table.terms].sort());
    }
    expect(table.idsInOrder()).toBe(table.idsInOrder()); // nothing added: the same array, not sorted again
  });

  it('gives one id per term, however often it is met and however it was cased', () => {
    const table = new TermTable();
    const a = scanned(table, 'Pandas pandas PANDAS');
    expect(new Set(table.ids.subarray(0, 3)).size).toBe(1);
    expect(a).toEqual(['pandas', 'pandas', 'pandas']);
    expect(table.idOf('pandas')).toBe(table.ids[0]);
    expect(table.terms[table.idOf('dont')]).toBe('dont');
  });

  it('matches indexTermsOf on random lines of word characters, dots, apostrophes and accents', () => {
    const alphabet = "aAbZz09.'’ é-\n";
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const table = new TermTable();
    for (let n = 0; n < 5000; n++) {
      const text = Array.from({ length: Math.floor(random() * 30) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(scanned(table, text), JSON.stringify(text)).toEqual(indexTermsOf(text));
    }
    // Thousands of distinct terms: the table grows and rehashes without losing one.
    for (let n = 0; n < 20_000; n++) expect(table.terms[table.idOf(`term${n}`)]).toBe(`term${n}`);
  });

  it.skipIf(!present)('matches indexTermsOf on every line of the shared corpus', () => {
    const table = new TermTable();
    let lines = 0;
    for (const episode of ingestFolder(CORPUS).result.episodes) {
      for (const segment of episode.segments) {
        const got = scanned(table, segment.text);
        const want = indexTermsOf(segment.text);
        if (got.length !== want.length || got.some((t, i) => t !== want[i])) expect(got, segment.text).toEqual(want);
        lines++;
      }
    }
    expect(lines).toBe(279835);
  });
});
