import { expect, it } from 'vitest';
import rule from '../../scripts/rules/review-independence.ts';
import { ruleTester } from '../rule-tester.ts';
import { STEPS, withStatus } from './spec.ts';

// lifecycle on line 14, review on 15, approvedBy on 16 (the owner is finance-manager)
const signedBy = (role: string) => `${withStatus('published') + STEPS}lifecycle:\n  review:\n    approvedBy: ${role}\n    status: done\n`;

const NO_LEVELS = `departments:
  - { id: finance, name: 财务部 }
  - { id: company, name: 全公司 }
roles:
  - { id: finance-manager, name: 财务经理, department: finance }
  - { id: accountant, name: 会计, department: finance }
  - { id: cashier, name: 出纳, department: finance }
  - { id: department-head, name: 部门负责人, department: company }
  - { id: employee, name: 员工, department: company }
`;

ruleTester.run('review-independence', rule, {
  valid: [
    { name: 'a director signs off', code: signedBy('finance-director') },
    { name: 'the general manager signs off', code: signedBy('general-manager') },
    { name: 'a lower level when the option allows it', code: signedBy('department-head'), options: { signOffLevel: 'manager' } },
    { name: 'a role the option names', code: signedBy('operations-director'), options: { signOffRoles: ['operations-director'] } },
    { name: 'a registry without levels leaves authority unchecked', code: signedBy('accountant'), org: NO_LEVELS },
    { name: 'no sign-off yet', code: `${withStatus('draft') + STEPS}lifecycle:\n  review: { status: planned }\n` },
  ],
  invalid: [
    {
      name: 'the owner signs off their own process',
      code: signedBy('finance-manager'),
      errors: [{ messageId: 'ownerSignedOff', line: 16, column: 17 }],
    },
    {
      name: 'the owner, even where no registry gives levels',
      code: signedBy('finance-manager'),
      org: NO_LEVELS,
      errors: [{ messageId: 'ownerSignedOff', line: 16, column: 17 }],
    },
    {
      name: 'a manager below the director level',
      code: signedBy('department-head'),
      errors: [{ messageId: 'belowLevel', line: 16, column: 17 }],
    },
    {
      name: 'a director below a configured executive level',
      code: signedBy('finance-director'),
      options: { signOffLevel: 'executive' },
      errors: [{ messageId: 'belowLevel', line: 16, column: 17 }],
    },
    {
      name: 'a role outside the configured list',
      code: signedBy('finance-director'),
      options: { signOffRoles: ['general-manager'] },
      errors: [{ messageId: 'notSignOffRole', line: 16, column: 17 }],
    },
    {
      name: 'a role the registry gives no level while others have one',
      code: signedBy('cashier'),
      org: `${NO_LEVELS}  - { id: finance-director, name: 财务总监, department: finance, level: director }\n`,
      errors: [{ messageId: 'noLevel', line: 16, column: 17 }],
    },
  ],
});

it('refuses a level that does not exist, at start-up', () => {
  expect(rule.meta.options!.safeParse({ signOffLevel: 'boss' }).success).toBe(false);
  expect(rule.meta.options!.parse({})).toEqual({ signOffLevel: 'director', signOffRoles: [] });
});
