import rule from '../../scripts/rules/kpi-feasible.ts';
import { expect, it } from 'vitest';
import { ruleTester, runCase } from '../rule-tester.ts';
import { HEAD, STEPS } from './spec.ts';

/** KPIs from line 11; STEPS take 0 + 1 + 2 = 3 workdays. */
const kpis = (lines: string, steps = STEPS) => `${HEAD}kpis:\n${lines}${steps}`;

const PARALLEL = `steps:
  - { id: submit, name: 提交报销, deadline: 即时, next: [audit, check] }
  - { id: audit, name: 财务审核, deadline: 2 workdays, next: pay }
  - { id: check, name: 预算核对, deadline: 1 workday, next: pay }
  - { id: pay, name: 付款, deadline: 4h }
`; // the slowest branch: 2 workdays + 4h = 2.5 workdays; summed it would be 3.5

ruleTester.run('kpi-feasible', rule, {
  valid: [
    kpis('  - { id: cycle, name: 报销周期, target: "<= 3 workdays" }\n'),
    { name: 'parallel branches count once', code: kpis('  - { id: cycle, name: 报销周期, target: "<= 2.5 workdays" }\n', PARALLEL) },
    { name: 'from/to narrow the path', code: kpis('  - { id: approval, name: 审批时长, target: "<= 8h", from: submit, to: approve }\n') },
    { name: 'not a time KPI', code: kpis('  - { id: rate, name: 通过率, target: ">= 95%" }\n') },
    { name: 'a lower bound is not a limit', code: kpis('  - { id: cycle, name: 报销周期, target: ">= 1 workday" }\n') },
    { name: 'a longer workday', code: kpis('  - { id: cycle, name: 报销周期, target: "<= 30h" }\n'), options: { workdayHours: 10 } },
  ],
  invalid: [
    {
      name: 'the path is longer than the target',
      code: kpis('  - { id: cycle, name: 报销周期, target: "<= 2 workdays" }\n'),
      errors: [{ messageId: 'exceeded', line: 11, column: 38 }],
    },
    {
      name: 'a strict comparator',
      code: kpis('  - { id: cycle, name: 报销周期, target: "< 3 workdays" }\n'),
      errors: [{ messageId: 'exceeded', line: 11, column: 38 }],
    },
    {
      name: 'the slowest parallel branch',
      code: kpis('  - { id: cycle, name: 报销周期, target: "<= 2 workdays" }\n', PARALLEL),
      errors: [{ messageId: 'exceeded', line: 11, column: 38 }],
    },
    {
      name: 'the target in hours',
      code: kpis('  - { id: cycle, name: 报销周期, target: "<= 20h" }\n'),
      errors: [{ messageId: 'exceeded', line: 11, column: 38 }],
    },
    {
      name: 'a span that is still too long',
      code: kpis('  - { id: approval, name: 审批时长, target: "<= 4h", from: submit, to: approve }\n'),
      errors: [{ messageId: 'exceededSpan', line: 11, column: 41 }],
    },
  ],
});

it('names the path and the total in the KPI\'s unit', () => {
  const { findings } = runCase(rule, { code: kpis('  - { id: cycle, name: 报销周期, target: "<= 2 workdays" }\n', PARALLEL) });
  expect(findings.en[0]!.message).toContain('提交报销 → 财务审核 → 付款');
  expect(findings.en[0]!.message).toContain('2.5 workdays');
  expect(findings['zh-CN'][0]!.message).toContain('2.5 个工作日');
  const hours = runCase(rule, { code: kpis('  - { id: cycle, name: 报销周期, target: "<= 20h" }\n') });
  expect(hours.findings.en[0]!.message).toContain('24 hours');
});

it('names the third fix: the span, with the steps it now runs between', () => {
  // An approval KPI written without a span measures the whole process: 3 workdays.
  const whole = runCase(rule, { code: kpis('  - { id: approval, name: 审批时长, target: "<= 1 workday" }\n') });
  expect(whole.findings.en[0]!.message).toBe(
    'KPI `approval` targets <= 1 workday, but the step deadlines along 提交报销 → 部门审批 → 财务付款 add up to 3 workdays. Shorten the deadlines on this path or relax the target; or, if the KPI measures only part of the process, name the steps its clock starts and stops at with `from` and `to` (without them it measures the whole process, `submit` to `pay`).',
  );
  expect(whole.findings['zh-CN'][0]!.message).toBe(
    '指标 `approval` 的目标为 <= 1 workday，但沿 提交报销 → 部门审批 → 财务付款 的步骤时限合计 3 个工作日。请缩短这条路径上的时限，或放宽指标；如果指标只统计流程中的一段，请用 `from` 和 `to` 写明计时起止的步骤（不写时统计整个流程：从 `submit` 到 `pay`）。',
  );
  // With the span it measures, the same target is met.
  expect(runCase(rule, { code: kpis('  - { id: approval, name: 审批时长, target: "<= 1 workday", from: approve, to: approve }\n') }).findings.en).toEqual([]);
  // A span that is still too long says which span it checked.
  const span = runCase(rule, { code: kpis('  - { id: approval, name: 审批时长, target: "<= 4h", from: submit, to: approve }\n') });
  expect(span.findings.en[0]!.message).toContain('from `submit` to `approve`, the span its `from`/`to` set');
  expect(span.findings['zh-CN'][0]!.message).toContain('在其 `from`/`to` 限定的范围内（从 `submit` 到 `approve`）');
});
