/**
 * Drafts are kept in this browser only (localStorage), one per spec file (`new` for a new process),
 * until the writer discards them. Storage that is full or switched off just keeps no draft.
 */
const PREFIX = 'handbook-editor:draft:';

export interface Draft {
  text: string;
  /** When it was kept (ISO 8601). */
  saved: string;
}

export function readDraft(key: string): Draft | undefined {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    const draft = raw ? (JSON.parse(raw) as Partial<Draft>) : undefined;
    return draft && typeof draft.text === 'string' && typeof draft.saved === 'string' ? { text: draft.text, saved: draft.saved } : undefined;
  } catch {
    return undefined;
  }
}

export function saveDraft(key: string, text: string): void {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify({ text, saved: new Date().toISOString() } satisfies Draft));
  } catch {
    // No room or no storage: the text stays in the editor for this visit.
  }
}

export function clearDraft(key: string): void {
  try {
    localStorage.removeItem(PREFIX + key);
  } catch {
    // Nothing kept, nothing to clear.
  }
}
