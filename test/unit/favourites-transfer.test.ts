import { describe, expect, it } from 'vitest';
import {
  EXPORT_APP,
  EXPORT_SCHEMA,
  exportChapters,
  exportJson,
  exportMarkdown,
  importSummary,
  MAX_IMPORT_ITEMS,
  parseImport,
} from '../../src/lib/favourites/transfer';
import { fileOf, known, moment, wholeEpisode } from './support/favourites';

describe('export and import files', () => {
  const items = [moment('233', 78, { note: 'note *with* markdown' }), wholeEpisode('98')];

  it('exports a versioned JSON envelope that imports back', () => {
    const json = exportJson(items, new Date('2026-01-02T03:04:05Z'));
    expect(JSON.parse(json)).toEqual({ app: EXPORT_APP, schema: EXPORT_SCHEMA, exportedAt: '2026-01-02T03:04:05.000Z', items });
    const file = fileOf(json);
    expect(parseImport(file.text, file.bytes, known)).toEqual({ ok: true, items, removedEpisodes: 0 });
  });

  it('exports Markdown with quote, note and link per item', () => {
    const md = exportMarkdown(items, (i) => `https://x/episodes/${i.episodeId}${i.t === null ? '' : `?t=${i.t}`}`);
    expect(md).toContain('## Episode 233 at 01:18');
    expect(md).toContain('> quote at 78');
    expect(md).toContain('note \\*with\\* markdown');
    expect(md).toContain('<https://x/episodes/233?t=78>');
    expect(md).toContain('<https://x/episodes/98>\n');
  });

  const cases: [string, unknown, RegExp][] = [
    ['not JSON', '{"app": ', /not JSON/],
    ['wrong app', { app: 'other', schema: 1, items: [] }, /not exported by this app/],
    ['wrong schema version', { app: EXPORT_APP, schema: 99, items: [] }, /schema 99/],
    ['no items list', { app: EXPORT_APP, schema: 1 }, /no list of items/],
    ['wrong types', { app: EXPORT_APP, schema: 1, items: [{ ...moment('233', 78), t: 'soon' }] }, /Item 1 is not a valid favourite/],
    ['a time past the episode', { app: EXPORT_APP, schema: 1, items: [moment('98', 9000)] }, /Item 1 points at 2:30:00 .* ends at 26:55/],
    [
      'too many items',
      { app: EXPORT_APP, schema: 1, items: Array.from({ length: MAX_IMPORT_ITEMS + 1 }, (_, i) => moment('98', i % 1000)) },
      /5,001 items; an import takes at most 5,000/,
    ],
  ];
  it.each(cases)('rejects a file with %s', (_name, content, message) => {
    const file = fileOf(content);
    const result = parseImport(file.text, file.bytes, known);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });

  it('rejects a file over 5 MB before reading it', () => {
    const result = parseImport('', 6 * 1024 * 1024, known);
    expect(!result.ok && result.message).toMatch(/limited to 5 MB/);
  });

  it('keeps items of episodes the app no longer has, and says how many', () => {
    const file = fileOf({ app: EXPORT_APP, schema: 1, items: [moment('999', 1), moment('98', 5)] });
    const result = parseImport(file.text, file.bytes, known);
    expect(result).toMatchObject({ ok: true, removedEpisodes: 1 });
    expect(result.ok && result.items.map((i) => i.episodeId)).toEqual(['999', '98']);
  });

  it('takes titles from the app, drops unknown fields, and pulls future times back to now', () => {
    const item = { ...moment('98', 5, { episodeTitle: 'Spoofed title', updatedAt: 9e15, createdAt: 9e15 }), junk: 'x'.repeat(1000) };
    const file = fileOf({ app: EXPORT_APP, schema: 1, items: [item] });
    const result = parseImport(file.text, file.bytes, known, 5000);
    expect(result.ok && result.items[0]).toEqual({ ...moment('98', 5), episodeTitle: 'Episode 98', createdAt: 5000, updatedAt: 5000 });
  });

  it('escapes Markdown so titles and notes stay text', () => {
    const hostile = moment('98', 5, {
      episodeTitle: '# Heading <script>x</script>',
      quote: '[click](javascript:alert(1))',
      note: '# not a heading\n- not a list\n1. not a list\n<img src=x onerror=alert(1)>',
    });
    const md = exportMarkdown([hostile], () => 'https://x/episodes/98?t=5');
    // Every markup character is backslash-escaped, so a Markdown reader shows it as text.
    const text = md.replace(/^<https:.*>$/m, '');
    expect(text).not.toMatch(/(?<!\\)[<[\]]|^# not/m);
    expect(md).toContain('\\# not a heading');
    expect(md).toContain('\\- not a list');
    expect(md).toContain('1\\. not a list');
  });
});

describe('chapters export', () => {
  const link = (item: { episodeId: string; t: number | null }) => `https://app.example/episodes/${item.episodeId}?t=${item.t}`;

  it("writes one episode's moments as Podcasting 2.0 chapters: note (else quote) as title, deep link as url, in time order", () => {
    const items = [moment('233', 305, { note: 'the  readme\nbit' }), moment('233', 78), wholeEpisode('233')];
    expect(JSON.parse(exportChapters(items, link))).toEqual({
      version: '1.2.0',
      chapters: [
        { startTime: 78, title: 'quote at 78', url: 'https://app.example/episodes/233?t=78' },
        { startTime: 305, title: 'the readme bit', url: 'https://app.example/episodes/233?t=305' },
      ],
    });
  });

  it("over several episodes names each chapter's episode, and cuts long titles", () => {
    const items = [moment('mine-0a1b', 1), moment('233', 10, { note: 'x'.repeat(500) }), moment('98', 5)];
    const { chapters } = JSON.parse(exportChapters(items, link)) as { chapters: { title: string; startTime: number }[] };
    expect(chapters.map((c) => c.startTime)).toEqual([5, 10, 1]); // episode 98 before 233, yours after both
    expect(chapters[0]!.title).toBe('Episode 98: quote at 5');
    expect(chapters[1]!.title).toHaveLength(200);
    expect(chapters[1]!.title.endsWith('…')).toBe(true);
  });
});

describe('import summary', () => {
  it('counts favourites in words, singular and plural, with separators', () => {
    expect(importSummary(1, { added: 1, updated: 0, keptNewer: 0 }, 0)).toBe('Imported 1 favourite: 1 new, 0 updated.');
    expect(importSummary(1234, { added: 1200, updated: 30, keptNewer: 4 }, 1)).toBe(
      'Imported 1,234 favourites: 1,200 new, 30 updated. 4 favourites not changed because the copy saved here is newer. ' +
        '1 favourite from an episode no longer in this app, kept and marked as such.',
    );
    expect(importSummary(3, { added: 2, updated: 0, keptNewer: 1 }, 2)).toBe(
      'Imported 3 favourites: 2 new, 0 updated. 1 favourite not changed because the copy saved here is newer. ' +
        '2 favourites from episodes no longer in this app, kept and marked as such.',
    );
  });
});
