import rule from '../../scripts/rules/segregation-of-duties.ts';
import { ruleTester } from '../rule-tester.ts';
import { HEAD } from './spec.ts';

// The fixture registry (test/fixtures/org.yml) declares request, approve, cash, record and check,
// the pairs request–approve, cash–record and record–check, the cashier holding cash and the
// accountant record by position, and the employee as a role everyone holds.
const steps = (lines: string) => `${HEAD}steps:\n${lines}`; // the first step on line 11

const CLAIM = `  - { id: submit, name: 提交报销, role: employee, duties: [request], next: approve }
  - { id: approve, name: 部门审批, kind: approval, role: department-head, duties: [approve], recuseTo: general-manager, branches: [{ when: 同意, outcome: approved, to: pay }, { when: 退回, outcome: rejected, to: submit, loop: true }] }
  - { id: pay, name: 付款, role: cashier, duties: [cash], next: book }
  - { id: book, name: 记账, role: accountant, duties: [record] }
`;

const NO_DUTIES = `departments:
  - { id: finance, name: 财务部 }
roles:
  - { id: cashier, name: 出纳, department: finance }
`;

ruleTester.run('segregation-of-duties', rule, {
  valid: [
    { name: 'requester, approver (with recusal), cashier and bookkeeper kept apart', code: steps(CLAIM) },
    { name: 'a voucher checked by someone other than who prepared it', code: steps('  - { id: record, name: 编制凭证, role: accountant, duties: [record], next: check }\n  - { id: check, name: 审核凭证, role: finance-manager, duties: [check] }\n') },
    { name: 'duties of one role that are not a declared pair', code: steps('  - { id: pay, name: 付款, role: cashier, duties: [cash, approve] }\n') },
    { name: 'steps without duties say nothing', code: steps('  - { id: pay, name: 付款, role: cashier, next: book }\n  - { id: book, name: 记账, role: cashier }\n') },
    {
      name: 'a pair held by position alone is not this process\'s finding',
      code: steps('  - { id: pay, name: 付款, role: cashier, duties: [approve] }\n'),
      org: `departments:\n  - { id: finance, name: 财务部 }\nroles:\n  - { id: cashier, name: 出纳, department: finance, duties: [cash, record] }\nduties:\n  - { id: cash, name: 资金收付 }\n  - { id: record, name: 会计记录 }\n  - { id: approve, name: 审批 }\nincompatibleDuties:\n  - { duties: [cash, record], reason: 钱账分管 }\n`,
    },
    { name: 'without a registry there is nothing to check', code: steps('  - { id: pay, name: 付款, role: cashier, duties: [cash, record] }\n'), org: null },
  ],
  invalid: [
    {
      name: 'the cashier also keeps the books',
      code: steps(CLAIM.replace('role: accountant, duties: [record]', 'role: cashier, duties: [record]')),
      errors: [{ messageId: 'sameRole', line: 14, column: 51 }],
    },
    {
      name: 'the cashier holds cash by position',
      code: steps('  - { id: book, name: 登记日记账, role: cashier, duties: [record] }\n'),
      errors: [{ messageId: 'byPosition', line: 11, column: 54 }],
    },
    {
      name: 'one step with two incompatible duties',
      code: steps('  - { id: post, name: 制单并审核, role: finance-manager, duties: [record, check] }\n'),
      errors: [{ messageId: 'sameRole', line: 11, column: 70 }],
    },
    {
      name: 'a department head may approve their own claim',
      code: steps(CLAIM.replace(', recuseTo: general-manager', '')),
      errors: [{ messageId: 'mayBeSamePerson', line: 12, column: 54 }],
    },
    {
      name: 'a recusal to the same role resolves nothing',
      code: steps(CLAIM.replace('recuseTo: general-manager', 'recuseTo: department-head')),
      errors: [{ messageId: 'mayBeSamePerson', line: 12, column: 54 }],
    },
    {
      name: 'a duty the registry does not declare',
      code: steps('  - { id: pay, name: 付款, role: cashier, duties: [cashier] }\n'),
      errors: [{ messageId: 'unknownDuty', line: 11, column: 50 }],
    },
    {
      name: 'a duty named where the registry declares none',
      code: steps('  - { id: pay, name: 付款, role: cashier, duties: [cash] }\n'),
      org: NO_DUTIES,
      errors: [{ messageId: 'unknownDuty', line: 11, column: 50 }],
    },
  ],
});
