import { describe, expect, it } from 'vitest';
import rule from '../../scripts/rules/schema.ts';
import { runCase, ruleTester } from '../rule-tester.ts';
import { HEAD, STEPS } from './spec.ts';

/** A spec naming `name` upstream (line 12), and another process named 预算计划流程 / Budget planning. */
const withUpstream = (name: string) => HEAD.replace('scope: { start: 员工提交报销单, end: 报销款到账 }', `scope:\n  start: 员工提交报销单\n  end: 报销款到账\n  upstream: [${name}]`) + STEPS;
const BUDGET_PLAN = HEAD.replace('id: expense-claim', 'id: budget-plan').replace('title: 费用报销流程', 'title: 预算计划流程\ntitleEn: Budget planning') + STEPS;

/** Three steps, one field a line: `approve`'s informed role on line 17, `pay`'s role on line 20. */
const BLOCK_STEPS = `steps:
  - id: submit
    name: 提交报销
    next: approve
  - id: approve
    name: 部门审批
    informed:
      - department-head
    next: pay
  - id: pay
    role: cashier
    name: 财务付款
`;

ruleTester.run('schema', rule, {
  valid: [HEAD + STEPS],
  invalid: [
    {
      name: 'an unknown key (with a did-you-mean), so the required key is missing',
      code: HEAD.replace('title:', 'titel:') + STEPS,
      errors: [{ messageId: 'schema.required', line: 1, column: 1 }, { messageId: 'schema.unknownKey', line: 2, column: 1 }],
    },
    {
      name: 'invalid YAML',
      code: `${HEAD}steps:\n  - { id: submit, name: 提交\n`,
      errors: [{ messageId: 'yaml.syntax' }],
    },
    {
      name: 'a wrong type',
      code: HEAD.replace('version: 1.0.0', 'version: 1') + STEPS,
      errors: [{ messageId: 'schema.type', line: 6, column: 10 }],
    },
    {
      name: 'a role written by its Chinese name: did you mean its id, and --fix writes it',
      code: HEAD + BLOCK_STEPS.replace('role: cashier', 'role: 出纳'),
      errors: [{ messageId: 'schema.nameNotId', line: 20, column: 11 }],
      output: HEAD + BLOCK_STEPS,
    },
    {
      name: 'a department and an informed role by name, in a list too',
      code: HEAD.replace('department: finance', 'department: 财务部') + BLOCK_STEPS.replace('      - department-head', '      - 部门负责人'),
      errors: [
        { messageId: 'schema.nameNotId', line: 4, column: 13 },
        { messageId: 'schema.nameNotId', line: 17, column: 9 },
      ],
      output: HEAD + BLOCK_STEPS,
    },
    {
      name: 'a name that is no role’s: what a role id is, with a role id as the example',
      code: HEAD + STEPS.replace('role: cashier', 'role: 档案管理员'),
      errors: [{ messageId: 'schema.format', line: 13, column: 34 }],
    },
    {
      name: 'a process written by its name in scope.upstream: did you mean its id',
      code: withUpstream('预算计划'),
      files: { 'processes/management/budget-plan.md': BUDGET_PLAN },
      errors: [{ messageId: 'schema.processNameNotId', line: 12, column: 14 }],
    },
    {
      name: 'a name that is no process’s: what a process id is',
      code: withUpstream('预算'),
      files: { 'processes/management/budget-plan.md': BUDGET_PLAN },
      errors: [{ messageId: 'schema.format', line: 12, column: 14 }],
    },
    {
      name: 'no front matter',
      code: '---\n',
      errors: [{ messageId: 'source.unclosedFrontMatter', line: 1, column: 1 }],
    },
  ],
});

describe('a process written by its name where its id belongs', () => {
  const messages = (name: string) => runCase(rule, { code: withUpstream(name), files: { 'processes/management/budget-plan.md': BUDGET_PLAN } }).findings;

  it('is answered with the id and the name it goes by, in either language, with or without 流程', () => {
    for (const name of ['预算计划流程', '预算计划', 'budget planning']) {
      const findings = messages(name);
      const title = name.startsWith('预算') ? '预算计划流程' : 'Budget planning';
      expect(findings['zh-CN'].map((f) => f.message)).toEqual([`\`upstream\` 要写流程标识，而不是名称“${name}”：是否应为 \`budget-plan\`（${title}）？`]);
      expect(findings.en.map((f) => f.message)).toEqual([`\`upstream\` takes a process id, not its name “${name}”: did you mean \`budget-plan\` (${title})?`]);
    }
  });
});
