import rule from '../../scripts/rules/kpi-measurable.ts';
import { ruleTester } from '../rule-tester.ts';
import { HEAD, STEPS } from './spec.ts';

/** One KPI on line 11 with the given target; its value starts at column 43. */
const kpi = (target: string) => `${HEAD}kpis:\n  - { id: cycle-time, name: 报销周期, target: "${target}" }\n${STEPS}`;

ruleTester.run('kpi-measurable', rule, {
  valid: [kpi('>= 95%'), kpi('<= 3 workdays'), kpi('≤24小时'), kpi('不超过 2 次'), kpi('< 0.5%'), HEAD + STEPS],
  invalid: [
    { name: 'no unit', code: kpi('<= 3'), errors: [{ messageId: 'notMeasurable', line: 11, column: 43 }] },
    { name: 'no comparator', code: kpi('95%'), errors: [{ messageId: 'notMeasurable', line: 11, column: 43 }] },
    { name: 'no number', code: kpi('尽快'), errors: [{ messageId: 'notMeasurable', line: 11, column: 43 }] },
    {
      name: 'each KPI on its own line',
      code: `${HEAD}kpis:\n  - id: rate\n    name: 解决率\n    target: 高\n  - { id: time, name: 时长, target: "<= 2 days" }\n${STEPS}`,
      errors: [{ messageId: 'notMeasurable', line: 13, column: 13 }],
    },
  ],
});
