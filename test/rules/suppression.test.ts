import rule from '../../scripts/rules/suppression.ts';
import { ruleTester } from '../rule-tester.ts';
import { exampleSpec } from '../../scripts/rules/support/example.ts';

const withDirective = (directive: string) => exampleSpec().replace('  - id: pay\n', `  - id: pay\n    ${directive}\n`);
/** The directive's line in a case's front matter (as the tester counts lines). */
const LINE = withDirective('# processlint-disable-next-line x').split('\n').findIndex((line) => line.includes('processlint-disable')) + 1;

ruleTester.run('suppression', rule, {
  valid: [
    exampleSpec(),
    { name: 'a reason and a future expiry', code: withDirective('# processlint-disable-next-line step-deadline until 2099-01-01 -- 待确认'), today: '2026-06-01' },
  ],
  invalid: [
    { name: 'no reason', code: withDirective('# processlint-disable-next-line step-deadline'), errors: [{ messageId: 'noReason', line: LINE }] },
    { name: 'expired', code: withDirective('# processlint-disable-next-line step-deadline until 2026-01-01 -- 待确认'), errors: [{ messageId: 'expired', line: LINE }] },
    { name: 'no rule named', code: withDirective('# processlint-disable-next-line -- 理由'), errors: [{ messageId: 'noRule' }] },
    { name: 'an unknown rule', code: withDirective('# processlint-disable-next-line step-deadlin -- 理由'), errors: [{ messageId: 'unknownRule' }] },
    { name: 'a date that is no date', code: withDirective('# processlint-disable-next-line step-deadline until soon -- 理由'), errors: [{ messageId: 'badDate' }] },
    { name: 'suppressing nothing', code: withDirective('# processlint-disable-next-line suppression -- 理由'), errors: [{ messageId: 'unused' }] },
  ],
});
