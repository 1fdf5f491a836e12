/**
 * Podcasting 2.0 HTML transcripts: `<cite>` names the speaker, `<time>` the start, `<p>` holds the text.
 * A `<p>` with no `<time>` since the one before continues at the previous time.
 */
import { Parser } from 'htmlparser2';
import type { Problem } from './model';
import { SegmentSink } from './segment-sink';
import { lineAt, lineStarts } from './text-position';
import { parseClock } from './timecode';

/** Elements whose text is never speech. */
const SKIPPED = new Set(['script', 'style', 'head', 'title', 'template']);

export function parsePodcastHtml(file: string, text: string, sink: SegmentSink, problems: Problem[]): void {
  const starts = lineStarts(text);
  let speaker: string | undefined;
  let time: number | null = null;
  let sawTime = false;
  /** The element whose text is being collected, and where it opened. */
  let open: { tag: 'cite' | 'time' | 'p'; line: number; text: string; attribute: string | undefined } | null = null;
  let skipping = 0;

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (SKIPPED.has(name)) skipping++;
        if (skipping) return;
        if (name === 'br' && open) open.text += ' ';
        if ((name === 'cite' || name === 'time' || name === 'p') && !open) {
          open = { tag: name, line: lineAt(starts, parser.startIndex), text: '', attribute: attributes.datetime };
        }
      },
      ontext(chunk) {
        if (!skipping && open) open.text += chunk;
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) skipping = Math.max(0, skipping - 1);
        if (!open || open.tag !== name) return;
        const { line, attribute } = open;
        const content = open.text.replace(/\s+/g, ' ').trim();
        open = null;
        if (name === 'cite') speaker = content.replace(/:$/, '').trim() || undefined;
        else if (name === 'time') {
          sawTime = true;
          time = clockOrSeconds(content) ?? clockOrSeconds(attribute ?? '');
          if (time === null) sink.warn(line, `unparseable <time> "${content}"; text kept at the previous time`);
        } else if (content !== '') {
          if (!sawTime) sink.warn(line, '<p> before the first <time>; kept at the start');
          sink.add(line, time, { speaker, text: content });
          time = null;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(text);
  parser.end();
  if (!sawTime && sink.segments.length > 0) {
    problems.push({ file, line: 0, severity: 'error', message: 'no <time> elements: an HTML transcript needs a start time for its text' });
  }
}

/** `0:05`, `00:01:18.5`, or plain seconds (`78.5`). */
function clockOrSeconds(text: string): number | null {
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text);
  return parseClock(text);
}
