import { bilingual } from '../../schemas/describe.ts';
import { z } from '../../schemas/zod.ts';
import { defineRule } from '../lint/rule.ts';
import { unitMinutes } from '../model/deadline.ts';
import { formatDuration } from '../model/deadline-format.ts';
import { criticalPath } from '../model/graph.ts';
import { parseKpiTarget } from '../model/kpi-target.ts';
import { EXAMPLE_DEFAULTS, exampleSpec } from './support/example.ts';

const Options = z.strictObject({
  /** Length of a workday in hours, for converting hours and workdays. */
  workdayHours: z.number().positive().max(24).default(8).meta(bilingual('一个工作日的小时数，用于换算小时与工作日', 'Hours in a workday, for converting hours and workdays')),
});

/**
 * A time KPI (`<= 3 workdays`) is compared with the longest path of step
 * deadlines between its `from` and `to` steps (default: the whole process).
 * Parallel branches and decisions take their slowest alternative, never a sum;
 * declared loops are not followed.
 */
export default defineRule<z.output<typeof Options>>({
  meta: {
    id: 'kpi-feasible',
    type: 'problem',
    severity: 'error',
    options: Options,
    docs: {
      description: {
        en: 'A time KPI that the longest path of step deadlines through the process exceeds.',
        'zh-CN': '时间类关键指标短于流程中各步骤时限沿最长路径相加的总时长。',
      },
      rationale: {
        en: 'If every step uses the time it is allowed, the case takes as long as the slowest path through the process. A KPI tighter than that is missed by design, not by poor execution: tighten the step deadlines or relax the target. Parallel branches run at the same time, so only the slowest counts. The length of a workday is the `workdayHours` option.',
        'zh-CN': '如果每个步骤都用满自己的时限，事项所需时间就等于流程中最慢的那条路径。比它还紧的指标注定完不成，问题出在设计而不是执行：请缩短步骤时限或放宽指标。并行分支同时进行，只计最慢的一支。每个工作日的小时数由 `workdayHours` 选项配置。',
      },
      examples: {
        valid: exampleSpec(),
        invalid: exampleSpec({ kpis: EXAMPLE_DEFAULTS.kpis.replace('"<= 5 workdays"', '"<= 2 workdays"') }),
      },
    },
    messages: {
      exceeded: {
        en: 'KPI `{{kpi}}` targets {{target}}, but the step deadlines along {{path}} add up to {{total}}. Shorten the deadlines on this path or relax the target.',
        'zh-CN': '指标 `{{kpi}}` 的目标为 {{target}}，但沿 {{path}} 的步骤时限合计 {{total}}。请缩短这条路径上的时限，或放宽指标。',
      },
    },
  },
  check(context) {
    const { model, locale } = context;
    const workdayHours = context.options?.workdayHours ?? 8;
    // KPIs usually share the default from/to, so each distinct span is walked once.
    const paths = new Map<string, ReturnType<typeof criticalPath>>();
    context.spec.kpis?.forEach((kpi, i) => {
      const target = parseKpiTarget(kpi.target);
      if ((target.comparator !== '<=' && target.comparator !== '<') || target.value === undefined || !target.timeUnit) return;
      const key = `${kpi.from ?? ''}>${kpi.to ?? ''}`;
      if (!paths.has(key)) paths.set(key, criticalPath(model, workdayHours, kpi.from, kpi.to));
      const path = paths.get(key);
      if (!path) return;
      const limit = target.value * unitMinutes(target.timeUnit, workdayHours);
      if (target.comparator === '<=' ? path.minutes <= limit : path.minutes < limit) return;
      const amount = Math.round((path.minutes / unitMinutes(target.timeUnit, workdayHours)) * 100) / 100;
      const names = path.path.map((id) => model.byId.get(id)!.step.name).join(' → ');
      context.report({
        messageId: 'exceeded',
        data: { kpi: kpi.id, target: kpi.target, path: names, total: formatDuration(amount, target.timeUnit, locale) },
        path: ['kpis', i, 'target'],
      });
    });
  },
});
