/** Timestamps as transcripts write them (`HH:MM:SS`, `MM:SS`, `HH:MM:SS.mmm`, `HH:MM:SS,mmm`). */

const CLOCK = /^(?:(\d{1,3}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?$/;

/** Seconds for a clock timestamp, or null when it is not a valid one (minutes/seconds over 59, stray parts). */
export function parseClock(text: string): number | null {
  const m = CLOCK.exec(text);
  if (!m) return null;
  const hours = m[1] === undefined ? 0 : Number(m[1]);
  const minutes = Number(m[2]);
  const seconds = Number(m[3]);
  if (seconds > 59) return null;
  // Without an hours part, MM may exceed 59 only if we allowed it; real files never do, so reject.
  if (minutes > 59) return null;
  const millis = m[4] === undefined ? 0 : Number(m[4].padEnd(3, '0'));
  return hours * 3600 + minutes * 60 + seconds + millis / 1000;
}

/** `1:02:03` or `02:03` (hours shown only when needed), the way players show a position. */
export function formatClock(totalSeconds: number): string {
  const whole = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Human duration such as `1 h 2 min` or `26 min`. */
export function formatDuration(totalSeconds: number): string {
  const minutes = Math.round(totalSeconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
