/**
 * Moments and the deep links that name them. A moment is a line of an episode, named exactly by its
 * start time and, when several lines start at that same time, which of them it is (`n`, from 1).
 * Links: `?t=78` (also `78.5`, `1m18s`, `1h2m3s`, `01:18`, `00:01:18`) and `&n=2` for the second line
 * starting at that time. A time lands on the first line of the last start at or before it.
 */
import { parseClock } from './transcript/timecode';

export type TimeParam = { kind: 'none' } | { kind: 'ok'; seconds: number } | { kind: 'invalid'; raw: string };

/** Which line of an episode: the exact start time, and its rank among lines starting then. */
export interface MomentRef {
  t: number;
  n: number;
}

/** Longer values are garbage whatever they hold; cap before any parsing work. */
const MAX_T_LENGTH = 16;
const UNITS = /^(?:(\d{1,3})h)?(?:(\d{1,4})m)?(?:(\d{1,6})s?)?$/;
/** Times are kept to the millisecond, as WebVTT and SRT write them. */
const MILLIS = 1000;

const shorten = (raw: string) => (raw.length > 40 ? `${raw.slice(0, 40)}…` : raw);

export function parseTime(raw: string | null): TimeParam {
  if (raw === null || raw === '') return { kind: 'none' };
  if (raw.length > MAX_T_LENGTH) return { kind: 'invalid', raw: shorten(raw) };
  const text = raw.trim().toLowerCase();
  if (/^\d{1,7}(?:\.\d{1,3})?$/.test(text)) return { kind: 'ok', seconds: Number(text) };
  if (text.includes(':')) {
    const seconds = parseClock(text);
    return seconds === null ? { kind: 'invalid', raw: shorten(raw) } : { kind: 'ok', seconds };
  }
  const m = UNITS.exec(text);
  if (m && (m[1] || m[2] || m[3]) && /[hms]/.test(text)) {
    return { kind: 'ok', seconds: Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0) };
  }
  return { kind: 'invalid', raw: shorten(raw) };
}

/** `n` of a link: a small whole number from 1; anything else means the first line. */
export function parseOccurrence(raw: string | null): number {
  return raw !== null && /^[1-9]\d{0,3}$/.test(raw) ? Number(raw) : 1;
}

/** Seconds as a link writes them: at most three decimals, none when whole (`12`, `12.2`, `0.04`). */
export function formatSeconds(seconds: number): string {
  return String(Math.round(Math.max(0, seconds) * MILLIS) / MILLIS);
}

const sameTime = (a: number, b: number) => Math.round(a * MILLIS) === Math.round(b * MILLIS);

/** The exact name of line `index`; `start` is where its episode begins when `times` holds several. */
export function momentRefAt(times: ArrayLike<number>, index: number, start = 0): MomentRef {
  const t = times[index]!;
  let first = index;
  while (first > start && sameTime(times[first - 1]!, t)) first--;
  return { t, n: index - first + 1 };
}

/**
 * The line a moment names: the last start at or before `t`, and among lines starting then, the n-th
 * (the last one when there are fewer); the first line when `t` is before every line. `start` and
 * `end` bound one episode when `times` holds several. -1 when there are no lines.
 */
export function momentIndex(times: ArrayLike<number>, ref: MomentRef, start = 0, end = times.length): number {
  if (end <= start) return -1;
  const limit = Math.round(ref.t * MILLIS);
  let lo = start;
  let hi = end - 1;
  let found = start;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (Math.round(times[mid]! * MILLIS) <= limit) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  let first = found;
  while (first > start && sameTime(times[first - 1]!, times[found]!)) first--;
  return Math.min(found, first + Math.max(1, ref.n) - 1);
}
