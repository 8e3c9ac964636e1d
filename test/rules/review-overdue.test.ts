import rule from '../../scripts/rules/review-overdue.ts';
import { addMonths } from '../../scripts/model/dates.ts';
import { expect, it } from 'vitest';
import { ruleTester } from '../rule-tester.ts';
import { STEPS, withStatus } from './spec.ts';

const improve = (fields: string) => `${withStatus('published') + STEPS}lifecycle:\n  release: { status: done, effective: 2026-01-10 }\n  improve:\n    status: in-progress\n${fields}`;
// lifecycle on line 14, release 15, improve 16, status 17, then the fields from line 18

ruleTester.run('review-overdue', rule, {
  valid: [
    improve('    lastReview: 2026-03-01\n    nextReview: 2026-09-01\n'),
    { name: 'due today is not overdue', code: improve('    nextReview: 2026-06-01\n'), today: '2026-06-01' },
    { name: 'a longer period', code: improve('    lastReview: 2026-03-01\n    nextReview: 2027-03-01\n'), options: { periodMonths: 12 } },
    { name: 'a draft is not in effect yet', code: `${withStatus('draft') + STEPS}lifecycle:\n  improve: { status: planned }\n` },
    { name: 'a retired process no longer is', code: `${withStatus('retired') + STEPS}lifecycle:\n  improve: { status: done, nextReview: 2020-01-01 }\n` },
  ],
  invalid: [
    {
      name: 'no nextReview',
      code: improve('    lastReview: 2026-03-01\n'),
      errors: [{ messageId: 'missingNextReview', line: 16, column: 3 }],
    },
    {
      name: 'no improve stage',
      code: `${withStatus('published') + STEPS}lifecycle:\n  release: { status: done, effective: 2026-01-10 }\n`,
      errors: [{ messageId: 'missingNextReview', line: 14, column: 1 }],
    },
    {
      name: 'overdue',
      code: improve('    lastReview: 2025-11-01\n    nextReview: 2026-05-01\n'),
      errors: [{ messageId: 'overdue', line: 19, column: 17 }],
    },
    {
      name: 'more than six months after the last review',
      code: improve('    lastReview: 2026-03-01\n    nextReview: 2026-09-02\n'),
      errors: [{ messageId: 'tooFar', line: 19, column: 17 }],
    },
    {
      name: 'without a review yet, counted from the effective date',
      code: improve('    nextReview: 2026-12-01\n'),
      errors: [{ messageId: 'tooFar', line: 18, column: 17 }],
    },
    {
      name: 'today from --today',
      code: improve('    lastReview: 2026-03-01\n    nextReview: 2026-09-01\n'),
      today: '2026-09-02',
      errors: [{ messageId: 'overdue', line: 19, column: 17 }],
    },
  ],
});

it('adds months, clamping the day to the month', () => {
  expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
  expect(addMonths('2026-03-01', 6)).toBe('2026-09-01');
  expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
});
