/**
 * The learner's progress, kept in this browser only (localStorage; the site has no server): each
 * passed quiz under its process id and version, so a new version of a process is not "learned"
 * until its own quiz is passed.
 */
export const PROGRESS_KEY = 'hb-training-progress';

/**
 * Fills `{{name}}` in one of the page's strings. Not `format` from scripts/core/messages.ts: that
 * module is the editor's too, and sharing it would ship a chunk of the editor's on these pages.
 */
export function fill(template: string, data: Record<string, string | number>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (Object.hasOwn(data, name) ? String(data[name]) : whole));
}

export interface Pass {
  process: string;
  version: string;
  /** Percent of questions right. */
  score: number;
  right: number;
  total: number;
  /** When it was passed, YYYY-MM-DD in the learner's time zone. */
  date: string;
}

export interface Progress {
  /** Keyed `<process id>@<version>`. */
  passes: Record<string, Pass>;
  /** The name the learner last put on a training record. */
  name?: string;
}

const EMPTY = (): Progress => ({ passes: {} });

export function readProgress(storage: Storage | undefined = safeStorage()): Progress {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(PROGRESS_KEY) ?? 'null');
    if (parsed && typeof parsed === 'object' && 'passes' in parsed && typeof parsed.passes === 'object' && parsed.passes) return parsed as Progress;
  } catch {
    // Unreadable progress (edited by hand, another site's format): start again rather than fail.
  }
  return EMPTY();
}

/** Saves the progress; false when the browser refuses (private mode, storage full or disabled). */
export function writeProgress(progress: Progress, storage: Storage | undefined = safeStorage()): boolean {
  try {
    if (!storage) return false;
    storage.setItem(PROGRESS_KEY, JSON.stringify(progress));
    return true;
  } catch {
    return false;
  }
}

export function recordPass(pass: Pass, storage: Storage | undefined = safeStorage()): boolean {
  const progress = readProgress(storage);
  const key = `${pass.process}@${pass.version}`;
  // A better or later pass of the same version replaces the earlier one.
  progress.passes[key] = pass;
  return writeProgress(progress, storage);
}

/** The pass of this process version, if any. */
export function passOf(progress: Progress, process: string, version: string): Pass | undefined {
  return progress.passes[`${process}@${version}`];
}

/** The latest pass of any version of the process (by date, then as stored). */
export function latestPass(progress: Progress, process: string): Pass | undefined {
  return Object.values(progress.passes)
    .filter((pass) => pass.process === process)
    .reduce<Pass | undefined>((latest, pass) => (!latest || pass.date >= latest.date ? pass : latest), undefined);
}

/** Today in the learner's time zone, YYYY-MM-DD. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function safeStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

