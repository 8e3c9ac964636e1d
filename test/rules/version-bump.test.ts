import rule from '../../scripts/rules/version-bump.ts';
import { ruleTester } from '../rule-tester.ts';
import { HEAD, STEPS } from './spec.ts';

/** A spec at `version` and `status`, with these steps and body: version on line 6. */
function spec(version: string, options: { status?: string; steps?: string; history?: string[] } = {}): string {
  const history = (options.history ?? [version]).map((v) => `  - version: ${v}\n    date: 2026-03-02\n    author: 财务经理\n    change: 修订。\n`).join('');
  return `${HEAD.replace('version: 1.0.0', `version: ${version}`).replace('status: draft', `status: ${options.status ?? 'published'}`)}${options.steps ?? STEPS}history:\n${history}`;
}

const BEFORE = spec('1.3.0', { history: ['1.0.0', '1.3.0'] });
const SLOWER = STEPS.replace('deadline: 2 workdays', 'deadline: 3 workdays');
/** The finance manager's new step: archiving checked by the archivist before payment. */
const ARCHIVE = STEPS.replace('next: pay }', 'next: archive }\n  - { id: archive, name: 发票归档核对, role: archivist, deadline: 2个工作日内, next: pay }');

ruleTester.run('version-bump', rule, {
  valid: [
    { name: 'a deadline changed, with a patch version', previous: BEFORE, code: spec('1.3.1', { steps: SLOWER, history: ['1.0.0', '1.3.0', '1.3.1'] }) },
    { name: 'a step added, with a minor version', previous: BEFORE, code: spec('1.4.0', { steps: ARCHIVE, history: ['1.0.0', '1.3.0', '1.4.0'] }) },
    { name: 'only the record of the change (status, history) moved', previous: BEFORE, code: spec('1.3.0', { status: 'review', history: ['1.0.0', '1.3.0'] }) },
    { name: 'a draft changes freely', previous: spec('0.1.0', { status: 'draft' }), code: spec('0.1.0', { status: 'draft', steps: ARCHIVE }) },
    { name: 'no base known: nothing to compare (the rule does not run)', code: spec('1.3.0', { steps: SLOWER, history: ['1.0.0', '1.3.0'] }) },
    { name: 'a new spec at the base of nothing', previous: BEFORE, code: BEFORE },
  ],
  invalid: [
    {
      name: 'a deadline changed, the version kept',
      previous: BEFORE,
      code: spec('1.3.0', { steps: SLOWER, history: ['1.0.0', '1.3.0'] }),
      errors: [{ messageId: 'notBumped', line: 6, column: 10 }],
    },
    {
      name: 'the body changed, the version kept',
      previous: BEFORE,
      code: BEFORE,
      body: '第二段新增的说明。\n',
      errors: [{ messageId: 'notBumped', line: 6, column: 10 }],
    },
    {
      name: 'a version lowered',
      previous: BEFORE,
      code: spec('1.2.9', { steps: SLOWER, history: ['1.0.0', '1.2.9'] }),
      errors: [{ messageId: 'notBumped', line: 6, column: 10 }],
    },
    {
      name: 'a step added with a patch version only',
      previous: BEFORE,
      code: spec('1.3.1', { steps: ARCHIVE, history: ['1.0.0', '1.3.0', '1.3.1'] }),
      errors: [{ messageId: 'flowNeedsMinor', line: 6, column: 10 }],
    },
    {
      name: 'a step given to another role with a patch version only',
      previous: BEFORE,
      code: spec('1.3.1', { steps: STEPS.replace('role: cashier', 'role: accountant'), history: ['1.0.0', '1.3.0', '1.3.1'] }),
      errors: [{ messageId: 'flowNeedsMinor', line: 6, column: 10 }],
    },
  ],
});
