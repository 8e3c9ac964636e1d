import rule from '../../scripts/rules/step-owner.ts';
import { ruleTester } from '../rule-tester.ts';
import { HEAD, STEPS } from './spec.ts';

ruleTester.run('step-owner', rule, {
  valid: [
    HEAD + STEPS,
    {
      name: 'every RACI field, exception role and reviewer from the registry',
      code: `${HEAD}steps:
  - id: submit
    name: 提交报销
    role: employee
    accountable: department-head
    consulted: [accountant]
    informed: [finance-manager]
    deadline: 即时
exceptions:
  - { when: 单据不全, action: 退回补齐, role: accountant, deadline: 1d }
lifecycle:
  review: { status: done, approvedBy: finance-director, reviewers: [accountant] }
`,
    },
  ],
  invalid: [
    {
      name: 'a step without a role',
      code: `${HEAD}steps:\n  - id: submit\n    name: 提交报销\n    deadline: 即时\n`,
      errors: [{ messageId: 'missingRole', line: 11, column: 5 }],
    },
    {
      name: 'a role that is not in the registry',
      code: `${HEAD}steps:\n  - id: submit\n    name: 提交报销\n    role: employe\n`,
      errors: [{ messageId: 'unknownRole', line: 13, column: 11 }],
    },
    {
      name: 'owner and department not in the registry',
      code: HEAD.replace('department: finance', 'department: finanse').replace('owner: finance-manager', 'owner: cfo') + STEPS,
      errors: [
        { messageId: 'unknownDepartment', line: 4, column: 13 },
        { messageId: 'unknownRole', line: 5, column: 8 },
      ],
    },
    {
      name: 'accountable, consulted, informed and recusal ids',
      code: `${HEAD}steps:
  - id: submit
    name: 提交报销
    role: employee
    accountable: [department-head, boss]
    consulted: [auditor]
    informed: [finance-manager, ceo]
    recuseTo: cfo
`,
      errors: [
        { messageId: 'unknownRole', line: 14, column: 36 },
        { messageId: 'unknownRole', line: 15, column: 17 },
        { messageId: 'unknownRole', line: 16, column: 33 },
        { messageId: 'unknownRole', line: 17, column: 15 },
      ],
    },
    {
      name: 'exception role, approver and reviewer',
      code: `${HEAD + STEPS}exceptions:
  - { when: 单据不全, action: 退回补齐, role: clerk, deadline: 1d }
lifecycle:
  review:
    status: done
    approvedBy: director
    reviewers: [accountant, lawyer]
`,
      errors: [
        { messageId: 'unknownRole', line: 15, column: 39 },
        { messageId: 'unknownRole', line: 19, column: 17 },
        { messageId: 'unknownRole', line: 20, column: 29 },
      ],
    },
    {
      name: 'no org registry',
      code: HEAD + STEPS,
      org: null,
      errors: [{ messageId: 'noOrg', line: 5, column: 1 }],
    },
  ],
});
