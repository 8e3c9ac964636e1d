import { defineRule } from '../lint/rule.ts';
import { parseKpiTarget } from '../model/kpi-target.ts';
import { EXAMPLE_DEFAULTS, exampleSpec } from './support/example.ts';
import { listAnd, phrase } from '../core/render.ts';

const PARTS = {
  comparator: phrase('a comparator (>=, <=, >, <, =)', '比较符（>=、<=、>、<、=）'),
  value: phrase('a number', '数值'),
  unit: phrase('a unit (%, workdays, h, 次 …)', '单位（%、workdays、h、次 等）'),
};

/** A KPI target says which way is good, how much, and in what unit. */
export default defineRule({
  meta: {
    id: 'kpi-measurable',
    type: 'problem',
    severity: 'error',
    docs: {
      description: {
        en: 'A KPI whose target has no comparator, number or unit.',
        'zh-CN': '关键指标的目标值缺少比较符、数值或单位。',
      },
      rationale: {
        en: 'A KPI is checked every month against its target. "Fast" or "95" cannot be checked: the target needs a comparator, a number and a unit, such as `>= 95%` or `<= 3 workdays`, so that anyone can say whether it was met.',
        'zh-CN': '关键指标每月都要与目标值对照。“尽快”或“95”无法对照：目标值需要比较符、数值和单位，例如 `>= 95%` 或 `<= 3 workdays`，这样任何人都能判断是否达标。',
      },
      examples: {
        valid: exampleSpec(),
        invalid: exampleSpec({ kpis: EXAMPLE_DEFAULTS.kpis.replace('"<= 5 workdays"', '"<= 5"') }),
      },
    },
    messages: {
      notMeasurable: {
        en: 'The target `{{target}}` of KPI `{{kpi}}` lacks {{missing}}. Write it as comparator, number and unit, e.g. `>= 95%` or `<= 3 workdays`.',
        'zh-CN': '指标 `{{kpi}}` 的目标值 `{{target}}` 缺少{{missing}}。请按“比较符 + 数值 + 单位”书写，例如 `>= 95%` 或 `<= 3 workdays`。',
      },
    },
  },
  check(context) {
    context.spec.kpis?.forEach((kpi, i) => {
      const target = parseKpiTarget(kpi.target);
      const missing = (['comparator', 'value', 'unit'] as const).filter((part) => target[part] === undefined).map((part) => PARTS[part]);
      if (missing.length === 0) return;
      context.report({ messageId: 'notMeasurable', data: { kpi: kpi.id, target: kpi.target, missing: listAnd(missing) }, path: ['kpis', i, 'target'] });
    });
  },
});
