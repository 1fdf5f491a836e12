/** Each imported transcript's copy outside IndexedDB (see backup-copies.ts): its row and lines, one copy apiece. */
import { copiesOf, deleteCopy, putCopy, type CopyStorage } from '../backup-copies';
import type { EpisodeFile } from '../packs/format';
import { importedFile, isYourEntry, type YourEntry } from './model';

const PREFIX = 'yours/';

export interface TranscriptCopy {
  row: YourEntry;
  file: EpisodeFile;
}

export function keepCopy(copy: TranscriptCopy, storage?: CopyStorage | null): Promise<void> {
  return putCopy(PREFIX + copy.row.id, copy, storage);
}

export function dropCopy(id: string, storage?: CopyStorage | null): Promise<void> {
  return deleteCopy(PREFIX + id, storage);
}

/** Every readable copy; one whose row or lines do not check out is skipped. */
export async function savedCopies(storage?: CopyStorage | null): Promise<TranscriptCopy[]> {
  return (await copiesOf(PREFIX, storage)).flatMap((value) => {
    const { row, file } = (value ?? {}) as Partial<TranscriptCopy>;
    if (!isYourEntry(row)) return [];
    const lines = importedFile(file, row.id);
    return lines ? [{ row, file: lines }] : [];
  });
}
