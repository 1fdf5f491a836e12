import { mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/lib/feed';
import { chapterAt, chapterLines, parseChapters } from '../../src/lib/transcript/chapters';
import { sanitiseShowNotes } from '../../src/node/show-notes';
import { ingestFolder } from '../../src/node/transcripts-folder';
import type { PackFile } from '../../src/lib/packs/format';
import { buildCorpus } from '../../src/lib/search/corpus';
import { SearchEngine } from '../../src/lib/search/engine';
import { notesText } from '../../src/lib/search/show-notes';

const FIXTURES = 'test/fixtures/podcast2';
const feedText = readFileSync(join(FIXTURES, 'feed.xml'), 'utf8');
const rss = (items: string) =>
  `<?xml version="1.0"?><rss version="2.0" xmlns:itunes="x" xmlns:podcast="y"><channel><title>T</title>${items}</channel></rss>`;

describe('RSS feed', () => {
  it('reads the channel and each item: number, title, date, notes, link, audio, transcripts and chapters', () => {
    const { feed, problems } = parseFeed('feed.xml', feedText);
    expect(problems).toEqual([]);
    expect(feed).toMatchObject({
      title: 'Fixture Radio',
      description: 'A tiny podcast made for the tests.',
      link: 'https://fixture-radio.example/',
    });
    expect(feed.items.map((i) => [i.number, i.title, i.date])).toEqual([
      [1, 'Tardigrades & word-level transcripts', '2022-01-10'], // <podcast:episode>
      [2, 'Narwhal schedulers, in HTML', '2022-01-17'], // <itunes:episode>
      [3, 'Axolotl caching', '2022-01-24'], // the number its audio file starts with
    ]);
    expect(feed.items[0]).toMatchObject({
      line: 7,
      link: 'https://fixture-radio.example/episodes/1',
      audio: { url: 'http://127.0.0.1:4341/audio/1-word-level.wav', type: 'audio/wav' },
      transcripts: [{ url: 'http://127.0.0.1:4341/feed-files/1-word-level.json', type: 'application/json' }],
      chapters: 'http://127.0.0.1:4341/feed-files/1-word-level.chapters.json',
    });
    expect(feed.items[0]!.notesHtml).toContain('<script>');
    expect(feed.items[1]!.audio).toBeNull();
  });

  it('names the line of a bad item and keeps the rest; a file that is not RSS is an error', () => {
    const text = rss(
      '\n<item><title>A</title><pubDate>someday</pubDate><itunes:episode>two</itunes:episode><enclosure url="ftp://x/a.mp3"/></item>\n<item><title>B</title><podcast:episode>5</podcast:episode></item>',
    );
    const { feed, problems } = parseFeed('feed.xml', text);
    expect(feed.items.map((i) => [i.title, i.number, i.date, i.audio])).toEqual([
      ['A', null, null, null],
      ['B', 5, null, null],
    ]);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [2, '<enclosure> has no http(s) url; the episode has no audio'],
      [2, '<pubDate> "someday" is not a date'],
      [2, 'episode number "two" is not a whole number'],
    ]);
    expect(parseFeed('feed.xml', '<html><body>nope</body></html>').problems).toEqual([
      { file: 'feed.xml', line: 0, severity: 'error', message: 'not an RSS feed: no <rss><channel>' },
    ]);
    expect(parseFeed('feed.xml', '<rss><channel><item><title>cut off').feed.items).toHaveLength(1);
  });
});

describe('show notes', () => {
  it('keep text, paragraphs and http(s) links with rel="noopener noreferrer"; lose script, handlers and javascript: links', () => {
    const notes = sanitiseShowNotes(parseFeed('feed.xml', feedText).feed.items[0]!.notesHtml!);
    expect(notes).toBe(
      '<p>Show notes about <a href="https://example.com/tardigrade" rel="noopener noreferrer">tardigrade databases</a> and a <strong>pangolin</strong> linter.</p><p><a rel="noopener noreferrer">a bad link</a></p>',
    );
    expect(sanitiseShowNotes('<a href="//evil.example" rel="opener" onclick="x" style="x">t</a><iframe src="x">i</iframe>')).toBe(
      '<a rel="noopener noreferrer">t</a>',
    );
  });
});

describe('chapters', () => {
  it('reads Podcasting 2.0 chapters in time order, dropping those not meant for the table of contents', () => {
    const { chapters, problems } = parseChapters('1.chapters.json', readFileSync(join(FIXTURES, '1-word-level.chapters.json'), 'utf8'));
    expect(problems).toEqual([]);
    expect(chapters).toEqual([
      { t: 0, title: 'Welcome' },
      { t: 4, title: 'Tardigrade databases', url: 'https://example.com/tardigrade' },
      { t: 14, title: 'Quokka compilers' },
    ]);
    expect(chapterAt(chapters, 13.9)?.title).toBe('Tardigrade databases');
    expect(chapterAt([{ t: 5, title: 'late' }], 1)).toBeNull();
  });

  it('names each bad chapter and keeps the good ones; broken JSON is an error with its line', () => {
    const text = JSON.stringify({
      chapters: [
        { startTime: 'x', title: 'a' },
        { startTime: 3 },
        { startTime: 9, title: 'ok', url: 'javascript:x' },
        { startTime: 1, title: 'first' },
      ],
    });
    const { chapters, problems } = parseChapters('c.chapters.json', text);
    expect(chapters).toEqual([
      { t: 1, title: 'first' },
      { t: 9, title: 'ok' },
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      'chapter 1: "startTime" must be seconds; skipped',
      'chapter 2: no "title"; skipped',
      'chapter 3: "url" is not an http(s) address; left out',
    ]);
    expect(parseChapters('c.chapters.json', '{\n"chapters": [\n{"startTime": 1,}\n]}').problems).toEqual([
      { file: 'c.chapters.json', line: 3, severity: 'error', message: 'not valid JSON: unexpected "}\\n]}"' },
    ]);
    expect(parseChapters('c.chapters.json', '[]').problems[0]?.severity).toBe('error');
  });
});

describe('a transcripts folder with a feed', () => {
  it('takes titles, dates, notes, links and audio from the feed, chapters from beside each transcript, and the name from the channel', () => {
    const { built, result, problems } = ingestFolder(FIXTURES);
    expect(problems).toEqual([]);
    expect(built.catalogue.podcast).toMatchObject({ name: 'Fixture Radio', website: 'https://fixture-radio.example/' });
    expect(result.episodes.map((e) => [e.id, e.title, e.date, e.audio?.url ?? null])).toEqual([
      ['1', 'Tardigrades & word-level transcripts', '2022-01-10', 'http://127.0.0.1:4341/audio/1-word-level.wav'],
      ['2', 'Narwhal schedulers, in HTML', '2022-01-17', null],
      ['3', 'Axolotl caching', '2022-01-24', 'http://127.0.0.1:4341/audio/003-third.wav'],
    ]);
    expect(result.episodes[0]!.chapters).toHaveLength(3);
    expect(result.episodes[0]!.notes).not.toMatch(/script|onerror|javascript/);
  });

  it('lets episodes.json and podcast.json win over the feed, field by field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'feed-'));
    cpSync(FIXTURES, dir, { recursive: true });
    writeFileSync(join(dir, 'episodes.json'), JSON.stringify({ 2: { title: 'Own title' } }));
    writeFileSync(join(dir, 'podcast.json'), JSON.stringify({ name: 'Own name' }));
    writeFileSync(join(dir, '9-orphan.chapters.json'), JSON.stringify({ chapters: [] }));
    const { built, result, problems } = ingestFolder(dir);
    expect(built.catalogue.podcast).toMatchObject({ name: 'Own name', description: 'A tiny podcast made for the tests.' });
    expect(result.episodes[1]).toMatchObject({ title: 'Own title', date: '2022-01-17' });
    expect(problems).toEqual([
      { file: '9-orphan.chapters.json', line: 0, severity: 'warning', message: 'no transcript named 9-orphan.* beside it' },
    ]);
  });
});

describe('chapter lines', () => {
  it('opens each chapter at the first line starting at or after it (a second of lead allowed), else the last line', () => {
    const times = [0.5, 3, 9, 10.6, 14.2, 23.2];
    const at = (t: number) => ({ t, title: `${t}` });
    expect(chapterLines([at(0), at(4), at(14), at(99)], times)).toEqual([0, 1, 4, 5]);
    expect(chapterLines([at(0)], [])).toEqual([0]);
  });
});

describe('show notes in search', () => {
  const corpus = () => {
    const { built } = ingestFolder(FIXTURES);
    const packs = new Map(built.files.map((f) => [f.fileName, JSON.parse(f.source) as PackFile]));
    return buildCorpus(
      built.catalogue.episodes.map((e) => ({
        episode: { id: e.id, number: e.number, title: e.title, date: e.date },
        file: packs.get(e.file)!.episodes.find((f) => f.id === e.id)!,
      })),
    );
  };

  it('finds an episode by words only its show notes hold, marked, in a field of their own', () => {
    const engine = SearchEngine.build(corpus());
    const answer = engine.search({ q: 'pangolin linter' });
    expect(answer.total).toBe(0); // no one says it
    expect(answer.notes).toEqual([
      {
        episodeId: '1',
        parts: [
          { text: 'Show notes about tardigrade databases and a ', hit: false },
          { text: 'pangolin', hit: true },
          { text: ' ', hit: false },
          { text: 'linter', hit: true },
          { text: '. a bad link', hit: false },
        ],
      },
    ]);
    // Speech first, the notes apart: "tardigrade" is said in episode 1 and written in its notes.
    const both = engine.search({ q: 'tardigrade' });
    expect(both.groups.map((g) => g.episodeId)).toEqual(['1']);
    expect(both.notes.map((n) => n.episodeId)).toEqual(['1']);
    expect(engine.search({ q: 'pangolin', numbers: { from: 2, to: 3 } }).notes).toEqual([]);
  });

  it('reads sanitised notes as plain text', () => {
    expect(notesText('<p>a &amp; b</p><ul><li>c&lt;d</li></ul><a href="x" rel="y">e</a>')).toBe('a & b c<d e');
  });
});
