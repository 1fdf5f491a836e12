import { describe, expect, it } from 'vitest';
import { formatSeconds, momentIndex, momentRefAt, parseOccurrence, parseTime } from '../../src/lib/deeplink';
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

  it.each([
    ['12.2', 12.2],
    ['0.04', 0.04],
    ['01:18.5', 78.5],
  ])('keeps the fraction of %s', (raw, seconds) => {
    expect(parseTime(raw)).toEqual({ kind: 'ok', seconds });
  });

  it.each(['abc', '-5', '%E0%A4%A', '1:75', '12x', 'h', '1.', '1.2345', '.5', 'x'.repeat(10_000), '١٢'])('rejects %s', (raw) => {
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

  it('lands on the first line of the last start at or before t', () => {
    const times = [0, 5, 11, 11, 11, 30];
    const at = (t: number, n = 1) => momentIndex(times, { t, n });
    expect(at(0)).toBe(0);
    expect(at(10)).toBe(1);
    expect(at(11)).toBe(2);
    expect(at(11.5)).toBe(2);
    expect(at(11, 2)).toBe(3);
    expect(at(11, 3)).toBe(4);
    expect(at(11, 9)).toBe(4);
    expect(at(9999)).toBe(5);
    expect(momentIndex([], { t: 3, n: 1 })).toBe(-1);
  });

  it('names a WebVTT cue by its exact time, not its second', () => {
    const times = [10.5, 12.2, 12.9];
    expect(momentRefAt(times, 1)).toEqual({ t: 12.2, n: 1 });
    expect(momentIndex(times, { t: 12.2, n: 1 })).toBe(1);
    expect(momentIndex(times, { t: 12, n: 1 })).toBe(0);
    expect(formatSeconds(12.2)).toBe('12.2');
    expect(formatSeconds(1274)).toBe('1274');
    expect(formatSeconds(0.1 + 0.2)).toBe('0.3');
  });

  it('reads n as a small whole number, anything else as the first line', () => {
    expect(parseOccurrence('2')).toBe(2);
    for (const raw of [null, '', '0', '-1', '1.5', 'x', '99999']) expect(parseOccurrence(raw)).toBe(1);
  });
});

describe('routes', () => {
  it('maps every path under the base to a screen', () => {
    expect(parseRoute('/sub/', '', '/sub/')).toMatchObject({ name: 'search', q: '' });
    expect(parseRoute('/sub/search', '?q=flask+2&sort=newest&year=2019-2021&ep=100-200', '/sub/')).toEqual({
      name: 'search',
      q: 'flask 2',
      filters: { sort: 'newest', source: 'all', years: { from: 2019, to: 2021 }, numbers: { from: 100, to: 200 } },
    });
    expect(parseRoute('/sub/search', '?q=x&from=yours', '/sub/')).toMatchObject({ filters: { source: 'yours' } });
    expect(parseRoute('/sub/search', '?q=x&from=elsewhere', '/sub/')).toMatchObject({ filters: { source: 'all' } });
    expect(parseRoute('/sub/episodes', '', '/sub/')).toEqual({ name: 'episodes' });
    expect(parseRoute('/sub/episodes/233', '?t=1m18s&q=readme', '/sub/')).toEqual({
      name: 'episode',
      id: '233',
      t: { kind: 'ok', seconds: 78 },
      n: 1,
      q: 'readme',
    });
    expect(parseRoute('/sub/favourites', '', '/sub/')).toEqual({ name: 'favourites' });
    // A media fragment, as players and video sites write a moment; `?t=` wins when both are there.
    for (const hash of ['#t=78', '#t=1m18s', '#t=npt:78,90', '#t=78&x=1']) {
      expect(parseRoute('/sub/episodes/233', '', '/sub/', hash), hash).toMatchObject({ t: { kind: 'ok', seconds: 78 } });
    }
    expect(parseRoute('/sub/episodes/233', '?t=5', '/sub/', '#t=78')).toMatchObject({ t: { kind: 'ok', seconds: 5 } });
    expect(parseRoute('/sub/episodes/233', '', '/sub/', '#t=soon')).toMatchObject({ t: { kind: 'invalid', raw: 'soon' } });
    expect(parseRoute('/sub/episodes/233', '', '/sub/', '#main')).toMatchObject({ t: { kind: 'none' } });
    expect(parseRoute('/sub', '', '/sub/')).toMatchObject({ name: 'search', q: '' });
    expect(parseRoute('/sub/nope/deeper', '', '/sub/')).toEqual({ name: 'not-found', path: 'nope/deeper' });
  });

  it("reads the podcast site's ?time_in_sec= like ?t=, and t wins when both are there", () => {
    expect(parseRoute('/episodes/233', '?time_in_sec=855', '/')).toMatchObject({
      name: 'episode',
      id: '233',
      t: { kind: 'ok', seconds: 855 },
    });
    expect(parseRoute('/episodes/233', '?t=10&time_in_sec=855', '/')).toMatchObject({ t: { kind: 'ok', seconds: 10 } });
    expect(parseRoute('/episodes/233', '?time_in_sec=soon', '/')).toMatchObject({ t: { kind: 'invalid', raw: 'soon' } });
  });

  it('never throws on malformed escapes', () => {
    expect(parseRoute('/episodes/%E0%A4%A', '?t=%E0%A4%A', '/')).toMatchObject({ name: 'episode', id: '%E0%A4%A', t: { kind: 'invalid' } });
  });

  it('builds links that parse back to the same screen', () => {
    const href = episodeHref('/', '233', { t: 78.6, n: 2 }, 'read me');
    expect(href).toBe('/episodes/233?t=78.6&n=2&q=read+me');
    const url = new URL(href, 'http://x');
    expect(parseRoute(url.pathname, url.search, '/')).toMatchObject({ id: '233', t: { seconds: 78.6 }, n: 2, q: 'read me' });
    expect(episodeHref('/', '233', { t: 78, n: 1 })).toBe('/episodes/233?t=78');
    expect(episodeHref('/app/', 'mine-1 2', undefined, 'a&b=c')).toBe('/app/episodes/mine-1%202?q=a%26b%3Dc');
    expect(searchHref('/', '')).toBe('/');
  });

  it('links a line as a URLSearchParams of the whole query would (the reader builds them from shared parts)', () => {
    const reference = (id: string, t: number, n: number, q: string) => {
      const params = new URLSearchParams({ t: formatSeconds(t) });
      if (n > 1) params.set('n', String(n));
      if (q) params.set('q', q);
      return `/episodes/${encodeURIComponent(id)}?${params}`;
    };
    for (const q of ['', 'read me', 'ça & "ok"=1?#', '🐍 +%2B'])
      for (const [t, n] of [
        [0, 1],
        [78.6, 2],
        [3634.1234, 1],
        [0.0004, 3],
      ] as const)
        expect(episodeHref('/', 'ep 1/2', { t, n }, q)).toBe(reference('ep 1/2', t, n, q));
  });
});
