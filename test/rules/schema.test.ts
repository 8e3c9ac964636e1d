import rule from '../../scripts/rules/schema.ts';
import { ruleTester } from '../rule-tester.ts';
import { HEAD, STEPS } from './spec.ts';

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
      name: 'no front matter',
      code: '---\n',
      errors: [{ messageId: 'source.unclosedFrontMatter', line: 1, column: 1 }],
    },
  ],
});
