/**
 * The note being written, kept in localStorage as it is typed, so a reload (an update in another tab) loses
 * nothing. One draft at a time: only one note editor is open.
 */
const DRAFT_KEY = 'favourites-note-draft';

export interface NoteDraft {
  id: string;
  text: string;
  /** The stored favourite's `updatedAt` when editing began: a different one now means another tab saved. */
  base: number;
}

export function loadDraft(): NoteDraft | null {
  try {
    const draft = JSON.parse(localStorage.getItem(DRAFT_KEY) ?? 'null') as NoteDraft | null;
    return draft && typeof draft.id === 'string' && typeof draft.text === 'string' && typeof draft.base === 'number' ? draft : null;
  } catch {
    return null;
  }
}

export function keepDraft(draft: NoteDraft): void {
  try {
    localStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
  } catch {
    // No room or no storage: the draft still lives in the open editor.
  }
}

export function dropDraft(): void {
  try {
    localStorage.removeItem(DRAFT_KEY);
  } catch {
    // nothing kept
  }
}
