/**
 * Loading every pack of a catalogue for the search index: all are requested at once (the browser caps
 * connections) and each is handed over in catalogue order as soon as it and those before it have arrived,
 * so indexing one overlaps fetching the next. `load` is given, so this runs without a network in tests.
 */
import type { Catalogue, EpisodeFile, PackFile } from './format';

export interface PackTimes {
  /** Milliseconds after the start when the first and the last pack had arrived. */
  firstArrivedMs: number;
  allArrivedMs: number;
}

export interface PackVisitor {
  /** One episode's file, with its index in the catalogue. */
  episode(catalogueIndex: number, file: EpisodeFile): void;
  /** After each pack: how many of how many are done. */
  progress?(loaded: number, total: number): void;
  /** Awaited after each episode: where the caller lets other work (a search) run between episodes. */
  pause?(): Promise<void>;
}

/** A pack, or a way to read one that has arrived: read only when its turn comes (see loadPacks). */
export type PackSource = PackFile | (() => Promise<PackFile>);

export async function loadPacks(
  catalogue: Catalogue,
  load: (name: string) => Promise<PackSource>,
  visit: PackVisitor,
  now: () => number = () => performance.now(),
): Promise<PackTimes> {
  const names = [...new Set(catalogue.episodes.map((e) => e.file))];
  const indexOf = new Map(catalogue.episodes.map((e, i) => [e.id, i]));
  const start = now();
  const times: PackTimes = { firstArrivedMs: Infinity, allArrivedMs: 0 };
  const pending = names.map(async (name) => {
    const pack = await load(name);
    const ms = now() - start;
    times.firstArrivedMs = Math.min(times.firstArrivedMs, ms);
    times.allArrivedMs = Math.max(times.allArrivedMs, ms);
    return pack;
  });
  pending.forEach((p) => p.catch(() => undefined)); // failures surface when awaited below
  // A pack to read later is read one ahead: the next one's read (an asynchronous Blob read, then its parse)
  // overlaps indexing this one, where waiting for it left the indexing thread idle for every pack.
  const read = (p: number) => {
    const reading = pending[p]!.then((source) => (typeof source === 'function' ? source() : source));
    reading.catch(() => undefined); // surfaces when awaited below
    return reading;
  };
  let next = names.length ? read(0) : null;
  for (let p = 0; p < names.length; p++) {
    const pack = await next!;
    next = p + 1 < names.length ? read(p + 1) : null;
    for (const file of pack.episodes) {
      const catalogueIndex = indexOf.get(file.id);
      if (catalogueIndex === undefined) throw new Error(`${names[p]} holds episode ${file.id}, which the catalogue does not list`);
      visit.episode(catalogueIndex, file);
      if (visit.pause) await visit.pause();
    }
    visit.progress?.(p + 1, names.length);
  }
  if (names.length === 0) times.firstArrivedMs = 0;
  return times;
}
