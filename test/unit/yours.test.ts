import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { SearchEngine } from '../../src/lib/search/engine';
import { buildCorpus } from '../../src/lib/search/corpus';
import { mergeResponses } from '../../src/lib/search/merge';
import { decodeSegments, type EpisodeFile, type SegmentRow } from '../../src/lib/packs/format';
import { MAX_IMPORT_BYTES, parseImports } from '../../src/lib/yours/import';
import { isYours } from '../../src/lib/yours/model';
import { YOURS_DB_NAME, YoursStore } from '../../src/lib/yours/store';

const bytes = (text: string) => new TextEncoder().encode(text);
const VTT = 'WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ada>zanzibar gardens\n\n00:01:00.000 --> 00:01:02.000\nquokka orchard\n';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('parsing imported files', () => {
  it('every format goes through the build parser; ids are stable per content and never a bundled id', () => {
    const json = JSON.stringify({ version: '1.0.0', segments: [{ speaker: 'Lin', startTime: 1, body: 'Hello.' }] });
    const { transcripts, problems } = parseImports([
      { name: 'garden.vtt', bytes: bytes(VTT) },
      { name: 'x.json', bytes: bytes(json) },
    ]);
    expect(problems).toEqual([]);
    expect(transcripts.map((t) => t.entry.source)).toEqual(['garden.vtt', 'x.json']);
    const [garden] = transcripts;
    expect(isYours(garden!.entry.id)).toBe(true);
    expect(garden!.file.id).toBe(garden!.entry.id);
    expect(garden!.entry).toMatchObject({ title: 'garden', segmentCount: 2, speakers: ['Ada'], file: '' });
    expect(parseImports([{ name: 'renamed.vtt', bytes: bytes(VTT) }]).transcripts[0]!.entry.id).toBe(garden!.entry.id);
    // A line with no speaker is a row of two; the id is what the same file got when rows were always three long
    // (this value was printed by the code before), so a file imported then is still recognised.
    expect(garden!.file.segments).toEqual([
      [1, 0, 'zanzibar gardens'],
      [60, 'quokka orchard'],
    ]);
    expect(garden!.entry.id).toBe('mine-fb669608ac5c');
  });

  it('reads stored rows of both forms as the same lines (rows of three with -1 were written before)', () => {
    const file = (segments: SegmentRow[]): EpisodeFile => ({ schema: 1, id: 'mine-x', speakers: ['Ada'], segments });
    const lines = [
      { t: 1, text: 'zanzibar gardens', speaker: 'Ada' },
      { t: 60, text: 'quokka orchard' },
    ];
    expect(
      decodeSegments(
        file([
          [1, 0, 'zanzibar gardens'],
          [60, -1, 'quokka orchard'],
        ]),
      ),
    ).toEqual(lines);
    expect(
      decodeSegments(
        file([
          [1, 0, 'zanzibar gardens'],
          [60, 'quokka orchard'],
        ]),
      ),
    ).toEqual(lines);
  });

  it('empty, huge, not a transcript, half broken: each named with file and line; the recoverable part kept', () => {
    const { transcripts, problems } = parseImports([
      { name: 'empty.vtt', bytes: new Uint8Array() },
      { name: 'huge.txt', bytes: new Uint8Array(MAX_IMPORT_BYTES + 1) },
      { name: 'photo.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]) },
      { name: 'half.txt', bytes: bytes('00:00:01 first line\n00:99:99 bad time\n00:00:05 last line') },
    ]);
    expect(transcripts.map((t) => t.entry.source)).toEqual(['half.txt']);
    expect(problems).toEqual([
      expect.objectContaining({ file: 'empty.vtt', severity: 'error', message: 'file is empty' }),
      expect.objectContaining({ file: 'huge.txt', severity: 'error', message: expect.stringMatching(/too large .*limit is 2 MB/) }),
      expect.objectContaining({ file: 'photo.png', severity: 'error' }),
      expect.objectContaining({ file: 'half.txt', line: 2, severity: 'warning' }),
    ]);
  });
});

describe('the store of imported transcripts', () => {
  it('adds all or nothing, recognises a second import, renames, removes, and skips damaged rows', async () => {
    const store = await YoursStore.open();
    const { transcripts } = parseImports([{ name: 'garden.vtt', bytes: bytes(VTT) }]);
    expect((await store.add(transcripts, 10)).added).toHaveLength(1);
    expect((await store.add(transcripts, 20)).existing).toHaveLength(1);
    const id = transcripts[0]!.entry.id;
    await store.rename(id, 'My garden');
    expect((await store.list()).map((e) => [e.entry.title, e.addedAt])).toEqual([['My garden', 10]]);
    expect((await store.all())[0]!.file.segments).toHaveLength(2);

    // A damaged row (another app's, or a broken disk's) is neither listed nor searched.
    await new Promise<void>((resolve) => {
      const open = indexedDB.open(YOURS_DB_NAME);
      open.onsuccess = () => {
        const tx = open.result.transaction('entries', 'readwrite');
        tx.objectStore('entries').put({ id: 'mine-broken', entry: null });
        tx.oncomplete = () => (open.result.close(), resolve());
      };
    });
    expect(await store.list()).toHaveLength(1);
    expect(await store.all()).toHaveLength(1);

    // A planted row cannot bring show notes, which the episode page renders as HTML.
    await new Promise<void>((resolve) => {
      const open = indexedDB.open(YOURS_DB_NAME);
      open.onsuccess = () => {
        const tx = open.result.transaction('files', 'readwrite');
        tx.objectStore('files').put({ ...transcripts[0]!.file, notes: '<img src=x onerror=alert(1)>' });
        tx.oncomplete = () => (open.result.close(), resolve());
      };
    });
    expect(await store.file(id)).not.toHaveProperty('notes');
    expect((await store.all())[0]!.file).not.toHaveProperty('notes');

    await store.remove(id);
    expect(await store.list()).toHaveLength(0);
    expect(await store.file(id)).toBeNull();
    await expect(store.rename(id, 'x')).rejects.toThrow(/deleted/);
    store.close();
  });
});

describe('one answer from the bundled episodes and your own', () => {
  const engineOf = (id: string, texts: string[], date: string | null) =>
    SearchEngine.build(
      buildCorpus([
        {
          episode: { id, number: null, title: id, date },
          file: { schema: 1, id, speakers: [], segments: texts.map((text, i): [number, number, string] => [i * 10, -1, text]) },
        },
      ]),
    );

  it('orders groups by score or by date, and adds up the counts', () => {
    const bundled = engineOf('1', ['we talk about pandas', 'nothing here', 'filler words'], '2020-01-01');
    const mine = engineOf('mine-a', ['pandas pandas dataframes and pandas', 'pandas again'], '2024-01-01');
    const request = { q: 'pandas' };
    const answers = [bundled.search(request), mine.search(request)];
    const dates: Record<string, string> = { '1': '2020-01-01', 'mine-a': '2024-01-01' };
    const recency = (id: string) => ({ date: dates[id] ?? null, number: null });
    const merged = mergeResponses(answers, request, recency);
    expect(merged.total).toBe(answers[0]!.total + answers[1]!.total);
    expect(merged.groupCount).toBe(2);
    const byScore = [...merged.groups].sort((a, b) => b.score! - a.score!).map((g) => g.episodeId);
    expect(merged.groups.map((g) => g.episodeId)).toEqual(byScore);
    const newest = mergeResponses(
      [bundled.search({ ...request, sort: 'newest' }), mine.search({ ...request, sort: 'newest' })],
      { ...request, sort: 'newest' },
      recency,
    );
    expect(newest.groups.map((g) => g.episodeId)).toEqual(['mine-a', '1']);
    expect(newest.years).toEqual([
      { year: 2020, count: 1 },
      { year: 2024, count: 2 },
    ]);
  });

  it('nothing found anywhere: the suggestions of both', () => {
    const bundled = engineOf('1', ['pandas'], null);
    const mine = engineOf('mine-a', ['polars'], null);
    const merged = mergeResponses([bundled.search({ q: 'xylophone' }), mine.search({ q: 'xylophone' })], { q: 'x' }, () => ({
      date: null,
      number: null,
    }));
    expect(merged.total).toBe(0);
  });
});
