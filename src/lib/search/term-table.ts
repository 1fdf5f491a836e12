/**
 * Index terms as small integers, read straight from a line's characters. Indexing meets some six million
 * words at 1,000 episodes: cutting each into a new string and hashing it in a Map took most of the build,
 * so ASCII lines (nearly all) are scanned by hand and each word is looked up by its characters in an
 * open-addressing table. The terms and their order are exactly `indexTermsOf`'s (tested against it), which
 * still handles the other lines.
 */
import { indexTermsOf } from './normalize';
import { grownTo } from '../typed-arrays';

const APOSTROPHE = 39;
const DOT = 46;
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

const isDigit = (c: number) => c >= 48 && c <= 57;
/** `[a-z0-9]`: the word characters of a lowercased ASCII line. */
const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

export class TermTable {
  /** Term id → its text. */
  readonly terms: string[] = [];
  private hashes = new Int32Array(1024);
  /** id + 1 per slot, 0 when free; a power of two, never more than half full. */
  private slots = new Int32Array(1 << 14);
  /** Every id in term order (see idsInOrder), as of the last call. */
  private inOrder = new Int32Array(0);
  /** The ids of the last line's terms, `ids[0 … count)`. */
  ids = new Int32Array(256);
  private count = 0;

  /** Fills `ids` with the terms of a line, as `indexTermsOf(text)` gives them; returns how many. */
  scan(line: string): number {
    this.count = 0;
    const n = line.length;
    for (let i = 0; i < n; i++) {
      if (line.charCodeAt(i) >= 0x80) {
        for (const term of indexTermsOf(line)) this.push(this.intern(term, 0, term.length, false));
        return this.count;
      }
    }
    // Lowercasing is all the folding an ASCII line needs, and one native call for the whole line.
    const text = line.toLowerCase();
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (!isWordChar(c)) {
        i++;
        continue;
      }
      if (isDigit(c)) {
        const end = this.version(text, i);
        if (end > 0) {
          i = end;
          continue;
        }
      }
      i = this.word(text, i);
    }
    return this.count;
  }

  /**
   * Every term's id, in term order (as `<` compares). Each call sorts only the terms added since the last and
   * merges them in: a snapshot for searching while indexing sorted every term afresh, some 60% of its time.
   */
  idsInOrder(): Int32Array {
    const { terms } = this;
    const before = this.inOrder;
    if (before.length === terms.length) return before;
    const byTerm = (a: number, b: number) => (terms[a]! < terms[b]! ? -1 : 1); // terms are distinct
    const added = Int32Array.from({ length: terms.length - before.length }, (_, k) => before.length + k).sort(byTerm);
    const merged = new Int32Array(terms.length);
    let i = 0;
    let j = 0;
    for (let k = 0; k < merged.length; k++) {
      merged[k] = j >= added.length || (i < before.length && terms[before[i]!]! < terms[added[j]!]!) ? before[i++]! : added[j++]!;
    }
    return (this.inOrder = merged);
  }

  /** The id of a folded (lowercased) term, added if new. */
  idOf(term: string): number {
    return this.intern(term, 0, term.length, false);
  }

  /** `[0-9]+(\.[0-9]+)+` at `start`: pushes its numbers, then each version it starts with; its end, or 0. */
  private version(text: string, start: number): number {
    const n = text.length;
    let end = start;
    while (end < n && isDigit(text.charCodeAt(end))) end++;
    const dots: number[] = [];
    while (end + 1 < n && text.charCodeAt(end) === DOT && isDigit(text.charCodeAt(end + 1))) {
      dots.push(end);
      end += 2;
      while (end < n && isDigit(text.charCodeAt(end))) end++;
    }
    if (dots.length === 0) return 0;
    let from = start;
    for (const dot of dots) {
      this.push(this.intern(text, from, dot, false));
      from = dot + 1;
    }
    this.push(this.intern(text, from, end, false));
    for (let k = 1; k < dots.length; k++) this.push(this.intern(text, start, dots[k]!, false));
    this.push(this.intern(text, start, end, false));
    return end;
  }

  /** `[a-z0-9]+('[a-z0-9]+)*` at `start`: pushes the word, or its parts and then the parts joined; its end. */
  private word(text: string, start: number): number {
    const n = text.length;
    let end = start;
    while (end < n && isWordChar(text.charCodeAt(end))) end++;
    if (end + 1 >= n || text.charCodeAt(end) !== APOSTROPHE || !isWordChar(text.charCodeAt(end + 1))) {
      this.push(this.intern(text, start, end, false));
      return end;
    }
    let from = start;
    for (;;) {
      this.push(this.intern(text, from, end, false));
      if (end + 1 >= n || text.charCodeAt(end) !== APOSTROPHE || !isWordChar(text.charCodeAt(end + 1))) break;
      from = end + 1;
      end = from;
      while (end < n && isWordChar(text.charCodeAt(end))) end++;
    }
    this.push(this.intern(text, start, end, true));
    return end;
  }

  private push(id: number): void {
    if (this.count === this.ids.length) this.ids = grownTo(this.ids, this.count + 1);
    this.ids[this.count++] = id;
  }

  /** The id of the folded `text[start … end)`, without its apostrophes when `joined`. */
  private intern(text: string, start: number, end: number, joined: boolean): number {
    let hash = FNV_OFFSET;
    let length = 0;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (joined && c === APOSTROPHE) continue;
      hash = Math.imul(hash ^ c, FNV_PRIME);
      length++;
    }
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const held = this.slots[slot]!;
      if (held === 0) return this.add(text.slice(start, end), joined, hash, slot);
      const id = held - 1;
      if (this.hashes[id] === hash && sameTerm(this.terms[id]!, length, text, start, end, joined)) return id;
    }
  }

  private add(slice: string, joined: boolean, hash: number, slot: number): number {
    const id = this.terms.length;
    this.terms.push(joined ? slice.replaceAll("'", '') : slice);
    if (id === this.hashes.length) this.hashes = grownTo(this.hashes, id + 1);
    this.hashes[id] = hash;
    this.slots[slot] = id + 1;
    if (this.terms.length * 2 > this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.terms.length; id++) {
      let slot = this.hashes[id]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.slots = slots;
  }
}

function sameTerm(term: string, length: number, text: string, start: number, end: number, joined: boolean): boolean {
  if (term.length !== length) return false;
  let k = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (joined && c === APOSTROPHE) continue;
    if (term.charCodeAt(k++) !== c) return false;
  }
  return true;
}
