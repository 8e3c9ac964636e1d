import rule from '../../scripts/rules/lifecycle-gate.ts';
import { ruleTester } from '../rule-tester.ts';
import { STEPS, withStatus } from './spec.ts';

const PUBLISHED = `lifecycle:
  define: { status: done, date: 2026-01-05 }
  analyze: { status: done, date: 2026-01-19 }
  design: { status: done, date: 2026-02-02 }
  review:
    status: done
    date: 2026-02-16
    approvedBy: finance-director
  release: { status: done, date: 2026-03-02, effective: 2026-03-02 }
  monitor: { status: in-progress }
  improve: { status: planned }
`; // lifecycle on line 14; review on 18, its status 19, date 20; release 22

ruleTester.run('lifecycle-gate', rule, {
  valid: [
    withStatus('published') + STEPS + PUBLISHED,
    { name: 'a draft has no gate', code: `${withStatus('draft') + STEPS}lifecycle:\n  define: { status: in-progress }\n` },
    { name: 'under review once designed', code: `${withStatus('review') + STEPS}lifecycle:\n  design: { status: done }\n  review: { status: in-progress }\n` },
    { name: 'skipped stages do not block later ones', code: `${withStatus('draft') + STEPS}lifecycle:\n  define: { status: done }\n  analyze: { status: skipped }\n  design: { status: done }\n` },
    { name: 'retired is free', code: `${withStatus('retired') + STEPS}lifecycle:\n  define: { status: done }\n` },
  ],
  invalid: [
    {
      name: 'review without design done',
      code: `${withStatus('review') + STEPS}lifecycle:\n  design: { status: in-progress }\n`,
      errors: [{ messageId: 'reviewWithoutDesign', line: 7, column: 9 }],
    },
    {
      name: 'published without the review done',
      code: withStatus('published') + STEPS + PUBLISHED.replace('    status: done\n    date: 2026-02-16', '    status: in-progress\n    date: 2026-02-16'),
      errors: [{ messageId: 'publishedWithoutReview', line: 19, column: 13 }],
    },
    {
      name: 'published without approvedBy',
      code: withStatus('published') + STEPS + PUBLISHED.replace('    approvedBy: finance-director\n', ''),
      errors: [{ messageId: 'publishedWithoutApproval', line: 18, column: 3 }],
    },
    {
      name: 'published without the review date',
      code: withStatus('published') + STEPS + PUBLISHED.replace('    date: 2026-02-16\n', ''),
      errors: [{ messageId: 'publishedWithoutApproval', line: 18, column: 3 }],
    },
    {
      name: 'published without an effective date',
      code: withStatus('published') + STEPS + PUBLISHED.replace(', effective: 2026-03-02', ''),
      errors: [{ messageId: 'publishedWithoutEffective', line: 22, column: 3 }],
    },
    {
      name: 'published with no lifecycle at all',
      code: withStatus('published') + STEPS,
      errors: [
        { messageId: 'publishedWithoutEffective', line: 7, column: 9 },
        { messageId: 'publishedWithoutReview', line: 7, column: 9 },
      ],
    },
    {
      name: 'a stage done after an earlier one planned',
      code: `${withStatus('draft') + STEPS}lifecycle:\n  define: { status: done }\n  analyze: { status: planned }\n  design: { status: done }\n`,
      errors: [{ messageId: 'doneAfterPlanned', line: 17, column: 21 }],
    },
    {
      name: 'done dates going backwards',
      code: withStatus('published') + STEPS + PUBLISHED.replace('design: { status: done, date: 2026-02-02 }', 'design: { status: done, date: 2026-01-02 }'),
      errors: [{ messageId: 'dateBackwards', line: 17, column: 33 }],
    },
  ],
});
