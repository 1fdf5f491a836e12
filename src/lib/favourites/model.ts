/**
 * A kept moment or episode. Stores the line's exact time and its text, never a segment index, so it
 * survives data rebuilds; when an update moves the text, the quote finds it again (anchor.ts).
 */
import { formatSeconds, type MomentRef } from '../deeplink';

export interface Favourite {
  /** `<episode>@<seconds>` (plus `#<n>` for the n-th line starting then) for a moment, `<episode>` for a whole episode. */
  id: string;
  kind: 'moment' | 'episode';
  episodeId: string;
  episodeTitle: string;
  /** Exact start of the line in seconds, or null for a whole episode. */
  t: number | null;
  /** Which of the lines starting at `t` (from 1); absent means the first. */
  n?: number;
  /** The line's text for a moment; empty for an episode. */
  quote: string;
  note: string;
  createdAt: number;
  updatedAt: number;
}

export const MAX_NOTE_LENGTH = 2000;
const KINDS = new Set(['moment', 'episode']);

export function favouriteId(episodeId: string, t: number | null, n = 1): string {
  if (t === null) return episodeId;
  return `${episodeId}@${formatSeconds(t)}${n > 1 ? `#${n}` : ''}`;
}

/** A new favourite of a whole episode, or of one of its lines (`moment`, with the line's text). */
export function newFavourite(
  episode: { id: string; title: string },
  moment: (MomentRef & { text: string }) | undefined,
  now: number,
): Favourite {
  const item: Favourite = {
    id: favouriteId(episode.id, moment?.t ?? null, moment?.n),
    kind: moment ? 'moment' : 'episode',
    episodeId: episode.id,
    episodeTitle: episode.title,
    t: moment ? moment.t : null,
    quote: moment?.text ?? '',
    note: '',
    createdAt: now,
    updatedAt: now,
  };
  if (moment && moment.n > 1) item.n = moment.n;
  return item;
}

const isOccurrence = (n: unknown) => n === undefined || (Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 9999);

/** Runtime check for anything read from storage or an import file. */
export function isFavourite(value: unknown): value is Favourite {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === 'string' &&
    (v.kind === 'moment' || v.kind === 'episode') &&
    typeof v.episodeId === 'string' &&
    typeof v.episodeTitle === 'string' &&
    (v.t === null || (typeof v.t === 'number' && Number.isFinite(v.t) && v.t >= 0)) &&
    isOccurrence(v.n) &&
    typeof v.quote === 'string' &&
    typeof v.note === 'string' &&
    v.note.length <= MAX_NOTE_LENGTH &&
    typeof v.createdAt === 'number' &&
    Number.isFinite(v.createdAt) &&
    typeof v.updatedAt === 'number' &&
    Number.isFinite(v.updatedAt) &&
    v.id === favouriteId(v.episodeId, v.t as number | null, (v.n as number | undefined) ?? 1) &&
    (v.kind === 'episode') === (v.t === null)
  );
}

/**
 * What a stored row is: a favourite; a row of a kind a newer version of the app writes (kept as is,
 * never shown or touched); or damaged.
 */
export function classifyRow(value: unknown): 'favourite' | 'newer' | 'damaged' {
  if (isFavourite(value)) return 'favourite';
  const v = value as Record<string, unknown> | null;
  const newer = typeof v === 'object' && v !== null && typeof v.id === 'string' && typeof v.kind === 'string' && !KINDS.has(v.kind);
  return newer ? 'newer' : 'damaged';
}

/** Only the fields this version knows, so nothing unknown is stored or exported again. */
export function cleanFavourite(item: Favourite): Favourite {
  const clean: Favourite = {
    id: item.id,
    kind: item.kind,
    episodeId: item.episodeId,
    episodeTitle: item.episodeTitle,
    t: item.t,
    quote: item.quote,
    note: item.note,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
  if (item.n !== undefined && item.n > 1) clean.n = item.n;
  return clean;
}
