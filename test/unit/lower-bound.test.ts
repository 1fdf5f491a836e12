import { describe, expect, it } from 'vitest';
import { lowerBound } from '../../src/lib/lower-bound';

describe('lowerBound', () => {
  it('finds the first index not before the value, at every place, repeats and ends included', () => {
    const sorted = [1, 3, 3, 3, 7, 9];
    for (const value of [0, 1, 2, 3, 4, 7, 8, 9, 10]) {
      const want = sorted.findIndex((x) => x >= value);
      expect(
        lowerBound(sorted.length, (i) => sorted[i]! < value),
        String(value),
      ).toBe(want < 0 ? sorted.length : want);
    }
    expect(lowerBound(0, () => true)).toBe(0);
  });
});
