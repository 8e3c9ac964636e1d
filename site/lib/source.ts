import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadOrg, type LoadedOrg } from '../../scripts/core/load-org.ts';
import { loadSpec, type LoadedSpec } from '../../scripts/core/load-spec.ts';
import type { Locale } from '../../scripts/core/messages.ts';
import type { SourceProblem } from '../../scripts/core/diagnostic.ts';
import { renderCore } from '../../scripts/core/render.ts';
import { specFilesIn } from '../../scripts/core/spec-files.ts';
import { loadForms, type LoadedForms } from '../../scripts/model/form-registry.ts';
import { indexOrg } from '../../scripts/model/org-index.ts';

/**
 * Where the handbook's specs are read from: `processes/` at the project root, or
 * `HANDBOOK_PROCESSES_DIR` (used by the tests to build a small fixture handbook).
 */
export function processesDir(): string {
  return path.resolve(process.env.HANDBOOK_PROCESSES_DIR ?? 'processes');
}

/** Paths as shown to people and stored in the collection: relative to the project, with `/`. */
export function displayPath(absolute: string): string {
  return path.relative(process.cwd(), absolute).split(path.sep).join('/');
}

export function specFiles(): string[] {
  return specFilesIn(processesDir());
}

export function readSpec(absolute: string): LoadedSpec {
  const file = displayPath(absolute);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(absolute);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { file, text: '', body: '', bodyLine: 1, frontMatterLine: 1, data: undefined, duplicateKeys: [], problems: [{ line: 1, column: 1, messageId: 'source.unreadable', data: { detail } }], locate: () => ({ line: 1, column: 1 }) };
  }
  return loadSpec(file, bytes);
}

export function orgPath(): string {
  return path.join(processesDir(), 'org.yml');
}

export function readOrg(): LoadedOrg {
  const absolute = orgPath();
  const file = displayPath(absolute);
  try {
    return loadOrg(file, readFileSync(absolute));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { file, problems: [{ line: 1, column: 1, messageId: 'org.unreadable', data: { detail } }], locate: () => ({ line: 1, column: 1 }) };
  }
}

export function formsPath(): string {
  return path.join(processesDir(), 'forms.yml');
}

/** The forms registry, checked against the org registry; a handbook without one has no registered forms. */
export function readForms(): LoadedForms {
  const absolute = formsPath();
  const file = displayPath(absolute);
  if (!existsSync(absolute)) return { file, registry: { forms: [] }, problems: [], locate: () => ({ line: 1, column: 1 }) };
  const org = readOrg().org;
  try {
    return loadForms(file, readFileSync(absolute), org ? { org: indexOrg(org) } : {});
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { file, problems: [{ line: 1, column: 1, messageId: 'forms.unreadable', data: { detail } }], locate: () => ({ line: 1, column: 1 }) };
  }
}

/** `file:line:column message`, the form editors and CI logs link. */
export function problemLines(file: string, problems: SourceProblem[], locale: Locale): string[] {
  return problems.map((p) => `${file}:${p.line}:${p.column} ${renderCore(p.messageId, p.data, locale)}`);
}

export function allowBroken(): boolean {
  return process.env.HANDBOOK_ALLOW_BROKEN === '1' || process.env.HANDBOOK_ALLOW_BROKEN === 'true';
}
