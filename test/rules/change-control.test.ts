import rule from '../../scripts/rules/change-control.ts';
import { ruleTester } from '../rule-tester.ts';
import { STEPS, withStatus } from './spec.ts';

/**
 * A published process at `version`, designed, reviewed and released on the given dates,
 * with its history. Lines: version 6, lifecycle 14, design 15, review 16, release 17,
 * history 18; entry k (from 0) starts on line 19 + 4k and has its date on 20 + 4k.
 */
function spec(version: string, stages: { design: string; review: string; release: string }, history: Array<[string, string]>, status = 'published'): string {
  const head = withStatus(status).replace('version: 1.0.0', `version: ${version}`);
  const entries = history.map(([v, date]) => `  - version: ${v}\n    date: ${date}\n    author: 财务经理\n    change: 修订。\n`).join('');
  return `${head + STEPS}lifecycle:
  design: { status: done, date: ${stages.design} }
  review: { status: done, date: ${stages.review} }
  release: { status: done, date: ${stages.release} }
history:
${entries}`;
}

const FIRST = { design: '2025-02-03', review: '2025-02-17', release: '2025-03-03' };
const AGAIN = { design: '2026-05-04', review: '2026-05-18', release: '2026-06-01' };

ruleTester.run('change-control', rule, {
  valid: [
    { name: 'the first version', code: spec('1.0.0', FIRST, [['1.0.0', '2025-03-03']]) },
    { name: 'a change that went through design, review and release again', code: spec('1.1.0', AGAIN, [['1.0.0', '2025-03-03'], ['1.1.0', '2026-05-04']]) },
    { name: 'a version dated on its release', code: spec('2.0.0', AGAIN, [['1.0.0', '2025-03-03'], ['2.0.0', '2026-06-01']]) },
    { name: 'a wording change (patch) needs no new review', code: spec('1.0.1', FIRST, [['1.0.0', '2025-03-03'], ['1.0.1', '2026-05-04']]) },
    { name: 'patches after a reviewed change', code: spec('1.1.2', AGAIN, [['1.0.0', '2025-03-03'], ['1.1.0', '2026-05-04'], ['1.1.1', '2026-08-01'], ['1.1.2', '2026-09-01']]) },
    { name: 'history written newest first', code: spec('1.1.0', AGAIN, [['1.1.0', '2026-05-04'], ['1.0.0', '2025-03-03']]) },
    {
      name: 'a change pending review, honestly under review',
      code: spec('1.1.0', AGAIN, [['1.0.0', '2025-03-03'], ['1.1.0', '2026-05-04']], 'review').replace('review: { status: done, date: 2026-05-18 }', 'review: { status: in-progress }').replace('release: { status: done, date: 2026-06-01 }', 'release: { status: planned }'),
    },
    { name: 'a draft is not in effect', code: spec('0.2.0', FIRST, [['0.1.0', '2026-01-05']], 'draft') },
  ],
  invalid: [
    {
      name: 'a change dated after the review and release of the first version',
      code: spec('2.0.0', FIRST, [['1.0.0', '2025-03-03'], ['2.0.0', '2025-11-10']]),
      errors: [
        { messageId: 'stageNotRepeated', line: 15, column: 33 },
        { messageId: 'stageNotRepeated', line: 16, column: 33 },
        { messageId: 'releasedBeforeVersion', line: 24, column: 11 },
      ],
    },
    {
      name: 'redesigned and reviewed, but the release is of the version before',
      code: spec('1.1.0', { ...AGAIN, release: '2026-05-20' }, [['1.0.0', '2025-03-03'], ['1.1.0', '2026-06-15']]),
      errors: [{ messageId: 'releasedBeforeVersion', line: 24, column: 11 }],
    },
    {
      name: 'a patch does not hide the change before it',
      code: spec('1.1.1', FIRST, [['1.0.0', '2025-03-03'], ['1.1.0', '2025-09-01'], ['1.1.1', '2026-05-04']]),
      errors: [
        { messageId: 'stageNotRepeated', line: 15, column: 33 },
        { messageId: 'stageNotRepeated', line: 16, column: 33 },
        { messageId: 'releasedBeforeVersion', line: 24, column: 11 },
      ],
    },
    {
      name: 'the version has no history entry',
      code: spec('1.2.0', AGAIN, [['1.0.0', '2025-03-03'], ['1.1.0', '2026-05-04']]),
      errors: [{ messageId: 'notRecorded', line: 6, column: 10 }],
    },
  ],
});
