/** A kept moment or episode. Stores time and text, never a segment index, so it survives data rebuilds. */
export interface Favourite {
  /** `<episode>@<seconds>` for a moment, `<episode>` for a whole episode: the same thing saved twice is one item. */
  id: string;
  kind: 'moment' | 'episode';
  episodeId: string;
  episodeTitle: string;
  /** Seconds into the episode, or null for a whole episode. */
  t: number | null;
  /** The segment's text for a moment; empty for an episode. */
  quote: string;
  note: string;
  createdAt: number;
  updatedAt: number;
}

export const MAX_NOTE_LENGTH = 2000;

export function favouriteId(episodeId: string, t: number | null): string {
  return t === null ? episodeId : `${episodeId}@${Math.floor(t)}`;
}

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
    typeof v.quote === 'string' &&
    typeof v.note === 'string' &&
    v.note.length <= MAX_NOTE_LENGTH &&
    typeof v.createdAt === 'number' &&
    typeof v.updatedAt === 'number' &&
    v.id === favouriteId(v.episodeId, v.t as number | null) &&
    (v.kind === 'episode') === (v.t === null)
  );
}
