/** Pack loading for the search index, without a network: `load` is a function the test controls. */
import { describe, expect, it } from 'vitest';
import type { Catalogue, EpisodeFile, PackFile } from '../../src/lib/packs/format';
import { loadPacks } from '../../src/lib/packs/load';

const file = (id: string): EpisodeFile => ({ schema: 1, id, speakers: [], segments: [[0, -1, `episode ${id}`]] });
const entry = (id: string, pack: string) => ({ id, number: Number(id), title: id, date: null, segmentCount: 1, file: pack });
const catalogue = (entries: ReturnType<typeof entry>[]): Catalogue =>
  ({ schema: 1, podcast: {} as Catalogue['podcast'], episodes: entries }) as unknown as Catalogue;
const pack = (...ids: string[]): PackFile => ({ episodes: ids.map(file) }) as PackFile;

/** A load whose packs arrive when the test says so. */
function controlledLoad() {
  const waiting = new Map<string, { resolve: (p: PackFile) => void; reject: (e: Error) => void }>();
  const asked: string[] = [];
  const load = (name: string) =>
    new Promise<PackFile>((resolve, reject) => {
      asked.push(name);
      waiting.set(name, { resolve, reject });
    });
  return {
    load,
    asked,
    arrive: (name: string, p: PackFile) => waiting.get(name)!.resolve(p),
    fail: (name: string) => waiting.get(name)!.reject(new Error(`${name}: HTTP 404`)),
  };
}

describe('loadPacks', () => {
  const cat = catalogue([entry('1', 'a.json'), entry('2', 'a.json'), entry('3', 'b.json')]);

  it('asks for every pack at once and hands episodes over in catalogue order, whatever order packs arrive in', async () => {
    const { load, asked, arrive } = controlledLoad();
    const seen: number[] = [];
    const progress: string[] = [];
    let clock = 0;
    const done = loadPacks(cat, load, { episode: (i) => seen.push(i), progress: (n, of) => progress.push(`${n}/${of}`) }, () => clock);
    expect(asked).toEqual(['a.json', 'b.json']);
    clock = 10;
    arrive('b.json', pack('3'));
    await Promise.resolve();
    expect(seen).toEqual([]); // b waits for a
    clock = 30;
    arrive('a.json', pack('1', '2'));
    const times = await done;
    expect(seen).toEqual([0, 1, 2]);
    expect(progress).toEqual(['1/2', '2/2']);
    expect(times).toEqual({ firstArrivedMs: 10, allArrivedMs: 30 });
  });

  it('awaits the pause after each episode, so other work can run between episodes', async () => {
    const { load, arrive } = controlledLoad();
    const events: string[] = [];
    let release!: () => void;
    const done = loadPacks(cat, load, {
      episode: (i) => events.push(`episode ${i}`),
      pause: () => {
        events.push('pause');
        return events.length === 2 ? new Promise<void>((r) => (release = r)) : Promise.resolve();
      },
    });
    arrive('a.json', pack('1', '2'));
    arrive('b.json', pack('3'));
    await new Promise((r) => setTimeout(r, 0));
    expect(events).toEqual(['episode 0', 'pause']); // held in the first pause
    release();
    await done;
    expect(events).toEqual(['episode 0', 'pause', 'episode 1', 'pause', 'episode 2', 'pause']);
  });

  it('fails naming the pack that could not load', async () => {
    const { load, arrive, fail } = controlledLoad();
    const done = loadPacks(cat, load, { episode: () => undefined });
    arrive('a.json', pack('1', '2'));
    fail('b.json');
    await expect(done).rejects.toThrow('b.json: HTTP 404');
  });

  it('refuses a pack holding an episode the catalogue does not list', async () => {
    const done = loadPacks(cat, async () => pack('9'), { episode: () => undefined });
    await expect(done).rejects.toThrow('a.json holds episode 9, which the catalogue does not list');
  });

  it('reads a pack that arrived as something to read later one ahead: the next while indexing this one', async () => {
    const three = catalogue([entry('1', 'a.json'), entry('2', 'a.json'), entry('3', 'b.json'), entry('4', 'b.json'), entry('5', 'c.json')]);
    const events: string[] = [];
    const later = (name: string, p: PackFile) => async () => {
      events.push(`read ${name}`);
      return p;
    };
    const packs: Record<string, PackFile> = { 'a.json': pack('1', '2'), 'b.json': pack('3', '4'), 'c.json': pack('5') };
    await loadPacks(three, async (name) => later(name, packs[name]!), {
      episode: (i) => events.push(`episode ${i}`),
      // Indexing an episode takes a while: the next pack's read runs meanwhile.
      pause: () => new Promise((resolve) => setTimeout(resolve, 5)),
    });
    // b is read while a's episodes are indexed, c while b's: never more than one ahead.
    expect(events).toEqual(['read a.json', 'episode 0', 'read b.json', 'episode 1', 'episode 2', 'read c.json', 'episode 3', 'episode 4']);
  });

  it('an empty catalogue loads nothing', async () => {
    expect(await loadPacks(catalogue([]), async () => pack(), { episode: () => undefined })).toEqual({
      firstArrivedMs: 0,
      allArrivedMs: 0,
    });
  });
});
