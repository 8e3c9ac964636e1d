import rule from '../../scripts/rules/cross-department-review.ts';
import { ruleTester } from '../rule-tester.ts';
import { STEPS, withStatus } from './spec.ts';

// lifecycle on line 14, review on 15, its fields from 16 (the process belongs to finance)
const review = (fields: string, status = 'done') => `${withStatus('published') + STEPS}lifecycle:\n  review:\n    status: ${status}\n${fields}`;

ruleTester.run('cross-department-review', rule, {
  valid: [
    { name: 'reviewers from finance and operations', code: review('    reviewers: [accountant, operations-director]\n') },
    { name: 'department heads of the departments involved', code: review('    reviewers: [department-head]\n') },
    { name: 'a review not done yet needs no record', code: review('', 'in-progress') },
    { name: 'a reviewer the registry does not know is step-owner\'s finding', code: review('    reviewers: [accountant, auditor]\n') },
    { name: 'without a registry only the list is checked', code: review('    reviewers: [accountant]\n'), org: null },
  ],
  invalid: [
    {
      name: 'no reviewers',
      code: review('    approvedBy: finance-director\n'),
      errors: [{ messageId: 'noReviewers', line: 15, column: 3 }],
    },
    {
      name: 'an empty list',
      code: review('    reviewers: []\n'),
      errors: [{ messageId: 'noReviewers', line: 17, column: 5 }],
    },
    {
      name: 'only the owning department',
      code: review('    reviewers: [accountant, cashier, finance-director]\n'),
      errors: [{ messageId: 'oneDepartment', line: 17, column: 16 }],
    },
  ],
});
