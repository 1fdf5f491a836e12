import { describe, expect, it } from 'vitest';
import { toUtf8Offsets } from '../../src/lib/search/utf8-offsets';

/** The byte offsets TextEncoder itself gives: each piece's end, encoding the text up to it. */
function encoderOffsets(pieces: string[]): number[] {
  const encoder = new TextEncoder();
  let text = '';
  return pieces.map((piece) => encoder.encode((text += piece)).length);
}

function converted(pieces: string[]): number[] {
  const units = new Uint32Array(pieces.length);
  let end = 0;
  pieces.forEach((piece, i) => (units[i] = end += piece.length));
  toUtf8Offsets(pieces.join(''), units);
  return [...units];
}

describe('toUtf8Offsets', () => {
  it('counts one to four bytes a character, as TextEncoder writes them', () => {
    const pieces = ['plain ', 'café ', '€ and ', 'emoji 🐍 ', '', 'naïve 日本語'];
    expect(converted(pieces)).toEqual(encoderOffsets(pieces));
  });

  it('counts a lone surrogate as the three bytes of U+FFFD', () => {
    const pieces = ['a\ud800', 'b\udc00c', '\ud83d'];
    expect(converted(pieces)).toEqual(encoderOffsets(pieces));
  });

  it('agrees with TextEncoder on random text of every width', () => {
    // Lone surrogates of both halves, but never a high one last: a pair split across pieces is one character to
    // the offsets (they never split a character) and two to an encoder given each piece apart.
    const alphabet = ['a', ' ', 'é', '€', '🐍', '\ud800x', '\udfff'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 50; round++) {
      const pieces = Array.from({ length: 1 + Math.floor(next() * 8) }, () =>
        Array.from({ length: Math.floor(next() * 6) }, () => alphabet[Math.floor(next() * alphabet.length)]!).join(''),
      );
      expect(converted(pieces)).toEqual(encoderOffsets(pieces));
    }
  });
});
