/**
 * The long tail of terms, in FlexSearch. A kept index holds these postings in groups by the term's hash; a
 * warm start imports a group when a query first asks for one of its terms, and the others while the worker is
 * idle. Importing them all before the first answer (parsing 10 MB of JSON at 1,000 episodes) was the largest
 * step of a warm start.
 */
import { Index } from 'flexsearch';

/** How many groups a kept index's rare postings are split into. */
export const RARE_GROUPS = 64;
const GROUP_KEY = /^(\d+)\.map$/;

/**
 * Terms arrive already folded and split: the builder hands FlexSearch the array itself (the same string
 * objects its own statistics hold, whose hashes V8 has already computed); a query term is one string.
 */
const splitFolded = (terms: string | string[]): string[] => (typeof terms !== 'string' ? terms : terms === '' ? [] : terms.split(' '));

const utf8 = new TextDecoder();
const utf8Encoder = new TextEncoder();

/** A group of kept postings: its key (`<group>.map`) and the UTF-8 bytes of FlexSearch's JSON of its entries. */
export type KeptGroup = [key: string, json: Uint8Array];

/** A kept group that cannot be read: the kept index is damaged and must be built again. */
export class DamagedIndexError extends Error {}

/** A term's group: FNV-1a over its UTF-16 code units. */
export function groupOf(term: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) hash = Math.imul(hash ^ term.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % RARE_GROUPS;
}

export class RarePostings {
  /** FlexSearch, which the index builder adds lines to. */
  readonly index = new Index({ tokenize: 'strict', resolution: 1, cache: false, encode: splitFolded });
  /**
   * Kept groups not yet imported: group → the UTF-8 bytes of FlexSearch's JSON of its entries, decoded only when
   * imported. At 1,000 episodes they are 1.7 MB: decoding them all at once was about 10 of the 16 ms a warm start
   * spent decoding (in a worker's CPU profile), 4 ms in Node.
   */
  private readonly waiting = new Map<number, Uint8Array>();

  /** The postings a kept index holds (see `keep`); null when a group's key is not one `keep` writes. */
  static fromKept(groups: KeptGroup[]): RarePostings | null {
    const rare = new RarePostings();
    for (const [key, data] of groups) {
      const group = Number(GROUP_KEY.exec(key)?.[1] ?? NaN);
      if (!(group < RARE_GROUPS) || rare.waiting.has(group)) return null;
      rare.waiting.set(group, data);
    }
    return rare;
  }

  /** The lines holding `term`, ascending. Throws DamagedIndexError when its kept group cannot be read. */
  linesOf(term: string, limit: number): number[] {
    this.importGroup(groupOf(term));
    return this.index.search(term, { limit }) as number[];
  }

  /** Imports waiting groups for about `budgetMs`; true when none is left. */
  importWaiting(budgetMs: number): boolean {
    const until = performance.now() + budgetMs;
    for (const group of this.waiting.keys()) {
      this.importGroup(group);
      if (performance.now() >= until) break;
    }
    return this.waiting.size === 0;
  }

  private importGroup(group: number): void {
    const data = this.waiting.get(group);
    if (data === undefined) return;
    this.waiting.delete(group);
    try {
      this.index.import(`${group}.map`, utf8.decode(data));
    } catch (error) {
      throw new DamagedIndexError(`the kept search index is damaged (group ${group}: ${String(error)})`);
    }
  }

  /** FlexSearch's export of its postings, regrouped by `groupOf`: `[key, JSON]` per group that has terms. */
  async keep(): Promise<KeptGroup[]> {
    this.importWaiting(Infinity);
    const groups: unknown[][] = Array.from({ length: RARE_GROUPS }, () => []);
    await this.index.export((key: string, data: string) => {
      // Only the postings: the register (every line id) serves FlexSearch's update, remove and contain, which
      // a kept index never calls (a sixth of the export, and a Set of every line in memory, for nothing).
      if (!key.endsWith('.map')) return;
      for (const entry of JSON.parse(data) as [string, unknown][]) groups[groupOf(entry[0])]!.push(entry);
    });
    return groups.flatMap((entries, group): KeptGroup[] =>
      entries.length ? [[`${group}.map`, utf8Encoder.encode(JSON.stringify(entries))]] : [],
    );
  }
}
