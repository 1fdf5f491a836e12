/** The `t` of a deep link: `78`, `1m18s`, `1h2m3s`, `01:18`, `00:01:18`. Links the app makes use plain seconds. */
import { parseClock } from './transcript/timecode';

export type TimeParam = { kind: 'none' } | { kind: 'ok'; seconds: number } | { kind: 'invalid'; raw: string };

/** Longer values are garbage whatever they hold; cap before any parsing work. */
const MAX_T_LENGTH = 16;
const UNITS = /^(?:(\d{1,3})h)?(?:(\d{1,4})m)?(?:(\d{1,6})s?)?$/;

export function parseTime(raw: string | null): TimeParam {
  if (raw === null || raw === '') return { kind: 'none' };
  const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  if (raw.length > MAX_T_LENGTH) return { kind: 'invalid', raw: shown };
  const text = raw.trim().toLowerCase();
  if (/^\d{1,7}$/.test(text)) return { kind: 'ok', seconds: Number(text) };
  if (text.includes(':')) {
    const seconds = parseClock(text);
    return seconds === null ? { kind: 'invalid', raw: shown } : { kind: 'ok', seconds: Math.floor(seconds) };
  }
  const m = UNITS.exec(text);
  if (m && (m[1] || m[2] || m[3]) && /[hms]/.test(text)) {
    return { kind: 'ok', seconds: Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0) };
  }
  return { kind: 'invalid', raw: shown };
}

/** Index of the segment containing second `t`: the last one starting at or before it (0 when before all). */
export function segmentAt(times: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = times.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
