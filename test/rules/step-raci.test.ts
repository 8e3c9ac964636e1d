import rule from '../../scripts/rules/step-raci.ts';
import { ruleTester } from '../rule-tester.ts';
import { HEAD, STEPS } from './spec.ts';

ruleTester.run('step-raci', rule, {
  valid: [
    HEAD + STEPS,
    {
      name: 'one accountable, as a list or alone; a task by the same role is no approval',
      code: `${HEAD}steps:
  - { id: submit, name: 提交报销, role: employee, accountable: [department-head], next: revise }
  - { id: revise, name: 补充说明, role: employee, accountable: department-head, next: approve }
  - { id: approve, name: 部门审批, kind: approval, role: department-head }
`,
    },
    {
      name: 'a declared loop back is not the request',
      code: `${HEAD}steps:
  - { id: submit, name: 提交报销, role: employee, next: approve }
  - id: approve
    name: 部门审批
    kind: approval
    role: department-head
    branches:
      - { when: 同意, to: pay }
      - { when: 需复核, to: recheck }
  - { id: recheck, name: 复核, role: department-head, branches: [{ when: 重新审批, to: approve, loop: true }, { when: 通过, to: pay }] }
  - { id: pay, name: 付款, role: cashier }
`,
    },
  ],
  invalid: [
    {
      name: 'two accountable roles',
      code: `${HEAD}steps:\n  - { id: submit, name: 提交报销, role: employee, accountable: [department-head, finance-manager] }\n`,
      errors: [{ messageId: 'multipleAccountable', line: 11, column: 60 }],
    },
    {
      name: 'the requester approves',
      code: HEAD + STEPS.replace('role: department-head', 'role: employee'),
      errors: [{ messageId: 'selfApproval', line: 12, column: 54 }],
    },
    {
      name: 'the accountable of an approval is the requester',
      code: `${HEAD}steps:
  - { id: submit, name: 提交报销, role: employee, next: approve }
  - id: approve
    name: 部门审批
    kind: approval
    role: accountant
    accountable: [employee]
`,
      errors: [{ messageId: 'selfApproval', line: 16, column: 19 }],
    },
    {
      name: 'any of several predecessors',
      code: `${HEAD}steps:
  - { id: submit, name: 提交, role: employee, next: [audit, check] }
  - { id: audit, name: 审核, role: accountant, next: approve }
  - { id: check, name: 核对, role: cashier, next: approve }
  - { id: approve, name: 审批, kind: approval, role: cashier }
`,
      errors: [{ messageId: 'selfApproval', line: 14, column: 52 }],
    },
  ],
});
