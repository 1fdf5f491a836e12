import { describe, expect, it } from 'vitest';
import { countOf, countWithVerb, formatCount } from '../../src/lib/count';
import { compareRecency } from '../../src/lib/packs/format';

describe('formatCount', () => {
  it('writes counts as toLocaleString("en") does, without ICU', () => {
    for (const n of [0, 7, 42, 999, 1000, 1001, 12_345, 100_000, 999_999, 1_000_000, 280_324, 12_345_678, -1234]) {
      expect(formatCount(n)).toBe(n.toLocaleString('en'));
    }
  });
});

describe('countOf', () => {
  it('writes a count with its noun, singular for exactly one, with separators', () => {
    expect(countOf(1, 'moment')).toBe('1 moment');
    expect(countOf(0, 'moment')).toBe('0 moments');
    expect(countOf(1035, 'moment')).toBe('1,035 moments');
    expect(countOf(2, 'episode')).toBe('2 episodes');
    expect(countOf(12_345, 'line')).toBe('12,345 lines');
  });
});

describe('countWithVerb', () => {
  it('makes the verb agree with the count', () => {
    expect(countWithVerb(1, 'item', ['was', 'were'])).toBe('1 item was');
    expect(countWithVerb(0, 'saved item', ['is', 'are'])).toBe('0 saved items are');
    expect(countWithVerb(2048, 'item', ['was', 'were'])).toBe('2,048 items were');
  });
});

describe('compareRecency', () => {
  it('orders ISO dates as a string comparison does, then numbers; an unknown date is oldest', () => {
    const e = (date: string | null, number: number | null) => ({ date, number });
    const sorted = [e('2024-01-02', 5), e(null, 1), e('2023-12-31', 9), e('2024-01-02', 4), e('2024-10-01', null)].sort(compareRecency);
    expect(sorted).toEqual([e(null, 1), e('2023-12-31', 9), e('2024-01-02', 4), e('2024-01-02', 5), e('2024-10-01', null)]);
  });
});
