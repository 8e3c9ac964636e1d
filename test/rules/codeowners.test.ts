/**
 * The codeowners rule needs the CODEOWNERS text and an org with `github` handles,
 * which the shared RuleTester cases do not carry; the cases below run through the
 * same loader, handbook and `runRule`, in both locales, and compare messageId,
 * line and column like the RuleTester does.
 */
import { describe, expect, it } from 'vitest';
import { loadOrg } from '../../scripts/core/load-org.ts';
import { loadSpec } from '../../scripts/core/load-spec.ts';
import { LOCALES } from '../../scripts/core/messages.ts';
import { runRule } from '../../scripts/lint/run-rule.ts';
import { buildHandbook } from '../../scripts/model/handbook.ts';
import { indexOrg } from '../../scripts/model/org-index.ts';
import rule from '../../scripts/rules/codeowners.ts';
import { parseCodeowners, renderCodeowners } from '../../scripts/codeowners.ts';
import { ruleTester } from '../rule-tester.ts';

const ORG = `departments:
  - id: finance
    name: 财务部
    github: ["@acme/finance"]
  - id: company
    name: 全公司
roles:
  - id: finance-manager
    name: 财务经理
    department: finance
    github: ["@acme/finance-leads", "@alice"]
  - id: accountant
    name: 会计
    department: finance
  - id: employee
    name: 员工
    department: company
`;

const spec = (owner: string, department = 'finance') => `---
id: expense-claim
title: 费用报销流程
category: management
department: ${department}
owner: ${owner}
version: 1.0.0
status: draft
goal: 员工垫付的费用在五个工作日内报销到账。
scope:
  start: 员工提交报销单
  end: 报销款到账
steps:
  - id: submit
    name: 提交报销
    role: employee
    deadline: 即时
---
`;

const FILE = 'processes/management/expense-claim.md';

function lint(text: string, codeowners: string | undefined, file = FILE) {
  const org = indexOrg(loadOrg('org.yml', ORG).org!);
  return Object.fromEntries(
    LOCALES.map((locale) => {
      const loaded = loadSpec(file, text, { locale });
      expect(loaded.problems).toEqual([]);
      const handbook = buildHandbook([{ file, spec: loaded.spec! }], org);
      const findings = runRule(rule, {}, 'warning', { loaded, handbook, org, ...(codeowners !== undefined ? { codeowners } : {}), today: '2026-06-01', locale });
      for (const f of findings) expect(f.message).not.toMatch(/\{\{/);
      return [locale, findings];
    }),
  ) as Record<(typeof LOCALES)[number], ReturnType<typeof runRule>>;
}

const summary = (findings: ReturnType<typeof runRule>) => findings.map((f) => ({ messageId: f.messageId, line: f.line, column: f.column }));

describe('codeowners', () => {
  const current = renderCodeowners([{ file: FILE, spec: { owner: 'finance-manager', department: 'finance' } }], loadOrg('org.yml', ORG).org!);

  describe('valid', () => {
    it('the generated file for the current owner', () => expect(summary(lint(spec('finance-manager'), current).en)).toEqual([]));
    it('handles in another order, and an absolute file name', () =>
      expect(summary(lint(spec('finance-manager'), '/processes/management/expense-claim.md @alice @acme/finance-leads\n', `/srv/handbook/${FILE}`).en)).toEqual([]));
    it('no CODEOWNERS given: nothing to compare', () => expect(summary(lint(spec('accountant'), undefined).en)).toEqual([]));
    it('a role without github falls back to the department', () =>
      expect(summary(lint(spec('accountant'), '/processes/management/expense-claim.md @acme/finance\n').en)).toEqual([]));
  });

  describe('invalid', () => {
    it('the owner changed and CODEOWNERS was not regenerated', () => {
      const findings = lint(spec('accountant'), current);
      expect(summary(findings.en)).toEqual([{ messageId: 'different', line: 6, column: 1 }]);
      expect(findings.en[0]!.message).toBe(
        '`.github/CODEOWNERS` gives this process to @acme/finance-leads @alice, but its owner `accountant` maps to @acme/finance in processes/org.yml. Run `npm run codeowners` and commit the result.',
      );
      expect(findings['zh-CN'][0]!.message).toContain('请运行 `npm run codeowners` 并提交结果');
    });
    it('no line for the process', () => {
      const findings = lint(spec('finance-manager'), '/processes/org.yml @acme/admins\n# /processes/management/expense-claim.md @acme/finance-leads\n');
      expect(summary(findings.en)).toEqual([{ messageId: 'missing', line: 6, column: 1 }]);
      expect(findings.en[0]!.message).toContain('owner `finance-manager` (@acme/finance-leads @alice)');
    });
    it('nobody to ask: neither the role nor its department has github', () => {
      expect(summary(lint(spec('employee', 'company'), '/processes/org.yml @acme/admins\n').en)).toEqual([{ messageId: 'noHandles', line: 6, column: 1 }]);
    });
  });
});

describe('renderCodeowners', () => {
  const org = loadOrg('org.yml', ORG).org!;
  it('writes a generated-file header, the admins, and one sorted line per spec', () => {
    const text = renderCodeowners(
      [
        { file: 'processes/management/z-last.md', spec: { owner: 'accountant', department: 'finance' } },
        { file: 'processes/business/a-first.md', spec: { owner: 'finance-manager', department: 'finance' } },
        { file: 'processes/business/nobody.md', spec: { owner: 'employee', department: 'company' } },
      ],
      org,
      { admins: ['@acme/handbook-admins'] },
    );
    expect(text.split('\n').filter((line) => !line.startsWith('#') && line)).toEqual([
      '/processes/org.yml @acme/handbook-admins',
      '/.github/ @acme/handbook-admins',
      '/processes/business/a-first.md @acme/finance-leads @alice',
      '/processes/management/z-last.md @acme/finance',
    ]);
    expect(text).toMatch(/^# 此文件由 `npm run codeowners` 生成/);
    expect(text).toContain('# /processes/business/nobody.md: 岗位 employee');
    expect(parseCodeowners(text).get('/processes/business/a-first.md')).toEqual(['@acme/finance-leads', '@alice']);
  });
});

// The shared tester: without CODEOWNERS text the rule stays silent on any spec.
ruleTester.run('codeowners', rule, { valid: [rule.meta.docs.examples.valid, rule.meta.docs.examples.invalid], invalid: [] });
