import rule from '../../scripts/rules/step-ref.ts';
import { ruleTester } from '../rule-tester.ts';
import { HEAD, STEPS } from './spec.ts';

ruleTester.run('step-ref', rule, {
  valid: [
    HEAD + STEPS,
    {
      name: 'branches, parallel next, KPI from/to and exception step',
      code: `${HEAD}kpis:
  - { id: approval-time, name: 审批时长, target: "<= 1 workday", from: submit, to: approve }
steps:
  - { id: submit, name: 提交报销, next: [approve, audit] }
  - id: approve
    name: 部门审批
    branches:
      - { when: 同意, to: pay }
      - { when: 退回, to: submit, loop: true }
  - { id: audit, name: 财务审核, next: pay }
  - { id: pay, name: 付款 }
exceptions:
  - { when: 单据不全, action: 退回, step: audit }
`,
    },
  ],
  invalid: [
    {
      name: 'next naming a missing step',
      code: STEPS.replace('next: pay', 'next: payment').replace(/^/, HEAD),
      errors: [{ messageId: 'unknownStep', line: 12, column: 98 }],
    },
    {
      name: 'parallel next, branch, KPI and exception naming missing steps',
      code: `${HEAD}kpis:
  - { id: approval-time, name: 审批时长, target: "<= 1 workday", from: sumbit, to: approve }
steps:
  - { id: submit, name: 提交报销, next: [approve, audits] }
  - id: approve
    name: 部门审批
    branches:
      - { when: 同意, to: pay }
      - { when: 退回, to: start, loop: true }
  - { id: pay, name: 付款 }
exceptions:
  - { when: 单据不全, action: 退回, step: pay-out }
`,
      errors: [
        { messageId: 'unknownStep', line: 11, column: 68 },
        { messageId: 'unknownStep', line: 13, column: 47 },
        { messageId: 'unknownStep', line: 18, column: 25 },
        { messageId: 'unknownStep', line: 21, column: 37 },
      ],
    },
    {
      name: 'two steps with one id',
      code: `${HEAD + STEPS}  - { id: approve, name: 复核 }\n`,
      errors: [{ messageId: 'duplicateId', line: 14, column: 11 }],
    },
  ],
});
