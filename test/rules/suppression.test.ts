import rule from '../../scripts/rules/suppression.ts';
import { ruleTester } from '../rule-tester.ts';
import { exampleSpec } from '../../scripts/rules/support/example.ts';

const withDirective = (directive: string) => exampleSpec().replace('  - id: pay\n', `  - id: pay\n    ${directive}\n`);

ruleTester.run('suppression', rule, {
  valid: [
    exampleSpec(),
    { name: 'a reason and a future expiry', code: withDirective('# processlint-disable-next-line step-deadline until 2099-01-01 -- 待确认'), today: '2026-06-01' },
  ],
  invalid: [
    { name: 'no reason', code: withDirective('# processlint-disable-next-line step-deadline'), errors: [{ messageId: 'noReason', line: 31 }] },
    { name: 'expired', code: withDirective('# processlint-disable-next-line step-deadline until 2026-01-01 -- 待确认'), errors: [{ messageId: 'expired', line: 31 }] },
    { name: 'no rule named', code: withDirective('# processlint-disable-next-line -- 理由'), errors: [{ messageId: 'noRule' }] },
    { name: 'an unknown rule', code: withDirective('# processlint-disable-next-line step-deadlin -- 理由'), errors: [{ messageId: 'unknownRule' }] },
    { name: 'a date that is no date', code: withDirective('# processlint-disable-next-line step-deadline until soon -- 理由'), errors: [{ messageId: 'badDate' }] },
    { name: 'suppressing nothing', code: withDirective('# processlint-disable-next-line suppression -- 理由'), errors: [{ messageId: 'unused' }] },
  ],
});
