/**
 * What the fuzz and hostile tests drive: the linter's in-memory API (`lintTexts`)
 * when it exists, otherwise the same pipeline assembled from the foundation
 * (loader → handbook → every registered rule through `runRule`), so the
 * properties hold from the first rule on.
 */
import { existsSync } from 'node:fs';
import { compareDiagnostics, type Diagnostic } from '../../scripts/core/diagnostic.ts';
import { loadOrg } from '../../scripts/core/load-org.ts';
import { loadSpec } from '../../scripts/core/load-spec.ts';
import type { Locale } from '../../scripts/core/messages.ts';
import { runRule } from '../../scripts/lint/run-rule.ts';
import { buildHandbook } from '../../scripts/model/handbook.ts';
import { indexOrg } from '../../scripts/model/org-index.ts';
import { rules } from '../../scripts/rules/index.ts';

export interface TextFile {
  file: string;
  text: string;
}

export interface LintOptions {
  org?: TextFile;
  today: string;
  locale: Locale;
}

export interface FileResultLike {
  file: string;
  diagnostics: Array<Diagnostic & { messageId?: string }>;
  errorCount: number;
  warningCount: number;
}

export type LintTexts = (files: TextFile[], options: LintOptions) => Promise<FileResultLike[]>;

export interface Subject {
  /** `lintTexts` or `foundation pipeline`, printed so a run says what it tested. */
  name: string;
  lint: LintTexts;
}

const API = new URL('../../scripts/lint/api.ts', import.meta.url);

export async function loadSubject(): Promise<Subject> {
  if (existsSync(API)) {
    const api = (await import(API.href)) as { lintTexts?: (files: TextFile[], options: LintOptions) => FileResultLike[] | Promise<FileResultLike[]> };
    if (typeof api.lintTexts === 'function') {
      const lintTexts = api.lintTexts;
      return { name: 'lintTexts', lint: async (files, options) => lintTexts(files, options) };
    }
  }
  return { name: 'foundation pipeline', lint: async (files, options) => foundationLint(files, options) };
}

function foundationLint(files: TextFile[], options: LintOptions): FileResultLike[] {
  const { locale, today } = options;
  const loadedOrg = options.org ? loadOrg(options.org.file, options.org.text, locale) : undefined;
  const org = loadedOrg?.org ? indexOrg(loadedOrg.org) : undefined;
  const loaded = files.map(({ file, text }) => loadSpec(file, text, { locale }));
  const handbook = buildHandbook(loaded.flatMap((spec) => (spec.spec ? [{ file: spec.file, spec: spec.spec }] : [])), org);
  return loaded
    .map((spec) => {
      const diagnostics = Object.values(rules)
        .flatMap((rule) => {
          const options = defaultOptions(rule.meta.options);
          return runRule(rule, options, rule.meta.severity === 'warn' ? 'warning' : 'error', { loaded: spec, handbook, ...(org ? { org } : {}), today, locale });
        })
        .map(({ fix: _fix, ...rest }) => rest)
        .sort(compareDiagnostics);
      const errorCount = diagnostics.filter((d) => d.severity === 'error').length;
      return { file: spec.file, diagnostics, errorCount, warningCount: diagnostics.length - errorCount };
    })
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

function defaultOptions(schema: { safeParse(value: unknown): { success: boolean; data?: unknown } } | undefined): unknown {
  if (!schema) return {};
  for (const candidate of [undefined, {}]) {
    const parsed = schema.safeParse(candidate);
    if (parsed.success) return parsed.data;
  }
  return {};
}
