import { describe, expect, it } from 'vitest';
import { loadOrg } from '../../scripts/core/load-org.ts';
import { parseCodeowners, renderCodeowners } from '../../scripts/codeowners.ts';
import rule from '../../scripts/rules/codeowners.ts';
import { ruleTester, runCase } from '../rule-tester.ts';

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

const spec = (owner: string, department = 'finance') => `id: expense-claim
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
`;

const CURRENT = '/processes/org.yml @acme/admins\n/processes/management/expense-claim.md @acme/finance-leads @alice\n';

ruleTester.run('codeowners', rule, {
  valid: [
    { name: 'the line names the owner role\'s handles', code: spec('finance-manager'), org: ORG, codeowners: CURRENT },
    { name: 'handles in another order, an absolute file name', code: spec('finance-manager'), org: ORG, filename: '/srv/handbook/processes/management/expense-claim.md', codeowners: '/processes/management/expense-claim.md @alice @acme/finance-leads\n' },
    { name: 'a role without github falls back to the department', code: spec('accountant'), org: ORG, codeowners: '/processes/management/expense-claim.md @acme/finance\n' },
    { name: 'no CODEOWNERS given: nothing to compare', code: spec('accountant'), org: ORG },
    { name: 'no org registry: nothing to map roles to', code: spec('accountant'), org: null, codeowners: CURRENT },
  ],
  invalid: [
    { name: 'the owner changed and CODEOWNERS was not regenerated', code: spec('accountant'), org: ORG, codeowners: CURRENT, errors: [{ messageId: 'different', line: 5, column: 1 }] },
    { name: 'no line for the process', code: spec('finance-manager'), org: ORG, codeowners: '/processes/org.yml @acme/admins\n# /processes/management/expense-claim.md @acme/finance-leads\n', errors: [{ messageId: 'missing', line: 5, column: 1 }] },
    { name: 'nobody to ask: neither the role nor its department has github', code: spec('employee', 'company'), org: ORG, codeowners: '/processes/org.yml @acme/admins\n', errors: [{ messageId: 'noHandles', line: 5, column: 1 }] },
    { name: 'a line for a process nobody owns on GitHub', code: spec('employee', 'company'), org: ORG, codeowners: '/processes/management/expense-claim.md @acme/finance\n', errors: [{ messageId: 'different', line: 5, column: 1 }] },
  ],
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


describe('codeowners messages', () => {
  it('say what CODEOWNERS has, what org.yml says, and what to run', () => {
    const result = runCase(rule, { code: spec('accountant'), org: ORG, codeowners: CURRENT });
    expect(result.findings.en[0]!.message).toBe(
      '`.github/CODEOWNERS` gives this process to @acme/finance-leads @alice, but its owner `accountant` maps to @acme/finance in processes/org.yml. Run `npm run codeowners` and commit the result.',
    );
    expect(result.findings['zh-CN'][0]!.message).toContain('请运行 `npm run codeowners` 并提交结果');
  });
});
