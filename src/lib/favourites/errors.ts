/** Storage failures in words a person can act on: a full disk, an old or a newer version holding the database. */
import type { Favourite } from './model';

export class StorageError extends Error {
  constructor(
    message: string,
    readonly reason: 'unavailable' | 'full' | 'failed' | 'conflict' | 'blocked' | 'newer',
  ) {
    super(message);
  }
}

/** The note changed in storage (another tab) since the editor opened: the caller asks which to keep. */
export class NoteConflict extends StorageError {
  constructor(readonly stored: Favourite) {
    super('This note was changed in another tab while you were editing it.', 'conflict');
  }
}

/**
 * A storage failure in words. `during` matters: when opening, an UnknownError means the browser keeps no
 * storage for the app (private browsing); when writing, it is what Chromium reports for a full disk.
 */
export function describeStorageError(error: unknown, during: 'open' | 'write' = 'open', what = 'favourites'): StorageError {
  if (error instanceof StorageError) return error;
  const name = (error as DOMException | undefined)?.name;
  if (name === 'VersionError') {
    return new StorageError(
      `Your ${what} were last saved by a newer version of this app. Reload the page to get that version; nothing was lost.`,
      'newer',
    );
  }
  if (name === 'QuotaExceededError' || (during === 'write' && name === 'UnknownError')) {
    return new StorageError(
      'Your device is out of storage space (the browser could not write), so this change was not saved. Everything saved before is still there.',
      'full',
    );
  }
  if (name === 'UnknownError') {
    // Chromium says this when opening on a full disk as well as where it keeps no storage at all.
    return new StorageError(
      `The browser could not open its storage: the device may be out of storage space, or this may be private browsing. Your ${what} cannot be saved now; everything saved before is still there.`,
      'unavailable',
    );
  }
  if (name === 'InvalidStateError' || name === 'SecurityError') {
    return new StorageError(
      `This browser does not let the app store data (private browsing?), so ${what} cannot be saved here.`,
      'unavailable',
    );
  }
  return new StorageError(`Saving failed: ${(error as Error)?.message ?? String(error)}`, 'failed');
}

/** Run a transaction's work to its end; on any failure abort it and say why in words. */
export async function settleTransaction(
  tx: { done: Promise<void>; error: DOMException | null; abort(): void },
  work: () => Promise<void>,
  what = 'favourites',
): Promise<void> {
  try {
    await Promise.all([work(), tx.done]);
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // already finished or aborted
    }
    // A full disk aborts the transaction: the abort names nothing, the transaction's error does.
    throw describeStorageError(error instanceof StorageError ? error : (tx.error ?? error), 'write', what);
  }
}
