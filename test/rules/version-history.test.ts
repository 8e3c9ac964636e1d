import rule from '../../scripts/rules/version-history.ts';
import { ruleTester } from '../rule-tester.ts';
import { STEPS, withStatus } from './spec.ts';

/** A spec at `version` with these history versions: version on line 6, history on 14, entry k's version on 15 + 4k. */
function spec(version: string, history: string[], status = 'published'): string {
  const entries = history.map((v, k) => `  - version: ${v}\n    date: 2026-0${k + 1}-02\n    author: 财务经理\n    change: 修订。\n`).join('');
  return `${withStatus(status).replace('version: 1.0.0', `version: ${version}`)}${STEPS}history:\n${entries}`;
}

ruleTester.run('version-history', rule, {
  valid: [
    { name: 'the newest entry is the version', code: spec('1.4.0', ['1.0.0', '1.3.0', '1.3.1', '1.4.0']) },
    { name: 'a draft with its first entry', code: spec('0.1.0', ['0.1.0'], 'draft') },
    { name: 'no history at all (process-complete and change-control speak of that)', code: spec('1.0.0', []).replace('history:\n', '') },
  ],
  invalid: [
    {
      name: 'the finance manager’s slip: version 1.3.1 while the newest entry is 1.4.0',
      code: spec('1.3.1', ['1.0.0', '1.3.0', '1.4.0']),
      errors: [{ messageId: 'newestNotVersion', line: 6, column: 10 }],
    },
    {
      name: 'a version raised without its entry',
      code: spec('1.4.0', ['1.0.0', '1.3.0']),
      errors: [{ messageId: 'notRecorded', line: 6, column: 10 }],
    },
    {
      name: 'a draft too',
      code: spec('0.2.0', ['0.1.0'], 'draft'),
      errors: [{ messageId: 'notRecorded', line: 6, column: 10 }],
    },
    {
      name: 'the new entry written at the top',
      code: spec('1.4.0', ['1.4.0', '1.0.0', '1.3.0']),
      errors: [{ messageId: 'outOfOrder', line: 19, column: 14 }],
    },
    {
      name: 'the same version recorded twice',
      code: spec('1.3.0', ['1.0.0', '1.3.0', '1.3.0']),
      errors: [{ messageId: 'outOfOrder', line: 23, column: 14 }],
    },
  ],
});
