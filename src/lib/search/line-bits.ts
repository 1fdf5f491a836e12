/** Sets of lines as bitsets, one bit per line in 32-bit words: the common tier's rows and the match table's marks. */

export const wordsFor = (documents: number) => Math.ceil(documents / 32);

/**
 * Sets the bit of each of `lines` in the row at `from`. A loop of its own, with nothing after it: see takeWeights
 * in match-table.ts.
 */
export function setLineBits(bits: Uint32Array, from: number, lines: Uint32Array): void {
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!;
    bits[from + (line >>> 5)]! |= 1 << (line & 31);
  }
}

/** The positions of the bits set in `bits[from … from + words)`, ascending. */
export function setBits(bits: Uint32Array, from: number, words: number): Uint32Array {
  const lines = new Uint32Array(countBits(bits, from, words));
  listBits(bits, from, words, lines);
  return lines;
}

// Two loops, each a function with nothing after it: see takeWeights in match-table.ts.

function countBits(bits: Uint32Array, from: number, words: number): number {
  let count = 0;
  for (let w = 0; w < words; w++) count += popCount(bits[from + w]!);
  return count;
}

function listBits(bits: Uint32Array, from: number, words: number, into: Uint32Array): void {
  let k = 0;
  for (let w = 0; w < words; w++) {
    let x = bits[from + w]!;
    while (x !== 0) {
      const low = x & -x;
      into[k++] = w * 32 + 31 - Math.clz32(low);
      x ^= low;
    }
  }
}

function popCount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
