import { describe, expect, it } from 'vitest';
import { ingestAll, ingestOne, parseExtras } from '../../src/lib/ingest';
import { findDate, fromFileName } from '../../src/lib/transcript/metadata';
import { detectFormat, parseTranscript } from '../../src/lib/transcript/parse';

const bytes = (text: string) => new TextEncoder().encode(text);
const file = (name: string, text: string) => ({ name, bytes: bytes(text) });

describe('plain text transcripts', () => {
  it('reads HH:MM:SS paragraphs with hours over zero', () => {
    const p = parseTranscript('a.txt', '00:00:00 Hello there.\n\n01:02:03 Later on.\n\n12:00:00 Much later.\n');
    expect(p.format).toBe('text');
    expect(p.segments).toEqual([
      { t: 0, text: 'Hello there.' },
      { t: 3723, text: 'Later on.' },
      { t: 43200, text: 'Much later.' },
    ]);
    expect(p.problems).toEqual([]);
  });

  it('reads MM:SS lines', () => {
    const p = parseTranscript('a.txt', '00:05 one\n01:18 two\n59:59 three');
    expect(p.segments.map((s) => s.t)).toEqual([5, 78, 3599]);
  });

  it('keeps the speaker of a voice tag and strips the tag', () => {
    const p = parseTranscript('a.txt', '00:00:00 <v Brian Okken>Hello, everybody.\n00:00:06 <v Michael Kennedy>Hi Brian.</v>\n');
    expect(p.segments).toEqual([
      { t: 0, text: 'Hello, everybody.', speaker: 'Brian Okken' },
      { t: 6, text: 'Hi Brian.', speaker: 'Michael Kennedy' },
    ]);
  });

  it('joins continuation lines into the paragraph they follow', () => {
    const p = parseTranscript('a.txt', '00:00:00 First line\nsecond line\n\n00:00:10 Next');
    expect(p.segments[0]!.text).toBe('First line second line');
  });

  it('reads the page header and drops page furniture', () => {
    const text = [
      'Brought to you by Michael and Brian - take a Talk Python course',
      '',
      'Transcript #233: RaaS: Readme as a Service',
      'Return to episode page view on github',
      'Recorded on Wednesday, May 12, 2021.',
      '',
      '00:00 Hello and welcome.',
      '00:05 This is episode 233.',
      '',
      'Back to show page',
    ].join('\n');
    const { episode, problems } = ingestOne(file('x.txt', text));
    expect(problems).toEqual([]);
    expect(episode).toMatchObject({ id: '233', number: 233, title: 'RaaS: Readme as a Service', date: '2021-05-12', duration: 5 });
    expect(episode!.segments.map((s) => s.text)).toEqual(['Hello and welcome.', 'This is episode 233.']);
  });

  it('leaves markup that is not a voice tag as literal text', () => {
    const p = parseTranscript('a.txt', '00:00:01 <script>alert(1)</script> <img src=x onerror=alert(1)>');
    expect(p.segments[0]!.text).toBe('<script>alert(1)</script> <img src=x onerror=alert(1)>');
  });
});

describe('WebVTT', () => {
  const vtt = [
    '\uFEFFWEBVTT - Episode 12',
    'Kind: captions',
    '',
    'NOTE This note is not speech',
    'and spans lines',
    '',
    'intro-1',
    '00:00:05.240 --> 00:00:11.640 align:start',
    '<v.loud Brian Okken>Hello and welcome',
    'to the show &amp; more</v>',
    '',
    '00:11.700 --> 00:00:15.000',
    '<v Michael>It is <i>great</i> to be here<00:00:13.000> again.',
    '',
    '01:00:00.000 --> 01:00:02.000',
    'Past the hour.',
  ].join('\r\n');

  it('reads cues, cue ids, multi-line text, voices, entities and skips NOTE blocks', () => {
    expect(detectFormat(vtt.replace('\uFEFF', ''))).toBe('webvtt');
    const p = parseTranscript('a.vtt', vtt);
    expect(p.format).toBe('webvtt');
    expect(p.problems).toEqual([]);
    expect(p.segments).toEqual([
      { t: 5.24, text: 'Hello and welcome to the show & more', speaker: 'Brian Okken' },
      { t: 11.7, text: 'It is great to be here again.', speaker: 'Michael' },
      { t: 3600, text: 'Past the hour.' },
    ]);
  });
});

describe('SRT', () => {
  it('reads numbered cues with comma milliseconds', () => {
    const srt = '1\n00:00:05,240 --> 00:00:07,000\nHello <i>there</i>\nfriend\n\n2\n00:00:08,500 --> 00:00:09,000\n{\\an8}Bye\n';
    const p = parseTranscript('a.srt', srt);
    expect(p.format).toBe('srt');
    expect(p.segments).toEqual([
      { t: 5.24, text: 'Hello there friend' },
      { t: 8.5, text: 'Bye' },
    ]);
  });
});

describe('text exported by transcription tools', () => {
  it('Otter: the speaker and the time on a line of their own, the speech below', () => {
    const otter = 'Speaker 1  0:00\nHello and welcome\nto the show.\n\nUnknown Speaker  0:05\nThanks.\n\nSpeaker 1  1:02:03\nLater on.\n';
    const p = parseTranscript('otter.txt', otter);
    expect(p.problems).toEqual([]);
    expect(p.segments).toEqual([
      { t: 0, speaker: 'Speaker 1', text: 'Hello and welcome to the show.' },
      { t: 5, speaker: 'Unknown Speaker', text: 'Thanks.' },
      { t: 3723, speaker: 'Speaker 1', text: 'Later on.' },
    ]);
  });

  it('Rev: the speaker and the time in brackets, then a colon', () => {
    const p = parseTranscript('rev.txt', 'Speaker 1 (00:00):\nHello.\n\nDr. Jane Smith (01:05):\nThanks for having me.\n');
    expect(p.segments).toEqual([
      { t: 0, speaker: 'Speaker 1', text: 'Hello.' },
      { t: 65, speaker: 'Dr. Jane Smith', text: 'Thanks for having me.' },
    ]);
  });

  it('Descript: the time in square brackets, then the speaker named before a colon', () => {
    const p = parseTranscript(
      'descript.txt',
      '[00:00:00] Alice Cooper: Hello: and welcome.\n[00:00:05] this is not: a speaker\n(00:07) Round brackets too.\n',
    );
    expect(p.segments).toEqual([
      { t: 0, speaker: 'Alice Cooper', text: 'Hello: and welcome.' },
      { t: 5, text: 'this is not: a speaker' },
      { t: 7, text: 'Round brackets too.' },
    ]);
  });

  it("YouTube's SBV: a cue's start and end on a line, its text below", () => {
    const p = parseTranscript('captions.sbv', '0:00:01.000,0:00:04.000\nHello from\nYouTube\n\n0:00:05.500,0:00:07.000\nSecond cue\n');
    expect(p.segments).toEqual([
      { t: 1, text: 'Hello from YouTube' },
      { t: 5.5, text: 'Second cue' },
    ]);
  });

  it('in a transcript whose lines open with times, a line ending in a time is speech, and so is "Note:"', () => {
    const p = parseTranscript('a.txt', '00:00:01 The doors open at\nhalf past 10:30\n00:00:09 Note: this is fine.\n');
    expect(p.segments).toEqual([
      { t: 1, text: 'The doors open at half past 10:30' },
      { t: 9, text: 'Note: this is fine.' },
    ]);
  });
});

describe('cue files as sloppy exports write them', () => {
  it('cues run together with no blank line between them: each timing line starts a cue, with a warning', () => {
    const srt =
      '1\n00:00:01,000 --> 00:00:02,000\nHello\n2\n00:00:03,000 --> 00:00:04,000\nWorld\nagain\n3\n00:00:05,000 --> 00:00:06,000\nThe answer is 42\n';
    const p = parseTranscript('a.srt', srt);
    expect(p.segments).toEqual([
      { t: 1, text: 'Hello' },
      { t: 3, text: 'World again' },
      { t: 5, text: 'The answer is 42' },
    ]);
    expect(p.problems).toEqual([
      expect.objectContaining({ line: 5, severity: 'warning', message: expect.stringMatching(/not separated by a blank line/) }),
    ]);
    const vtt = parseTranscript('a.vtt', 'WEBVTT\n\n00:01.000 --> 00:02.000\nHello\n00:03.000 --> 00:04.000\nWorld\n');
    expect(vtt.segments).toEqual([
      { t: 1, text: 'Hello' },
      { t: 3, text: 'World' },
    ]);
  });

  it('WebVTT cues without the WEBVTT line, and SRT cues without their numbers: cues, the first one kept', () => {
    const cues = '00:00:01.000 --> 00:00:02.000 align:start\nHello\n\n00:00:03.000 --> 00:00:04.000\nWorld\n';
    for (const name of ['a.vtt', 'a.srt', 'a.txt']) {
      const p = parseTranscript(name, cues);
      expect(p.format).toBe(name === 'a.vtt' ? 'webvtt' : 'srt');
      expect(p.segments).toEqual([
        { t: 1, text: 'Hello' },
        { t: 3, text: 'World' },
      ]);
      expect(p.problems).toEqual([]);
    }
  });
});

describe('metadata', () => {
  it('takes the episode number and title from a descriptive file name', () => {
    expect(fromFileName('217-use-your-cloud-ssd-for-fast-cross-process-caching.txt')).toEqual({
      number: 217,
      slugTitle: 'Use your cloud ssd for fast cross process caching',
    });
    expect(fromFileName('459 Inverted dependency trees.txt')).toEqual({ number: 459, slugTitle: 'Inverted dependency trees' });
    expect(fromFileName('000_5ae76bacbbb448f7.txt')).toEqual({ number: null, slugTitle: null });
  });

  it('reads dates in the forms transcripts use', () => {
    expect(findDate('recorded May 26, 2021.')).toBe('2021-05-26');
    expect(findDate('Recorded on Wednesday, May 12, 2021.')).toBe('2021-05-12');
    expect(findDate('recorded October 4th, 2018. I am')).toBe('2018-10-04');
    expect(findDate('What is it January 19 2021.')).toBe('2021-01-19');
    expect(findDate('February 30, 2021')).toBeNull();
    expect(findDate('recorded Monday, December 12th.')).toBeNull();
  });

  it('falls back from header to episodes.json to slug to "Episode N"', () => {
    const extras = parseExtras('{"7": {"title": "From the extras file", "date": "2017-01-02"}}');
    expect(extras.problems).toEqual([]);
    const fromExtras = ingestOne(file('x1.txt', '00:00 This is episode 7 of the show.'), extras.extras).episode!;
    expect(fromExtras).toMatchObject({ number: 7, title: 'From the extras file', date: '2017-01-02' });
    const fromSlug = ingestOne(file('8-a-fine-slug.txt', '00:00 Hi')).episode!;
    expect(fromSlug).toMatchObject({ number: 8, title: 'A fine slug', date: null });
    const fallback = ingestOne(file('x2.txt', '00:00 Welcome to episode 9.')).episode!;
    expect(fallback.title).toBe('Episode 9');
  });

  it('lists speakers in order of first appearance', () => {
    const e = ingestOne(file('1-a.txt', '00:00 <v B>x\n00:01 <v A>y\n00:02 <v B>z')).episode!;
    expect(e.speakers).toEqual(['B', 'A']);
  });

  it('rejects a broken episodes.json with a message', () => {
    expect(parseExtras('{nope').problems[0]!.message).toMatch(/not valid JSON/);
    expect(parseExtras('{"12": {"title": 5}}').problems[0]!.message).toMatch(/title must be text/);
  });
});

describe('bad input is reported with file and line, never dropped silently', () => {
  it('timestamps that go backwards: warning, segment kept', () => {
    const p = parseTranscript('b.txt', '00:00:10 one\n00:00:05 two\n00:00:20 three');
    expect(p.segments.map((s) => s.text)).toEqual(['one', 'two', 'three']);
    expect(p.segments.map((s) => s.t)).toEqual([10, 10, 20]);
    expect(p.problems).toEqual([
      expect.objectContaining({ file: 'b.txt', line: 2, severity: 'warning', message: expect.stringMatching(/goes backwards/) }),
    ]);
  });

  it('an unparseable timestamp: warning, text kept', () => {
    const p = parseTranscript('b.txt', '00:00:10 one\n00:75:99 two\n00:00:20 three');
    expect(p.segments.map((s) => s.text)).toEqual(['one', 'two', 'three']);
    expect(p.problems).toEqual([
      expect.objectContaining({ line: 2, severity: 'warning', message: expect.stringMatching(/unparseable timestamp "00:75:99"/) }),
    ]);
  });

  it('invalid UTF-8: warning with its line, rest kept', () => {
    const good = bytes('00:00:01 café\n00:00:02 bad ');
    const data = new Uint8Array([...good, 0xff, 0xfe, ...bytes('\n00:00:03 after')]);
    const { episode, problems } = ingestOne({ name: 'c.txt', bytes: data });
    expect(problems).toEqual([
      expect.objectContaining({ file: 'c.txt', line: 2, severity: 'warning', message: expect.stringMatching(/invalid UTF-8/) }),
    ]);
    expect(episode!.segments.map((s) => s.text)).toEqual(['café', 'bad \uFFFD\uFFFD', 'after']);
  });

  describe('files saved in other encodings, as Windows tools save them', () => {
    const srt =
      '1\r\n00:00:01,000 --> 00:00:04,000\r\nHello from a subtitle file.\r\n\r\n2\r\n00:00:05,000 --> 00:00:07,000\r\nCafé, déjà vu – “naïve”.\r\n';
    const utf16 = (text: string, littleEndian: boolean, mark: boolean) => {
      const out = new DataView(new ArrayBuffer((text.length + (mark ? 1 : 0)) * 2));
      [...(mark ? '\uFEFF' : ''), ...text].forEach((char, i) => out.setUint16(i * 2, char.charCodeAt(0), littleEndian));
      return new Uint8Array(out.buffer);
    };
    const spoken = ['Hello from a subtitle file.', 'Café, déjà vu – “naïve”.'];

    it.each([
      ['UTF-16 little-endian with a byte-order mark', utf16(srt, true, true)],
      ['UTF-16 big-endian with a byte-order mark', utf16(srt, false, true)],
      ['UTF-16 little-endian without one', utf16(srt, true, false)],
      ['UTF-16 big-endian without one', utf16(srt, false, false)],
    ])('%s: read as it is, with no warning', (_, data) => {
      const { episode, problems } = ingestOne({ name: 'talk.srt', bytes: data });
      expect(problems).toEqual([]);
      expect(episode!.segments.map((s) => [s.t, s.text])).toEqual([
        [1, spoken[0]],
        [5, spoken[1]],
      ]);
    });

    it('Windows-1252 (no UTF-8 in it at all): read as such, with a warning at the first accented line', () => {
      const legacy = [...'00:00:01 plain\n00:00:02 Caf', 0xe9, ...' ', 0x93, ...'quoted', 0x94, ...'\n'].map((c) =>
        typeof c === 'number' ? c : c.charCodeAt(0),
      );
      const { episode, problems } = ingestOne({ name: 'old.txt', bytes: new Uint8Array(legacy) });
      expect(problems).toEqual([
        expect.objectContaining({
          file: 'old.txt',
          line: 2,
          severity: 'warning',
          message: expect.stringMatching(/not UTF-8 from here on: read as Windows-1252/),
        }),
      ]);
      expect(episode!.segments.map((s) => s.text)).toEqual(['plain', 'Café “quoted”']);
    });

    it('UTF-16 with a broken pair: warning with its line, the rest kept', () => {
      const data = utf16('00:00:01 one\n00:00:02 two \uD800x\n00:00:03 three', true, true);
      // A lone high surrogate, as a cut-off file leaves it.
      const { episode, problems } = ingestOne({ name: 'cut.txt', bytes: data });
      expect(problems).toEqual([
        expect.objectContaining({ line: 2, severity: 'warning', message: expect.stringMatching(/invalid UTF-16/) }),
      ]);
      expect(episode!.segments.map((s) => s.text)).toEqual(['one', 'two \uFFFDx', 'three']);
    });
  });

  it('an empty file is an error', () => {
    const { episode, problems } = ingestOne(file('empty.txt', '  \n'));
    expect(episode).toBeNull();
    expect(problems).toEqual([expect.objectContaining({ file: 'empty.txt', severity: 'error', message: 'file is empty' })]);
  });

  it('a file with no timestamps is an error, its lines reported', () => {
    const { episode, problems } = ingestOne(file('prose.txt', 'Just some prose\nwith no times'));
    expect(episode).toBeNull();
    expect(problems.filter((p) => p.severity === 'error')).toEqual([
      expect.objectContaining({ file: 'prose.txt', message: expect.stringMatching(/no timestamped speech/) }),
    ]);
    expect(problems.filter((p) => p.severity === 'warning').map((p) => p.line)).toEqual([1, 2]);
  });

  it('two files claiming the same episode number: an error naming both', () => {
    const r = ingestAll([file('5-a.txt', '00:00 a'), file('x.txt', '00:00 This is episode 5.')]);
    expect(r.episodes).toHaveLength(1);
    expect(r.problems).toEqual([
      expect.objectContaining({ severity: 'error', message: 'episode 5 is claimed by two files: 5-a.txt and x.txt' }),
    ]);
  });

  it('a cue without timing in WebVTT: warning, text kept', () => {
    const p = parseTranscript('d.vtt', 'WEBVTT\n\n00:01.000 --> 00:02.000\nok\n\njust text\n');
    expect(p.segments.map((s) => s.text)).toEqual(['ok', 'just text']);
    expect(p.problems[0]).toMatchObject({ line: 6, severity: 'warning' });
  });
});
