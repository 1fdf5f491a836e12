/**
 * Podcasting 2.0 JSON transcripts: `{"version": "1.0.0", "segments": [{"speaker", "startTime", "endTime",
 * "body"}]}`, times in seconds. Segments are often one word each, so they are merged into lines: a line ends at
 * a change of speaker, a pause, or the end of a sentence (and before it grows too long to read as one).
 */
import type { Problem } from './model';
import { invalidJson } from './json-error';
import { SegmentSink } from './segment-sink';
import { lineAt, lineStarts } from './text-position';

/** A silence at least this long between two segments starts a new line. */
export const PAUSE_SECONDS = 1;
/** A line without sentence ends (some speech-to-text writes none) is cut at this many words. */
export const MAX_LINE_WORDS = 60;

const SENTENCE_END = /[.!?…]["'”’)\]]*$/;
/** A body that starts with one of these is glued to the word before it (`word` + `,`). */
const GLUED_START = /^[,.;:!?%)\]}…'’]/;

interface Piece {
  line: number;
  t: number | null;
  end: number | null;
  speaker: string | undefined;
  body: string;
}

export function parsePodcastJson(file: string, text: string, sink: SegmentSink, problems: Problem[]): void {
  const starts = lineStarts(text);
  const fail = (line: number, message: string) => problems.push({ file, line, severity: 'error', message });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return void problems.push(invalidJson(file, text));
  }
  const segments = (value as { segments?: unknown } | null)?.segments;
  if (typeof value !== 'object' || value === null || !Array.isArray(segments)) {
    return void fail(0, 'not a Podcasting 2.0 JSON transcript: expected {"version": …, "segments": [ … ]}');
  }
  const positions = valueStarts(text, text.indexOf('"segments"'));
  const pieces: Piece[] = [];
  segments.forEach((raw, index) => {
    const line = positions[index] === undefined ? 0 : lineAt(starts, positions[index]);
    const where = `segment ${index + 1}`;
    if (typeof raw !== 'object' || raw === null) return sink.warn(line, `${where} is not an object; skipped`);
    const { speaker, startTime, endTime, body } = raw as Record<string, unknown>;
    if (typeof body !== 'string') return sink.warn(line, `${where} has no "body" text; skipped`);
    const t = seconds(startTime);
    if (t === null)
      sink.warn(line, `${where}: "startTime" ${JSON.stringify(startTime) ?? 'is missing'}, not seconds; kept at the previous time`);
    const end = endTime === undefined ? null : seconds(endTime);
    const name = typeof speaker === 'string' && speaker.trim() ? speaker.trim() : undefined;
    pieces.push({ line, t, end, speaker: name, body: body.replace(/\s+/g, ' ').trim() });
  });
  mergeIntoLines(pieces, sink);
}

function seconds(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : null;
}

function mergeIntoLines(pieces: Piece[], sink: SegmentSink): void {
  let line: { first: Piece; text: string; words: number; lastEnd: number | null } | null = null;
  const flush = () => {
    if (line && line.text) sink.add(line.first.line, line.first.t, { speaker: line.first.speaker, text: line.text });
    line = null;
  };
  for (const piece of pieces) {
    if (piece.body === '') continue;
    if (line) {
      const gap = piece.t !== null && line.lastEnd !== null ? piece.t - line.lastEnd : 0;
      if (piece.speaker !== line.first.speaker || gap >= PAUSE_SECONDS) flush();
    }
    if (!line) line = { first: piece, text: '', words: 0, lastEnd: null };
    line.text = line.text === '' || GLUED_START.test(piece.body) ? line.text + piece.body : `${line.text} ${piece.body}`;
    line.words += piece.body.split(' ').length;
    line.lastEnd = piece.end ?? piece.t ?? line.lastEnd;
    if (SENTENCE_END.test(piece.body) || line.words >= MAX_LINE_WORDS) flush();
  }
  flush();
}

/** Offsets of the values directly inside the first array after `from`: where each segment starts. */
function valueStarts(text: string, from: number): number[] {
  const out: number[] = [];
  let i = from < 0 ? -1 : text.indexOf('[', from);
  if (i < 0) return out;
  let depth = 0;
  let inString = false;
  let expectingValue = false;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (depth === 1 && expectingValue && !' \t\n\r,]'.includes(c)) {
      out.push(i);
      expectingValue = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      if (--depth === 0) break;
    } else if (c === ',' && depth === 1) expectingValue = true;
    if (depth === 1 && c === '[') expectingValue = true;
  }
  return out;
}
