/** The URL is the single source of truth for what is on screen: parse it into a route, build links back. */
import { formatSeconds, parseOccurrence, parseTime, type MomentRef, type TimeParam } from './deeplink';
import type { Range, SearchFilters, SourceFilter } from './search/types';

export type { SearchFilters } from './search/types';

export const NO_FILTERS: SearchFilters = { sort: 'relevance', source: 'all', years: null, numbers: null };

/** `2019`, `2019-2021` or `100-200`; anything else is no range. */
export function parseRange(raw: string | null): Range | null {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(raw?.trim() ?? '');
  if (!m) return null;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  return from <= to ? { from, to } : { from: to, to: from };
}

function parseSource(raw: string | null): SourceFilter {
  return raw === 'yours' || raw === 'podcast' ? raw : 'all';
}

const formatRange = (r: Range) => (r.from === r.to ? String(r.from) : `${r.from}-${r.to}`);

function parseFilters(params: URLSearchParams): SearchFilters {
  return {
    sort: params.get('sort') === 'newest' ? 'newest' : 'relevance',
    source: parseSource(params.get('from')),
    years: parseRange(params.get('year')),
    numbers: parseRange(params.get('ep')),
  };
}

export type Route =
  | { name: 'search'; q: string; filters: SearchFilters }
  | { name: 'episodes' }
  | { name: 'episode'; id: string; t: TimeParam; n: number; q: string }
  | { name: 'favourites' }
  | { name: 'not-found'; path: string };

/**
 * The start of a media fragment in a link's hash (`#t=78`, `#t=1m18s`, `#t=npt:78,90`), as media players and
 * video sites write a moment; null when the hash holds none.
 */
function fragmentTime(hash: string): string | null {
  const t = new URLSearchParams(hash.replace(/^#/, '')).get('t');
  return t === null ? null : t.replace(/^npt:/, '').split(',')[0]!;
}

/** Parse a location relative to the app's base (`/` or `/sub/`). Never throws. */
export function parseRoute(pathname: string, search: string, base: string, hash = ''): Route {
  const params = new URLSearchParams(search);
  // `/sub` is the home of a build served from `/sub/`, as hosts redirect it.
  const inBase = pathname.startsWith(base) || `${pathname}/` === base;
  let path = inBase ? pathname.slice(base.length) : pathname.replace(/^\//, '');
  path = path.replace(/\/+$/, '');
  if (path === '' || path === 'index.html' || path === '404.html') {
    // `/?q=` is accepted too, so a search shared from the home screen still opens.
    return { name: 'search', q: params.get('q') ?? '', filters: parseFilters(params) };
  }
  if (path === 'search') return { name: 'search', q: params.get('q') ?? '', filters: parseFilters(params) };
  if (path === 'episodes') return { name: 'episodes' };
  if (path === 'favourites') return { name: 'favourites' };
  const episode = /^episodes\/([^/]+)$/.exec(path);
  if (episode) {
    return {
      name: 'episode',
      id: safeDecode(episode[1]!),
      // `time_in_sec` is how the podcast's own site links a moment, `#t=` how media players do: both land the same way.
      t: parseTime(params.get('t') || params.get('time_in_sec') || fragmentTime(hash)),
      n: parseOccurrence(params.get('n')),
      q: params.get('q') ?? '',
    };
  }
  return { name: 'not-found', path: safeDecode(path) };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function searchHref(base: string, q: string, filters: SearchFilters = NO_FILTERS): string {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (filters.sort !== 'relevance') params.set('sort', filters.sort);
  if (filters.source !== 'all') params.set('from', filters.source);
  if (filters.years) params.set('year', formatRange(filters.years));
  if (filters.numbers) params.set('ep', formatRange(filters.numbers));
  const query = params.toString();
  return query ? `${base}search?${query}` : base;
}

/** Where every episode's path starts. */
export const episodesPath = (base: string): string => `${base}episodes/`;

/** A link to an episode, or to one exact line of it (see deeplink.ts). */
export function episodeHref(base: string, id: string, moment?: MomentRef, q?: string): string {
  if (moment) return momentHrefs(base, id, q)(moment);
  return `${episodesPath(base)}${encodeURIComponent(id)}${q ? `?${new URLSearchParams({ q })}` : ''}`;
}

/**
 * Links to moments of one episode, with what they share encoded once: the reader draws a link per line, and
 * encoding each whole (a URLSearchParams per line) was about a tenth of drawing a line on a phone.
 */
export function momentHrefs(base: string, id: string, q?: string): (moment: MomentRef) => string {
  const path = `${episodesPath(base)}${encodeURIComponent(id)}?t=`;
  const query = q ? `&${new URLSearchParams({ q })}` : '';
  // Seconds are digits and a dot, which need no encoding.
  return (moment) => `${path}${formatSeconds(moment.t)}${moment.n > 1 ? `&n=${moment.n}` : ''}${query}`;
}

export const episodesHref = (base: string) => `${base}episodes`;
export const favouritesHref = (base: string) => `${base}favourites`;
