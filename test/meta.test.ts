/**
 * The structure every rule keeps (ESLint's checkRuleFiles, bpmnlint's config
 * spec): a file per rule, registered under its id in sorted order, a test file,
 * docs with examples that really pass and fail, both languages for every
 * message with the same placeholders, and no message the rule never reports.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../scripts/core/messages.ts';
import { docsUrl } from '../scripts/lint/version.ts';
import { rules } from '../scripts/rules/index.ts';
import { ruleOptions } from '../site/lib/rule-options.ts';
import { runCase } from './rule-tester.ts';

const RULES_DIR = new URL('../scripts/rules/', import.meta.url);
const files = readdirSync(RULES_DIR).filter((name) => name.endsWith('.ts') && name !== 'index.ts').map((name) => name.slice(0, -3)).sort();

/** The repository's CODEOWNERS as the docs examples assume it (the example process is owned by finance-manager). */
const CODEOWNERS = '/processes/management/expense-claim.md @acme/finance-leads\n';

/** Where a rule's findings are made: its file, and for the two the engine reports for it, the engine's code. */
const REPORTED_IN: Record<string, string[]> = {
  // A process written by its name is told apart from a malformed id in the handbook phase (references.ts).
  schema: ['../scripts/core/', '../scripts/model/form-registry.ts', '../site/lib/source.ts', '../scripts/lint/references.ts'],
  suppression: ['../scripts/lint/suppressions.ts'],
  // The registered forms no step names are reported on the registry, in the handbook phase.
  'form-registered': ['../scripts/lint/environment.ts'],
};

function reportingSource(id: string): string {
  const own = readFileSync(new URL(`${id}.ts`, RULES_DIR), 'utf8');
  const elsewhere = (REPORTED_IN[id] ?? []).flatMap((place) => {
    const url = new URL(place, import.meta.url);
    return place.endsWith('/') ? readdirSync(url).filter((name) => name.endsWith('.ts')).map((name) => readFileSync(new URL(name, url), 'utf8')) : [readFileSync(url, 'utf8')];
  });
  return [own, ...elsewhere].join('\n');
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('rule registry', () => {
  it('registers exactly the files in scripts/rules/, each under its own id', () => {
    expect(Object.keys(rules).sort()).toEqual(files);
    for (const [id, rule] of Object.entries(rules)) expect(rule.meta.id).toBe(id);
  });

  it('keeps its keys sorted', () => {
    const keys = Object.keys(rules);
    expect(keys).toEqual([...keys].sort());
  });
});

describe.each(files)('%s', (id) => {
  const rule = rules[id]!;
  const source = reportingSource(id);

  it('has a test file', () => {
    expect(existsSync(new URL(`./rules/${id}.test.ts`, import.meta.url))).toBe(true);
  });

  it('has docs in both languages and its docs URL', () => {
    for (const locale of LOCALES) {
      expect(rule.meta.docs.description[locale].trim()).not.toBe('');
      expect(rule.meta.docs.rationale[locale].trim()).not.toBe('');
    }
    // Under the site the handbook's settings name; no link when they name none.
    expect(docsUrl(id, 'https://processes.acme.test/rules/')).toBe(`https://processes.acme.test/rules/${id}/`);
    expect(docsUrl(id, undefined)).toBeUndefined();
  });

  it('has every message in both languages with the same placeholders', () => {
    expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
    for (const [messageId, message] of Object.entries(rule.meta.messages)) {
      for (const locale of LOCALES) expect(message[locale]?.trim(), `${messageId} (${locale})`).toBeTruthy();
      expect(placeholders(message['zh-CN']), messageId).toEqual(placeholders(message.en));
    }
  });

  it('documents every option in both languages, as its site page lists them', () => {
    const [zh, en] = [ruleOptions(rule, 'zh-CN'), ruleOptions(rule, 'en')];
    // Every key the options schema accepts is listed (a strict object of the options).
    expect(zh.map((o) => o.name)).toEqual(Object.keys(rule.meta.options ? rule.meta.options.parse({}) : {}));
    zh.forEach((option, i) => {
      expect(option.description.trim(), option.name).not.toBe('');
      expect(en[i]!.description.trim(), option.name).not.toBe('');
      expect(en[i]!.description, option.name).not.toBe(option.description);
    });
  });

  it('reports every message it declares', () => {
    for (const messageId of Object.keys(rule.meta.messages)) {
      expect(source, `message ${messageId} is never reported`).toMatch(new RegExp(`(?:messageId: |report\\(directive, |message: )'${messageId.replace(/\./g, '\\.')}'`));
    }
  });

  it('accepts its valid example with no finding from any rule', () => {
    const { valid, body, previous } = rule.meta.docs.examples;
    const result = runCase(rule, { code: valid, codeowners: CODEOWNERS, ...(body ? { body: body.valid } : {}), ...(previous ? { previous } : {}) });
    expect(result.loaded.problems).toEqual([]);
    expect(result.findings.en.map((f) => f.message)).toEqual([]);
    // The published example is a clean spec, not only clean for this rule.
    for (const other of Object.values(rules)) {
      const findings = runCase(other, { code: valid, codeowners: CODEOWNERS, ...(body ? { body: body.valid } : {}), ...(previous ? { previous } : {}) }).findings.en;
      expect(findings.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
    }
  });

  it('rejects its invalid example', () => {
    const { invalid, body, previous } = rule.meta.docs.examples;
    const result = runCase(rule, { code: invalid, codeowners: CODEOWNERS, ...(body ? { body: body.invalid } : {}), ...(previous ? { previous } : {}) });
    expect(result.findings.en.filter((f) => f.ruleId === id).length).toBeGreaterThan(0);
    if (!body) expect(invalid).not.toBe(rule.meta.docs.examples.valid);
  });
});
