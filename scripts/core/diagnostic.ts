import type { MessageKey } from './messages.ts';
import type { MessageData } from './render.ts';

/** Positions are 1-based, as editors and CI annotations show them. */
export interface Position {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export type Severity = 'error' | 'warning';

export type YamlPath = Array<string | number>;

/**
 * A finding about one file: data until the edge (a terminal, a page, a pull-request comment)
 * renders `messageId` with `data` in a language.
 */
export interface Finding extends Position {
  ruleId: string;
  messageId: string;
  data?: MessageData;
  severity: Severity;
  file: string;
  /** The path in the front matter the finding is about, e.g. `['steps', 2, 'role']`. */
  path?: YamlPath;
  /** `--fix` can repair it. */
  fixable?: boolean;
}

/** A problem found while reading a file, before any rule runs (reported under the `schema` rule). */
export interface SourceProblem extends Position {
  messageId: MessageKey;
  data?: MessageData;
  path?: YamlPath;
}

/** The order findings are shown in: by file, position, rule, then message, the same in every language. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compare(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compare(a.ruleId, b.ruleId) ||
    compare(a.messageId, b.messageId) ||
    compare(JSON.stringify(a.data ?? {}), JSON.stringify(b.data ?? {}))
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A finding worded for a reader (what a formatter, the site or the diff shows). */
export interface Diagnostic extends Finding {
  message: string;
  url?: string;
}
