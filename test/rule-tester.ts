/**
 * A RuleTester in the manner of ESLint's: each case is a spec written inline, run
 * through the real loader, handbook and `runRule`, and compared by messageId,
 * line and column. It fails on unknown message ids (they become `rule-error`),
 * on `{{placeholders}}` left unfilled in either language, on valid cases whose
 * front matter does not match the schema (they would pass without being checked),
 * and on fixes that do not produce the expected output or are not idempotent.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { compareFindings, type Finding } from '../scripts/core/diagnostic.ts';
import { loadOrg } from '../scripts/core/load-org.ts';
import type { LoadedSpec } from '../scripts/core/load-spec.ts';
import { LOCALES, type Locale } from '../scripts/core/messages.ts';
import { render } from '../scripts/core/render.ts';
import { splitFrontMatter } from '../scripts/core/source.ts';
import { checkFileWithFixes, type FixableFinding } from '../scripts/lint/check-file.ts';
import type { RuleConfig } from '../scripts/lint/config.ts';
import { engineRules } from '../scripts/lint/registry.ts';
import { finishReport, indexReports } from '../scripts/lint/resolve.ts';
import type { Rule } from '../scripts/lint/rule.ts';
import { loadForms } from '../scripts/model/form-registry.ts';
import { indexOrg, type OrgIndex } from '../scripts/model/org-index.ts';

export const FIXTURE_ORG = readFileSync(new URL('./fixtures/org.yml', import.meta.url), 'utf8');
export const FIXTURE_FORMS = readFileSync(new URL('./fixtures/forms.yml', import.meta.url), 'utf8');

export interface CaseInput {
  /** Front matter (YAML only) or a whole file starting with `---`. Lines in expectations count in `code` as written. */
  code: string;
  /** Markdown body appended after the front matter when `code` is YAML only. */
  body?: string;
  name?: string;
  /** Raw options, parsed through the rule's options schema like the engine does. */
  options?: unknown;
  /** Path of the spec; default `processes/<category>/<id>.md`. */
  filename?: string;
  /** Other specs of the handbook, by path (YAML only or whole files). */
  files?: Record<string, string>;
  /** Org registry text; `null` lints without one. Default: `test/fixtures/org.yml`. */
  org?: string | null;
  /** Forms registry text; `null` lints without one. Default: `test/fixtures/forms.yml`. */
  forms?: string | null;
  today?: string;
  /** Text of `.github/CODEOWNERS`, for rules that read it. */
  codeowners?: string;
}

export interface ExpectedError {
  messageId: string;
  line?: number;
  column?: number;
}

export interface InvalidCase extends CaseInput {
  errors: ExpectedError[];
  /** The front matter after applying every fix (YAML only), for fixable rules. */
  output?: string;
}

/** A finding of the case, worded. */
export interface CaseFinding extends Finding {
  message: string;
  fix?: FixableFinding['fix'];
}

export interface CaseResult {
  loaded: LoadedSpec;
  /** 0 when `code` is a whole file; 1 when the tester wrapped YAML in `---` fences. */
  offset: number;
  findings: Record<Locale, CaseFinding[]>;
}

/** Wraps YAML in front-matter fences; a whole file is left as it is. */
export function toFile(code: string, body = ''): { text: string; offset: number } {
  if (code.startsWith('---\n')) return { text: code, offset: 0 };
  return { text: `---\n${code.endsWith('\n') ? code : `${code}\n`}---\n${body}`, offset: 1 };
}

export function defaultFilename(text: string): string {
  const id = /^id:\s*(\S+)/m.exec(text)?.[1] ?? 'spec';
  const category = /^category:\s*(\S+)/m.exec(text)?.[1] ?? 'business';
  return `processes/${category}/${id}.md`;
}

/**
 * Runs one rule on one case through both phases, as the engine does: the case and its other files
 * checked on their own, then the case's references checked against all of them. Messages are worded
 * in both languages from the rule's own templates.
 */
export function runCase(rule: Rule<any>, input: CaseInput): CaseResult {
  const { text, offset } = toFile(input.code, input.body);
  const file = input.filename ?? defaultFilename(text);
  const orgText = input.org === undefined ? FIXTURE_ORG : input.org;
  let org: OrgIndex | undefined;
  if (orgText !== null) {
    const loadedOrg = loadOrg('org.yml', orgText);
    if (!loadedOrg.org) throw new Error(`the test org registry is invalid: ${loadedOrg.problems.map((p) => `${p.line}:${p.column} ${p.messageId}`).join('; ')}`);
    org = indexOrg(loadedOrg.org);
  }
  const formsText = input.forms === undefined ? FIXTURE_FORMS : input.forms;
  let forms: ReadonlySet<string> | undefined;
  if (formsText !== null) {
    const loadedForms = loadForms('forms.yml', formsText);
    if (!loadedForms.registry || loadedForms.problems.length) throw new Error(`the test forms registry is invalid: ${loadedForms.problems.map((p) => `${p.line}:${p.column} ${p.messageId}`).join('; ')}`);
    forms = new Set(loadedForms.registry.forms.map((form) => form.name));
  }
  const options = rule.meta.options ? rule.meta.options.parse(input.options ?? {}) : (input.options ?? {});
  const rules = new Map<string, RuleConfig>([[rule.meta.id, { severity: 'error', options }]]);
  const env = { rules, registry: { [rule.meta.id]: rule }, ...(org ? { org } : {}), ...(forms ? { forms } : {}), ...(input.codeowners !== undefined ? { codeowners: input.codeowners } : {}), today: input.today ?? '2026-06-01' };
  const checked = checkFileWithFixes(file, text, env);
  const others = Object.entries(input.files ?? {}).map(([path, code]) => checkFileWithFixes(path, toFile(code).text, env).report);
  const index = indexReports([checked.report, ...others]);
  // The handbook phase as the engine runs it: references checked, inline suppressions applied.
  const all = finishReport(checked.report, index, { rulesFor: () => rules, today: env.today, ruleIds: Object.keys(engineRules()) }).findings.sort(compareFindings);
  const fixOf = (finding: Finding) => checked.fixes.find((fix) => fix.finding === finding)?.fix;
  const findings = {} as Record<Locale, CaseFinding[]>;
  for (const locale of LOCALES) {
    findings[locale] = all.map((finding) => {
      const template = finding.ruleId === rule.meta.id ? rule.meta.messages[finding.messageId] : undefined;
      const fix = fixOf(finding);
      return { ...finding, message: template ? render(template[locale], finding.data, locale) : `${finding.ruleId}/${finding.messageId}: ${JSON.stringify(finding.data)}`, ...(fix ? { fix } : {}) };
    });
  }
  return { loaded: checked.loaded!, offset, findings };
}

/** Applies every fix to the front matter's YAML document, as `--fix` does. */
export function applyFixes(text: string, findings: CaseFinding[]): string {
  const frontMatter = splitFrontMatter(text).frontMatter ?? '';
  const document = parseDocument(frontMatter, { version: '1.2' });
  for (const finding of findings) finding.fix?.(document);
  return document.toString();
}

function describeCase(input: CaseInput, index: number): string {
  return input.name ?? `#${index + 1}: ${input.code.replace(/\s+/g, ' ').slice(0, 70)}`;
}

function checkMessages(result: CaseResult): void {
  for (const locale of LOCALES) {
    for (const finding of result.findings[locale]) {
      expect(finding.ruleId, finding.message).not.toBe('rule-error');
      expect(finding.message, `unfilled placeholder (${locale})`).not.toMatch(/\{\{\s*\w+\s*\}\}/);
      expect(finding.message.trim()).not.toBe('');
    }
  }
}

export const ruleTester = {
  run(id: string, rule: Rule<any>, cases: { valid: Array<CaseInput | string>; invalid: InvalidCase[] }): void {
    describe(id, () => {
      it('is named after its file', () => expect(rule.meta.id).toBe(id));
      // An empty list adds no block: vitest refuses a describe without tests.
      if (cases.valid.length > 0) describe('valid', () => {
        cases.valid.forEach((raw, index) => {
          const input = typeof raw === 'string' ? { code: raw } : raw;
          it(describeCase(input, index), () => {
            const result = runCase(rule, input);
            if (!rule.meta.runsOnInvalid) {
              expect(result.loaded.problems.map((p) => `${p.line}:${p.column} ${p.messageId} ${JSON.stringify(p.data)}`), 'the case must match the schema').toEqual([]);
            }
            checkMessages(result);
            expect(result.findings.en.map((f) => `${f.line}:${f.column} ${f.messageId}: ${f.message}`)).toEqual([]);
          });
        });
      });
      if (cases.invalid.length > 0) describe('invalid', () => {
        cases.invalid.forEach((input, index) => {
          it(describeCase(input, index), () => {
            expect(input.errors.length, 'an invalid case needs at least one expected error').toBeGreaterThan(0);
            const result = runCase(rule, input);
            if (!rule.meta.runsOnInvalid) {
              expect(result.loaded.problems.map((p) => `${p.line}:${p.column} ${p.messageId} ${JSON.stringify(p.data)}`), 'the case must match the schema').toEqual([]);
            }
            checkMessages(result);
            const actual = result.findings.en.map((f) => ({
              messageId: f.messageId,
              ...(input.errors.some((e) => e.line !== undefined) ? { line: f.line - result.offset } : {}),
              ...(input.errors.some((e) => e.column !== undefined) ? { column: f.column } : {}),
            }));
            expect(actual, result.findings.en.map((f) => f.message).join('\n')).toEqual(input.errors);
            for (const messageId of input.errors.map((e) => e.messageId)) {
              expect(Object.keys(rule.meta.messages)).toContain(messageId);
            }
            if (input.output !== undefined) {
              const { text } = toFile(input.code, input.body);
              const output = applyFixes(text, result.findings.en);
              expect(output).toBe(input.output);
              const again = runCase(rule, { ...input, code: output });
              expect(again.findings.en.filter((f) => f.fix).map((f) => f.message), 'fixes must be idempotent').toEqual([]);
            }
          });
        });
      });
    });
  },
};
