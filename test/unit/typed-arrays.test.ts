import { describe, expect, it } from 'vitest';
import { grownTo } from '../../src/lib/typed-arrays';

describe('grownTo', () => {
  it('keeps what was there, doubles until the size fits, and fills the new room', () => {
    const grown = grownTo(Int32Array.from([4, 5, 6]), 7, -1);
    expect(grown).toBeInstanceOf(Int32Array);
    expect([...grown]).toEqual([4, 5, 6, -1, -1, -1, -1, -1, -1, -1, -1, -1]);
    expect([...grownTo(new Float32Array([0.5]), 2)]).toEqual([0.5, 0]);
    expect(grownTo(new Uint32Array(0), 3)).toHaveLength(4);
  });
});
