import rule from '../../scripts/rules/step-accountable.ts';
import { ruleTester } from '../rule-tester.ts';
import { HEAD, STEPS } from './spec.ts';

ruleTester.run('step-accountable', rule, {
  valid: [
    { name: 'no accountable written: the approver and the process owner by default', code: HEAD + STEPS },
    {
      name: 'one accountable, alone or as a list',
      code: `${HEAD}steps:
  - { id: submit, name: 提交报销, role: employee, accountable: department-head, next: pay }
  - { id: pay, name: 财务付款, role: cashier, accountable: [finance-manager] }
`,
    },
    {
      name: 'explicit: every step names its A',
      options: { explicit: true },
      code: `${HEAD}steps:
  - { id: submit, name: 提交报销, role: employee, accountable: department-head, next: pay }
  - { id: pay, name: 财务付款, role: cashier, accountable: finance-manager }
`,
    },
  ],
  invalid: [
    {
      name: 'an empty list removes even the default',
      code: `${HEAD}steps:\n  - { id: submit, name: 提交报销, role: employee, accountable: [] }\n`,
      errors: [{ messageId: 'emptyAccountable', line: 11, column: 60 }],
    },
    {
      name: 'explicit: a step relying on the default',
      options: { explicit: true },
      code: HEAD + STEPS,
      errors: [
        { messageId: 'implicitAccountable', line: 11, column: 11 },
        { messageId: 'implicitAccountable', line: 12, column: 11 },
        { messageId: 'implicitAccountable', line: 13, column: 11 },
      ],
    },
  ],
});
