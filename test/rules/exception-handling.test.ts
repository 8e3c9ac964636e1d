import rule from '../../scripts/rules/exception-handling.ts';
import { ruleTester } from '../rule-tester.ts';
import { HEAD, STEPS } from './spec.ts';

const BASE = HEAD + STEPS; // the next section starts on line 14

ruleTester.run('exception-handling', rule, {
  valid: [
    `${BASE}exceptions:\n  - { when: 单据不全, action: 退回补齐, role: accountant, deadline: 1个工作日内 }\nlifecycle:\n  design: { status: done }\n`,
    { name: 'design not done yet', code: `${BASE}lifecycle:\n  design: { status: in-progress }\n` },
    { name: 'no lifecycle', code: BASE },
  ],
  invalid: [
    {
      name: 'design done, no exception plans',
      code: `${BASE}lifecycle:\n  design: { status: done }\n`,
      errors: [{ messageId: 'noExceptions', line: 15, column: 21 }],
    },
    {
      name: 'an empty list counts as none',
      code: `${BASE}exceptions: []\nlifecycle:\n  design:\n    status: done\n`,
      errors: [{ messageId: 'noExceptions', line: 17, column: 13 }],
    },
    {
      name: 'an exception plan without role or deadline',
      code: `${BASE}exceptions:\n  - when: 单据不全\n    action: 退回补齐\n  - { when: 超时, action: 催办, role: accountant }\n`,
      errors: [
        { messageId: 'missingDeadline', line: 15, column: 5 },
        { messageId: 'missingRole', line: 15, column: 5 },
        { messageId: 'missingDeadline', line: 17, column: 5 },
      ],
    },
  ],
});
