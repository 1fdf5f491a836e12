import { describe, expect, it } from 'vitest';
import { parseTime, segmentAt } from '../../src/lib/deeplink';
import { episodeHref, parseRoute, searchHref } from '../../src/lib/routes';

describe('deep-link time', () => {
  it.each([
    ['78', 78],
    ['1m18s', 78],
    ['1h2m3s', 3723],
    ['01:18', 78],
    ['00:01:18', 78],
    ['2h', 7200],
    ['45s', 45],
    ['0', 0],
  ])('accepts %s as %d seconds', (raw, seconds) => {
    expect(parseTime(raw)).toEqual({ kind: 'ok', seconds });
  });

  it.each(['abc', '-5', '%E0%A4%A', '1:75', '12x', 'h', '1.5', 'x'.repeat(10_000), '١٢'])('rejects %s', (raw) => {
    expect(parseTime(raw).kind).toBe('invalid');
  });

  it('shows at most 40 characters of a garbage value', () => {
    const t = parseTime('9'.repeat(10_000));
    expect(t.kind === 'invalid' && t.raw.length).toBe(41);
  });

  it('treats an absent t as none', () => {
    expect(parseTime(null)).toEqual({ kind: 'none' });
    expect(parseTime('')).toEqual({ kind: 'none' });
  });

  it('finds the last segment starting at or before t', () => {
    const times = [0, 5, 11, 30];
    expect(segmentAt(times, 0)).toBe(0);
    expect(segmentAt(times, 10)).toBe(1);
    expect(segmentAt(times, 11)).toBe(2);
    expect(segmentAt(times, 9999)).toBe(3);
  });
});

describe('routes', () => {
  it('maps every path under the base to a screen', () => {
    expect(parseRoute('/sub/', '', '/sub/')).toMatchObject({ name: 'search', q: '' });
    expect(parseRoute('/sub/search', '?q=flask+2&sort=newest&year=2019-2021&ep=100-200', '/sub/')).toEqual({
      name: 'search',
      q: 'flask 2',
      filters: { sort: 'newest', years: { from: 2019, to: 2021 }, numbers: { from: 100, to: 200 } },
    });
    expect(parseRoute('/sub/episodes', '', '/sub/')).toEqual({ name: 'episodes' });
    expect(parseRoute('/sub/episodes/233', '?t=1m18s&q=readme', '/sub/')).toEqual({
      name: 'episode',
      id: '233',
      t: { kind: 'ok', seconds: 78 },
      q: 'readme',
    });
    expect(parseRoute('/sub/favourites', '', '/sub/')).toEqual({ name: 'favourites' });
    expect(parseRoute('/sub/nope/deeper', '', '/sub/')).toEqual({ name: 'not-found', path: 'nope/deeper' });
  });

  it('never throws on malformed escapes', () => {
    expect(parseRoute('/episodes/%E0%A4%A', '?t=%E0%A4%A', '/')).toMatchObject({ name: 'episode', id: '%E0%A4%A', t: { kind: 'invalid' } });
  });

  it('builds links that parse back to the same screen', () => {
    const href = episodeHref('/', '233', 78.6, 'read me');
    expect(href).toBe('/episodes/233?t=78&q=read+me');
    const url = new URL(href, 'http://x');
    expect(parseRoute(url.pathname, url.search, '/')).toMatchObject({ id: '233', t: { seconds: 78 }, q: 'read me' });
    expect(searchHref('/', '')).toBe('/');
  });
});
