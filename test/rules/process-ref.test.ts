import rule from '../../scripts/rules/process-ref.ts';
import { ruleTester } from '../rule-tester.ts';
import { HEAD, STEPS } from './spec.ts';

const other = (id: string) => HEAD.replace('id: expense-claim', `id: ${id}`) + STEPS;
const scope = (fields: string) => HEAD.replace('scope: { start: 员工提交报销单, end: 报销款到账 }', `scope:\n  start: 员工提交报销单\n  end: 报销款到账\n${fields}`) + STEPS;
// scope on line 9, start 10, end 11, then the fields from line 12

ruleTester.run('process-ref', rule, {
  valid: [
    HEAD + STEPS,
    {
      name: 'upstream and downstream in the handbook',
      code: scope('  upstream: [budget-plan]\n  downstream: [payment-run]\n'),
      files: { 'processes/management/budget-plan.md': other('budget-plan'), 'processes/information/payment-run.md': other('payment-run') },
    },
    { name: 'a Windows path', code: HEAD + STEPS, filename: 'processes\\management\\expense-claim.md' },
  ],
  invalid: [
    {
      name: 'an upstream id not in the handbook',
      code: scope('  upstream: [budget-plans]\n'),
      files: { 'processes/management/budget-plan.md': other('budget-plan') },
      errors: [{ messageId: 'unknownProcess', line: 12, column: 14 }],
    },
    {
      name: 'a downstream id not in the handbook',
      code: scope('  downstream:\n    - payment-run\n'),
      errors: [{ messageId: 'unknownProcess', line: 13, column: 7 }],
    },
    {
      name: 'the id used by another spec',
      code: HEAD + STEPS,
      files: { 'processes/information/expense-claim.md': other('expense-claim') },
      errors: [{ messageId: 'duplicateId', line: 1, column: 5 }],
    },
    {
      name: 'the id differs from the file name',
      code: HEAD + STEPS,
      filename: 'processes/management/expense-claims.md',
      errors: [{ messageId: 'idMismatch', line: 1, column: 5 }],
    },
  ],
});
