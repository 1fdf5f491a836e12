/** Cache Storage in memory, as much of it as backup-copies.ts uses; `full` makes every write fail, as a full disk does. */
import type { CopyStorage } from '../../../src/lib/backup-copies';

export class MemoryCaches implements CopyStorage {
  readonly entries = new Map<string, string>();
  full = false;

  async open(): Promise<Cache> {
    const entries = this.entries;
    const url = (request: RequestInfo | URL) =>
      typeof request === 'string' ? request : request instanceof URL ? request.href : request.url;
    const cache = {
      put: async (request: RequestInfo | URL, response: Response) => {
        if (this.full) throw new DOMException('Quota exceeded', 'QuotaExceededError');
        entries.set(url(request), await response.text());
      },
      match: async (request: RequestInfo | URL) => {
        const body = entries.get(url(request));
        return body === undefined ? undefined : new Response(body);
      },
      keys: async () => [...entries.keys()].map((key) => new Request(key)),
      delete: async (request: RequestInfo | URL) => entries.delete(url(request)),
    };
    return cache as unknown as Cache;
  }
}
