/**
 * Podcasting 2.0 chapters (`NNN-name.chapters.json` beside a transcript):
 * `{"version": "1.2.0", "chapters": [{"startTime", "title", "url", "img", "toc"}]}`.
 * A chapter with `"toc": false` is a silent marker, never shown, so it is dropped here.
 */
import type { Problem } from './model';
import { invalidJson } from './json-error';

export interface Chapter {
  /** Start, in seconds. */
  t: number;
  title: string;
  /** A web page about the chapter (http or https only). */
  url?: string;
}

export const CHAPTERS_SUFFIX = /\.chapters\.json$/i;

export function parseChapters(file: string, text: string): { chapters: Chapter[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const problem = (line: number, severity: Problem['severity'], message: string) => problems.push({ file, line, severity, message });
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { chapters: [], problems: [invalidJson(file, text)] };
  }
  const list = (value as { chapters?: unknown } | null)?.chapters;
  if (!Array.isArray(list)) {
    problem(0, 'error', 'not a Podcasting 2.0 chapters file: expected {"version": …, "chapters": [ … ]}');
    return { chapters: [], problems };
  }
  const chapters: Chapter[] = [];
  list.forEach((raw, index) => {
    const where = `chapter ${index + 1}`;
    const entry = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const { startTime, title, url, toc } = entry;
    if (toc === false) return;
    if (typeof startTime !== 'number' || !Number.isFinite(startTime) || startTime < 0) {
      return problem(0, 'warning', `${where}: "startTime" must be seconds; skipped`);
    }
    if (typeof title !== 'string' || title.trim() === '') return problem(0, 'warning', `${where}: no "title"; skipped`);
    const chapter: Chapter = { t: startTime, title: title.replace(/\s+/g, ' ').trim() };
    if (typeof url === 'string' && /^https?:\/\//i.test(url)) chapter.url = url;
    else if (url !== undefined) problem(0, 'warning', `${where}: "url" is not an http(s) address; left out`);
    chapters.push(chapter);
  });
  chapters.sort((a, b) => a.t - b.t);
  return { chapters, problems };
}

/** The chapter a time falls in, or null before the first. */
export function chapterAt(chapters: readonly Chapter[] | undefined, t: number): Chapter | null {
  let found: Chapter | null = null;
  for (const chapter of chapters ?? []) {
    if (chapter.t > t) break;
    found = chapter;
  }
  return found;
}

/** Chapters often start a moment before the words do: a line starting this soon before still opens it. */
const CHAPTER_LEAD_SECONDS = 1;

/**
 * The line each chapter opens with: the first starting at or after its start (less a second), else the last
 * line. Its heading goes above that line, and the chapter list links to it.
 */
export function chapterLines(chapters: readonly Chapter[], times: ArrayLike<number>): number[] {
  let line = 0;
  return chapters.map((chapter) => {
    while (line < times.length - 1 && times[line]! < chapter.t - CHAPTER_LEAD_SECONDS) line++;
    return line;
  });
}
