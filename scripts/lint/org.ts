import { readFileSync } from 'node:fs';
import { loadOrg } from '../core/load-org.ts';
import type { Locale } from '../core/messages.ts';
import { indexOrg, type OrgIndex } from '../model/org-index.ts';
import { summarize, type FileResult } from './engine.ts';
import { m } from './messages.ts';

export interface LoadedOrgFile {
  file: string;
  text?: string;
  index?: OrgIndex;
  /** The registry's own problems, reported as a result for the org file. */
  result?: FileResult;
}

/** Reads an org registry for the run; its problems become a result of their own, never a crash. */
export function orgFromText(file: string, text: string, locale: Locale): LoadedOrgFile {
  const loaded = loadOrg(file, text, locale);
  const index = loaded.org ? indexOrg(loaded.org) : undefined;
  if (loaded.problems.length === 0) return { file, text, ...(index ? { index } : {}) };
  const diagnostics = loaded.problems.map(({ path: _path, ...p }) => ({ ruleId: 'schema', severity: 'error' as const, file, messageId: 'problem', ...p }));
  return { file, text, ...(index ? { index } : {}), result: summarize(file, diagnostics, false) };
}

export function orgFromFile(absolute: string, display: string, locale: Locale): LoadedOrgFile {
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    const detail = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    const result = summarize(display, [{ ruleId: 'read-error', severity: 'error', file: display, line: 1, column: 1, messageId: 'unreadable', message: m(locale, 'org.unreadable', { file: display, detail }) }], true);
    return { file: display, result };
  }
  return orgFromText(display, text, locale);
}
