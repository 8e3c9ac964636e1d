import { expect, it } from 'vitest';
import rule from '../../scripts/rules/process-complete.ts';
import { renderSkeleton } from '../../scripts/new.ts';
import { runCase, ruleTester } from '../rule-tester.ts';
import { HEAD, STEPS, withStatus } from './spec.ts';

const KPIS = 'kpis:\n  - { id: cycle-time, name: 报销周期, target: "<= 5 workdays" }\n';
// With KPIS (lines 10–11) after the head, the steps are on 13–15, lifecycle on 16, monitor on 17, its fields from 19.
const spec = (monitor: string, status = 'published', kpis = KPIS) => `${withStatus(status)}${kpis}${STEPS}lifecycle:\n  monitor:\n    status: in-progress\n${monitor}`;

ruleTester.run('process-complete', rule, {
  valid: [
    { name: 'a KPI and a monthly cadence', code: spec('    cadence: 每月\n') },
    { name: 'a more frequent cadence, first-month and feedback cadences', code: spec('    cadence: 每周\n    firstMonthCadence: 每日\n    feedbackCadence: 每季度\n') },
    { name: 'under review', code: spec('    cadence: monthly\n', 'review') },
    { name: 'a longer period when configured', code: spec('    cadence: 每季度\n'), options: { cadence: 'quarterly' } },
    { name: 'a draft may still be a skeleton', code: `${HEAD}kpis: []\n${STEPS.replace('name: 提交报销', 'name: 待填写：第一个步骤')}` },
    { name: 'an ASCII placeholder counts only as a word', code: spec('    cadence: 每月\n').replace('goal: 员工垫付的费用五个工作日内报销到账。', 'goal: 报销 XXL 码工服的费用五个工作日内到账。') },
  ],
  invalid: [
    {
      name: 'no KPI',
      code: spec('    cadence: 每月\n', 'published', 'kpis: []\n'),
      errors: [{ messageId: 'noKpi', line: 10, column: 1 }],
    },
    {
      name: 'no kpis at all',
      code: spec('    cadence: 每月\n', 'review', ''),
      errors: [{ messageId: 'noKpi', line: 7, column: 9 }],
    },
    {
      name: 'the placeholders npm run new writes, and others',
      code: spec('    cadence: 每月\n')
        .replace('goal: 员工垫付的费用五个工作日内报销到账。', 'goal: 待填写：本流程要解决的核心问题。')
        .replace('name: 财务付款', 'name: 付款 TODO'),
      errors: [
        { messageId: 'placeholder', line: 8, column: 7 },
        { messageId: 'placeholder', line: 15, column: 22 },
      ],
    },
    {
      name: 'a configured placeholder',
      code: spec('    cadence: 每月\n').replace('name: 财务付款', 'name: 财务付款（暂定）'),
      options: { placeholders: ['暂定'] },
      errors: [{ messageId: 'placeholder', line: 15, column: 22 }],
    },
    {
      name: 'no cadence',
      code: spec(''),
      errors: [{ messageId: 'noCadence', line: 17, column: 3 }],
    },
    {
      name: 'a cadence rarer than monthly',
      code: spec('    cadence: 每季度\n'),
      errors: [{ messageId: 'cadenceTooRare', line: 19, column: 14 }],
    },
    {
      name: 'cadences that do not parse or do not recur',
      code: spec('    cadence: 经常\n    feedbackCadence: 3个工作日内\n'),
      errors: [
        { messageId: 'badCadence', line: 19, column: 14 },
        { messageId: 'badCadence', line: 20, column: 22 },
      ],
    },
  ],
});

it('refuses a configured cadence that is not a recurring time, at start-up', () => {
  expect(rule.meta.options!.safeParse({ cadence: 'soon' }).success).toBe(false);
  expect(rule.meta.options!.parse({}).cadence).toBe('monthly');
});

it('catches every placeholder of the `npm run new` skeleton once it goes to review', () => {
  const skeleton = renderSkeleton({ id: 'leave-request', category: 'information', department: 'hr', owner: 'hr-specialist', author: '人事专员', today: '2026-08-31' });
  const result = runCase(rule, { code: skeleton.replace('status: draft', 'status: review') });
  const found = result.findings.en.map((f) => `${f.messageId} ${f.path?.join('.')}`);
  // In the order of the file: KPIs come after the scope.
  expect(found).toEqual([
    'placeholder title',
    'placeholder goal',
    'placeholder summary',
    'placeholder scope.start',
    'placeholder scope.end',
    'noKpi kpis',
    'placeholder steps.0.name',
    'placeholder steps.0.action',
  ]);
});
