import { cleanCueText, splitVoice } from './markup';
import type { Problem, Segment } from './model';
import { parsePodcastHtml } from './podcast-html';
import { parsePodcastJson } from './podcast-json';
import { SegmentSink } from './segment-sink';
import { parseClock } from './timecode';

export type TranscriptFormat = 'text' | 'webvtt' | 'srt' | 'json' | 'html';

export interface ParsedTranscript {
  format: TranscriptFormat;
  segments: Segment[];
  /** Page-header lines that are not speech (kept for metadata: `Transcript #N: Title`, `Recorded on …`). */
  header: string[];
  problems: Problem[];
}

/** Lines of a saved web page that are never speech. */
const FURNITURE: RegExp[] = [
  /^transcript #\d+/i,
  /^recorded on\b/i,
  /^back to show page$/i,
  /^return to episode page/i,
  /^brought to you by\b/i,
  /^(?:this episode is )?sponsored by\b/i,
];

/** Anything shaped like a clock; parseClock says whether it is a valid one. */
const CLOCK_LIKE = String.raw`\d{1,3}(?::\d{1,3})+(?:[.,]\d+)?`;
/** A line opening with a time, bare or in brackets (`[00:01:02]`, `(01:02)`, as Descript and others write it), then speech. */
const TIMESTAMP_LIKE = new RegExp(String.raw`^(?:\[(${CLOCK_LIKE})\]|\((${CLOCK_LIKE})\)|(${CLOCK_LIKE}))(?:\s+(.*))?$`);
/** YouTube's SBV captions: a cue's start and end on a line of their own (`0:00:01.000,0:00:04.000`), its text below. */
const SBV_TIMING = new RegExp(String.raw`^(${CLOCK_LIKE}),${CLOCK_LIKE}$`);
/**
 * Otter's and Rev's text exports: the speaker and the time on a line of their own (`Speaker 1  0:03`,
 * `Speaker 1 (00:03):`), the speech below.
 */
const SPEAKER_AND_TIME = new RegExp(String.raw`^(\S.{0,59}?)\s+(?:(${CLOCK_LIKE})|\((${CLOCK_LIKE})\):?)$`);
/** After a time in brackets, Descript names the speaker: `[00:00:05] Alice: Thanks for having me.` */
const NAMED_SPEECH = /^(\p{Lu}[\p{L}\p{N}.'’ -]{0,38}?):\s+(.+)$/u;
const TIMING_LINE = /^(\S+)\s+-->\s+(\S+)/;
/** A timing line whose times look like times: one in the middle of a block starts a cue of its own. */
const CLOCK_TIMING_LINE = new RegExp(String.raw`^${CLOCK_LIKE}\s+-->\s+${CLOCK_LIKE}(?:\s|$)`);
const WEBVTT_HEADER = /^WEBVTT(?:\s|$)/;

/** By the file's extension when it names a format, else by its content. */
export function detectFormat(text: string, file = ''): TranscriptFormat {
  if (/\.json$/i.test(file)) return 'json';
  if (/\.html?$/i.test(file)) return 'html';
  const opening = text.trimStart();
  if (opening.startsWith('{')) return 'json';
  if (/^<(?:!doctype|html|body|cite|time|p)\b/i.test(opening)) return 'html';
  const lines = text.split('\n', 40).map((l) => l.trim());
  const first = lines.findIndex((l) => l !== '');
  if (first < 0) return 'text';
  if (WEBVTT_HEADER.test(lines[first]!)) return 'webvtt';
  if (/^\d+$/.test(lines[first]!) && TIMING_LINE.test(lines[first + 1] ?? '')) return 'srt';
  // Cues with no WEBVTT line, or SRT without its numbers: read as cues, never as speech with "-->" in it.
  if (lines.some((l) => CLOCK_TIMING_LINE.test(l))) return /\.vtt$/i.test(file) ? 'webvtt' : 'srt';
  return 'text';
}

/** Control characters are never speech; dropping them also lets a kept index treat a NUL as damage. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Parse transcript text of any supported format. Pure: no I/O, runs in Node and in the browser. */
export function parseTranscript(file: string, input: string): ParsedTranscript {
  const text = input
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL_CHARACTERS, '');
  const problems: Problem[] = [];
  const format = detectFormat(text, file);
  const lines = text.split('\n');
  const sink = new SegmentSink(file, problems);
  const header: string[] = [];
  if (format === 'text') parseTextLines(lines, sink, header);
  else if (format === 'json') parsePodcastJson(file, text, sink, problems);
  else if (format === 'html') parsePodcastHtml(file, text, sink, problems);
  else parseCues(lines, format, sink);

  if (text.trim() === '') {
    problems.push({ file, line: 0, severity: 'error', message: 'file is empty' });
  } else if (sink.segments.length === 0 && !problems.some((p) => p.severity === 'error')) {
    problems.push({ file, line: 0, severity: 'error', message: 'no timestamped speech found (no segments)' });
  }
  const segments = sink.segments.filter((s) => s.text !== '');
  return { format, segments, header, problems };
}

function parseTextLines(lines: string[], sink: SegmentSink, header: string[]): void {
  // A line ending in a time opens a speaker's turn only in a file where no line opens with one: elsewhere it is
  // speech that mentions a time ("the doors open at 10:30").
  const speakersHead = !lines.some((line) => TIMESTAMP_LIKE.test(line.trim()) || SBV_TIMING.test(line.trim()));
  const addAt = (lineNo: number, clock: string, speech: { speaker?: string; text: string }) => {
    const time = parseClock(clock);
    if (time === null) sink.warn(lineNo, `unparseable timestamp "${clock}"; text kept at the previous time`);
    sink.add(lineNo, time, speech);
  };
  lines.forEach((rawLine, index) => {
    const line = rawLine.trim();
    const lineNo = index + 1;
    if (line === '') return;
    const stamp = TIMESTAMP_LIKE.exec(line);
    if (stamp) {
      const [, squared, rounded, bare, speech = ''] = stamp;
      // Only after a time in brackets does "Name: " name the speaker (Descript's form); after a bare one it is speech.
      return addAt(lineNo, (squared ?? rounded ?? bare)!, bare === undefined ? namedSpeech(speech) : splitVoice(speech));
    }
    const cue = SBV_TIMING.exec(line);
    if (cue) return addAt(lineNo, cue[1]!, { text: '' });
    const turn = speakersHead ? speakerTurn(line) : null;
    if (turn) return addAt(lineNo, turn.clock, { speaker: turn.speaker, text: '' });
    if (FURNITURE.some((re) => re.test(line))) {
      header.push(line);
      return;
    }
    if (sink.append(splitVoice(line).text)) return;
    header.push(line);
    sink.warn(lineNo, 'text before the first timestamp is not treated as speech');
  });
}

/** `Alice Cooper: Thanks.`: a name of a few words before a colon is the speaker. */
function namedSpeech(speech: string): { speaker?: string; text: string } {
  const named = NAMED_SPEECH.exec(speech);
  return named && named[1]!.split(' ').length <= 4 ? { speaker: named[1]!, text: named[2]! } : splitVoice(speech);
}

/** `Speaker 1  0:03`: a name (a few words, not a sentence) and a time; null for any other line. */
function speakerTurn(line: string): { speaker: string; clock: string } | null {
  const m = SPEAKER_AND_TIME.exec(line);
  if (!m) return null;
  const speaker = m[1]!.trim();
  if (speaker.split(/\s+/).length > 6 || /[.!?,;:]$/.test(speaker)) return null;
  return { speaker, clock: (m[2] ?? m[3])! };
}

function parseCues(lines: string[], format: 'webvtt' | 'srt', sink: SegmentSink): void {
  // Blocks are separated by blank lines; the WebVTT header block, when there is one, is skipped.
  const first = lines.findIndex((l) => l.trim() !== '');
  let i = first >= 0 && WEBVTT_HEADER.test(lines[first]!.trim()) ? skipBlock(lines, first) : 0;
  while (i < lines.length) {
    while (i < lines.length && lines[i]!.trim() === '') i++;
    if (i >= lines.length) break;
    const start = i;
    const end = skipBlock(lines, i);
    const block = lines.slice(start, end).map((l) => l.trim());
    i = end;
    if (format === 'webvtt' && /^(?:NOTE|STYLE|REGION)(?:\s|$)/.test(block[0]!)) continue;
    const timingAt = block.findIndex((l) => l.includes('-->'));
    if (timingAt < 0 || timingAt > 1) {
      sink.warn(start + 1, 'cue without a timing line ("-->"); text kept at the previous time');
      sink.add(start + 1, null, cleanCueText(block.join(' ')));
      continue;
    }
    // Each further timing line is a cue run into this one by a missing blank line (sloppy exports do that).
    const timings = [timingAt, ...block.flatMap((l, k) => (k > timingAt && CLOCK_TIMING_LINE.test(l) ? [k] : []))];
    if (timings.length > 1) sink.warn(start + timings[1]! + 1, 'cues not separated by a blank line; each timing line starts a cue');
    timings.forEach((at, k) => {
      let textEnd = timings[k + 1] ?? block.length;
      // The line just before a run-in cue's timing is that cue's number, when it is one.
      if (k + 1 < timings.length && textEnd - 1 > at && /^\d+$/.test(block[textEnd - 1]!)) textEnd--;
      addCue(block.slice(at, textEnd), start + at + 1, sink);
    });
  }
}

/** One cue: its timing line, then its text. */
function addCue(cue: string[], lineNo: number, sink: SegmentSink): void {
  const startText = TIMING_LINE.exec(cue[0]!)?.[1] ?? '';
  const time = parseClock(startText);
  if (time === null) sink.warn(lineNo, `unparseable timestamp "${startText}"; text kept at the previous time`);
  const cueText = cue.slice(1).join('\n');
  if (cueText.trim() === '') return;
  sink.add(lineNo, time, cleanCueText(cueText));
}

function skipBlock(lines: string[], from: number): number {
  let i = from;
  while (i < lines.length && lines[i]!.trim() !== '') i++;
  return i;
}
