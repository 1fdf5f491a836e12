import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestOne, isTranscriptFile } from '../../src/lib/ingest';
import { detectFormat, parseTranscript } from '../../src/lib/transcript/parse';

const fixture = (name: string) => readFileSync(`test/fixtures/podcast2/${name}`, 'utf8');
const json = (segments: unknown[]) => JSON.stringify({ version: '1.0.0', segments }, null, 1);
const word = (startTime: number, body: string, speaker = 'Ada') => ({ speaker, startTime, endTime: startTime + 0.3, body });

describe('Podcasting 2.0 JSON transcripts', () => {
  it('merges word-level segments into lines at a sentence end, a pause and a change of speaker', () => {
    const p = parseTranscript('1-word-level.json', fixture('1-word-level.json'));
    expect(p.format).toBe('json');
    expect(p.problems).toEqual([]);
    expect(p.segments).toEqual([
      { t: 0.5, speaker: 'Ada Host', text: 'Welcome to Fixture Radio, episode one.' },
      { t: 3, speaker: 'Ada Host', text: 'Today we talk about tardigrade databases and word level transcripts' },
      { t: 9, speaker: 'Grace Guest', text: 'Thanks for having me.' },
      { t: 10.6, speaker: 'Grace Guest', text: 'Tardigrade storage survives anything even a full disk.' },
      { t: 14.2, speaker: 'Ada Host', text: 'Next up, the chapters of this episode cover quokka compilers.' },
      { t: 23.2, speaker: 'Ada Host', text: 'That is all for today, thanks for listening.' },
    ]);
  });

  it('glues punctuation to the word before it, and cuts a line with no sentence end at 60 words', () => {
    const p = parseTranscript('a.json', json([word(0, 'Hello'), word(0.3, ','), word(0.6, 'world')]));
    expect(p.segments).toEqual([{ t: 0, speaker: 'Ada', text: 'Hello, world' }]);
    const long = Array.from({ length: 130 }, (_, i) => word(i * 0.3, `w${i}`));
    expect(parseTranscript('a.json', json(long)).segments.map((s) => s.text.split(' ').length)).toEqual([60, 60, 10]);
  });

  it('keeps segments without a speaker or an endTime, and a pause still splits by start times', () => {
    const p = parseTranscript(
      'a.json',
      json([
        { startTime: 1, body: 'One' },
        { startTime: 1.2, body: 'two' },
        { startTime: 5, body: 'three' },
      ]),
    );
    expect(p.segments).toEqual([
      { t: 1, text: 'One two' },
      { t: 5, text: 'three' },
    ]);
  });

  it('reports broken JSON with its line, and a file with no segments array', () => {
    const broken = parseTranscript('b.json', '{\n "version": "1.0.0",\n "segments": [\n  {"startTime": 1, "body": "x"},,\n ]\n}');
    expect(broken.segments).toEqual([]);
    expect(broken.problems).toEqual([{ file: 'b.json', line: 4, severity: 'error', message: 'not valid JSON: unexpected ",\\n ]\\n}"' }]);
    for (const [text, line] of [
      ['{"segments": [', 1],
      ['{\n"segments": [1 2]}', 2],
      ['[[[[', 1],
      ['\n\n{"a": tru}', 3],
    ] as const) {
      expect(parseTranscript('x.json', text).problems[0]).toMatchObject({ line, severity: 'error' });
    }
    expect(parseTranscript('deep.json', '['.repeat(200_000)).problems[0]).toMatchObject({ severity: 'error' });
    const wrong = parseTranscript('c.json', '{"version": "1.0.0", "cues": []}');
    expect(wrong.problems).toEqual([
      { file: 'c.json', line: 0, severity: 'error', message: expect.stringMatching(/expected \{"version"/) },
    ]);
  });

  it('keeps what it can of a half-broken file, naming each bad segment and its line', () => {
    const text = json([word(5, 'Fine.'), { startTime: 'soon', body: 'Late.' }, { startTime: 3 }, 7, word(2, 'Back.')]);
    const p = parseTranscript('d.json', text);
    expect(p.segments.map((s) => [s.t, s.text])).toEqual([
      [5, 'Fine.'],
      [5, 'Late.'],
      [5, 'Back.'],
    ]);
    const lines = text.split('\n');
    const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    expect(p.problems).toEqual([
      {
        file: 'd.json',
        line: lineOf('"soon"') - 1,
        severity: 'warning',
        message: 'segment 2: "startTime" "soon", not seconds; kept at the previous time',
      },
      { file: 'd.json', line: lineOf('"startTime": 3') - 1, severity: 'warning', message: 'segment 3 has no "body" text; skipped' },
      { file: 'd.json', line: lines.indexOf('  7,') + 1, severity: 'warning', message: 'segment 4 is not an object; skipped' },
      {
        file: 'd.json',
        line: lineOf('"Back."') - 4,
        severity: 'warning',
        message: 'timestamp 00:02 goes backwards (previous 00:05); kept at 00:05',
      },
    ]);
  });
});

describe('Podcasting 2.0 HTML transcripts', () => {
  it('reads <cite> as the speaker, <time> as the start and each <p> as a line, skipping script', () => {
    const p = parseTranscript('2-html-transcript.html', fixture('2-html-transcript.html'));
    expect(p.format).toBe('html');
    expect(p.problems).toEqual([]);
    expect(p.segments).toEqual([
      { t: 0, speaker: 'Ada Host', text: 'Episode two of Fixture Radio is about narwhal schedulers.' },
      { t: 7, speaker: 'Grace Guest', text: 'A narwhal scheduler runs jobs & tasks under the ice.' },
      { t: 7, speaker: 'Grace Guest', text: 'It keeps going without a break.' },
      { t: 21, speaker: 'Ada Host', text: 'Thanks, that is the show.' },
    ]);
  });

  it('names the line of a bad <time>, and fails a file with no <time> at all', () => {
    const p = parseTranscript('e.html', '<cite>A</cite>\n<time>0:05</time>\n<p>One</p>\n<time>later</time>\n<p>Two</p>');
    expect(p.segments.map((s) => [s.t, s.text])).toEqual([
      [5, 'One'],
      [5, 'Two'],
    ]);
    expect(p.problems).toEqual([
      { file: 'e.html', line: 4, severity: 'warning', message: 'unparseable <time> "later"; text kept at the previous time' },
    ]);
    const untimed = parseTranscript('f.html', '<p>Just text</p>');
    expect(untimed.problems).toContainEqual({
      file: 'f.html',
      line: 0,
      severity: 'error',
      message: expect.stringMatching(/no <time> elements/),
    });
    expect(ingestOne({ name: 'f.html', bytes: new TextEncoder().encode('<p>x</p>') }).problems.some((q) => q.severity === 'error')).toBe(
      true,
    );
  });
});

describe('formats by name and content', () => {
  it('knows a transcript from the folder files that are not one', () => {
    for (const name of ['1-a.json', '2.html', '3.htm', 'a.txt', 'b.vtt', 'c.srt', 'd.sbv']) expect(isTranscriptFile(name)).toBe(true);
    for (const name of ['episodes.json', 'podcast.json', '1-a.chapters.json', 'feed.xml', 'notes.md'])
      expect(isTranscriptFile(name)).toBe(false);
  });

  it('detects JSON and HTML by content when the name says nothing (an imported file)', () => {
    expect(detectFormat('  {"segments": []}')).toBe('json');
    expect(detectFormat('<!DOCTYPE html><p>x</p>')).toBe('html');
    expect(detectFormat('<cite>A</cite><time>0:00</time>')).toBe('html');
    expect(detectFormat('00:00 <v A>hello')).toBe('text');
  });

  it('gives a JSON or HTML episode its number and title from the file name, as the other formats', () => {
    const { episode } = ingestOne({ name: '1-word-level.json', bytes: new TextEncoder().encode(fixture('1-word-level.json')) });
    expect(episode).toMatchObject({ id: '1', number: 1, title: 'Word level', speakers: ['Ada Host', 'Grace Guest'] });
  });
});
