/** Positions are 1-based, as editors and CI annotations show them. */
export interface Position {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export type Severity = 'error' | 'warning';

/** A finding about one file, structured until a formatter renders it. */
export interface Diagnostic extends Position {
  ruleId: string;
  severity: Severity;
  file: string;
  message: string;
  /** The path in the front matter the finding is about, e.g. `['steps', 2, 'role']`. */
  path?: Array<string | number>;
  /** Link to the rule's documentation. */
  url?: string;
}

/** A problem found while reading a file, before any rule runs (reported under the `schema` rule). */
export interface SourceProblem extends Position {
  message: string;
  path?: Array<string | number>;
}

export type YamlPath = Array<string | number>;

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
