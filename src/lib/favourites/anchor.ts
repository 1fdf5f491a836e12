/**
 * Finding a favourite moment again after an update changed the episode's timings: the line it names
 * still holding the same text is kept; failing that, the line with that text nearest in time wins;
 * failing that, the moment is missing and the app says so.
 */
import { momentIndex, momentRefAt, type MomentRef } from '../deeplink';

export interface Located {
  ref: MomentRef;
  text: string;
}

/** `missing` still names the line the stored time points at, which is where a link opens. */
export type Anchor = ({ status: 'exact' | 'moved' } & Located) | { status: 'missing'; named: Located | null };

/** One episode's lines, however they are stored. */
export interface Lines {
  times: ArrayLike<number>;
  /** Index of the episode's first line in `times` (0 when `times` holds one episode). */
  start: number;
  /** One past its last line. */
  end: number;
  textAt(index: number): string;
}

const sameText = (a: string, b: string) => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

export function anchorMoment(lines: Lines, moment: { t: number; n?: number; quote: string }): Anchor {
  const { times, start, end } = lines;
  if (end <= start) return { status: 'missing', named: null };
  const named = momentIndex(times, { t: moment.t, n: moment.n ?? 1 }, start, end);
  const at = (index: number) => momentRefAt(times, index, start);
  if (sameText(lines.textAt(named), moment.quote)) return { status: 'exact', ref: at(named), text: lines.textAt(named) };
  let best = -1;
  for (let i = start; i < end; i++) {
    if (!sameText(lines.textAt(i), moment.quote)) continue;
    if (best < 0 || Math.abs(times[i]! - moment.t) < Math.abs(times[best]! - moment.t)) best = i;
  }
  if (best >= 0) return { status: 'moved', ref: at(best), text: lines.textAt(best) };
  return { status: 'missing', named: { ref: at(named), text: lines.textAt(named) } };
}
