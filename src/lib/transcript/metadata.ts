import type { Segment } from './model';

/** How many opening segments are searched for the episode number and date. */
const OPENING_SEGMENTS = 8;

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DATE = new RegExp(`\\b(${MONTHS.join('|')})\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i');
const HEADER_TITLE = /^transcript #(\d+)(?::\s*(.+))?$/i;
const EPISODE_IN_SPEECH = /\bepisode (?:number )?#?(\d{1,5})\b/i;
/** `217-slug`, `002_python_bytes`, `459 Inverted dependency trees`. */
const FILE_PREFIX = /^(\d{1,5})[-_ ](.*)$/;
/** A remainder like `5ae76bacbbb448f7` is an export hash, not a description. */
const OPAQUE = /^[0-9a-f]{6,}$/i;

export function baseName(file: string): string {
  return (file.split(/[\\/]/).pop() ?? file).replace(/\.chapters\.json$/i, '').replace(/\.(txt|vtt|srt|json|html?)$/i, '');
}

/** Episode number and descriptive slug from a file name, if the name carries them. */
export function fromFileName(file: string): { number: number | null; slugTitle: string | null } {
  const name = baseName(file);
  const m = FILE_PREFIX.exec(name);
  if (!m || OPAQUE.test(m[2]!)) return { number: null, slugTitle: null };
  const number = Number(m[1]);
  const words = m[2]!.replace(/[-_]+/g, ' ').trim();
  const slugTitle = /[a-z]{3}/i.test(words) ? words.charAt(0).toUpperCase() + words.slice(1) : null;
  return { number: number > 0 ? number : null, slugTitle };
}

export function fromHeader(header: string[]): { number: number | null; title: string | null; date: string | null } {
  let number: number | null = null;
  let title: string | null = null;
  let date: string | null = null;
  for (const line of header) {
    const m = HEADER_TITLE.exec(line);
    if (m) {
      number ??= Number(m[1]);
      title ??= m[2]?.trim() || null;
    }
    date ??= findDate(line);
  }
  return { number, title, date };
}

export function fromOpening(segments: Segment[]): { number: number | null; date: string | null } {
  const opening = segments
    .slice(0, OPENING_SEGMENTS)
    .map((s) => s.text)
    .join(' ');
  const m = EPISODE_IN_SPEECH.exec(opening);
  return { number: m ? Number(m[1]) : null, date: findDate(opening) };
}

/** First `Month D[th], YYYY` date in the text as ISO `YYYY-MM-DD`, or null. */
export function findDate(text: string): string | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const month = MONTHS.indexOf(m[1]!.toLowerCase()) + 1;
  const day = Number(m[2]);
  const year = Number(m[3]);
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Speakers in order of first appearance. */
export function speakersOf(segments: Segment[]): string[] {
  const seen = new Set<string>();
  for (const s of segments) if (s.speaker) seen.add(s.speaker);
  return [...seen];
}
