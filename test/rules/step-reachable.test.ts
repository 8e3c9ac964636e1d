import rule from '../../scripts/rules/step-reachable.ts';
import { ruleTester } from '../rule-tester.ts';
import { HEAD, STEPS } from './spec.ts';

ruleTester.run('step-reachable', rule, {
  valid: [
    HEAD + STEPS,
    {
      name: 'a declared loop and parallel branches',
      code: `${HEAD}steps:
  - { id: submit, name: 提交报销, next: approve }
  - id: approve
    name: 部门审批
    branches:
      - { when: 同意, to: split }
      - { when: 退回补充, to: submit, loop: true }
  - { id: split, name: 分派, next: [audit, archive] }
  - { id: audit, name: 审核, next: pay }
  - { id: archive, name: 归档, next: pay }
  - { id: pay, name: 付款 }
`,
    },
  ],
  invalid: [
    {
      name: 'a step nothing leads to',
      code: `${HEAD + STEPS}  - { id: audit, name: 财务审核, next: pay }\n`,
      errors: [{ messageId: 'unreachable', line: 14, column: 11 }],
    },
    {
      name: 'a cycle that is not declared, with no end',
      code: HEAD + STEPS.replace('deadline: 2 workdays }', 'deadline: 2 workdays, next: approve }'),
      errors: [
        { messageId: 'noEnd', line: 10, column: 1 },
        { messageId: 'cycle', line: 13, column: 71 },
      ],
    },
    {
      name: 'a branch back without loop: true, and steps that cannot end',
      code: `${HEAD}steps:
  - { id: submit, name: 提交报销, next: approve }
  - id: approve
    name: 部门审批
    branches:
      - { when: 同意, to: pay }
      - { when: 转审, to: review }
  - { id: review, name: 复核, next: recheck }
  - { id: recheck, name: 再审, next: review }
  - { id: pay, name: 付款 }
`,
      errors: [
        { messageId: 'cannotEnd', line: 17, column: 11 },
        { messageId: 'cannotEnd', line: 18, column: 11 },
        { messageId: 'cycle', line: 18, column: 36 },
      ],
    },
  ],
});
