import { bilingual } from '../../schemas/describe.ts';
import { z } from '../../schemas/zod.ts';
import { inBoth } from '../core/render.ts';
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

/** A KPI of one step's time, for the examples: it needs its span. */
const APPROVAL_KPI = `  - id: approval-time
    name: 部门审批时长
    target: "<= 1 workday"
`;

/**
 * A time KPI (`<= 3 workdays`) is compared with the longest path of step
 * deadlines between its `from` and `to` steps (default: the whole process).
 * Parallel branches and decisions take their slowest alternative, never a sum;
 * declared loops are not followed. The message offers three fixes: shorter
 * deadlines, a relaxed target, or a span limited to what the KPI measures.
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
        en: 'If every step uses the time it is allowed, the case takes as long as the slowest path through the process. A KPI tighter than that is missed by design, not by poor execution. There are three fixes: tighten the step deadlines, relax the target, or, when the KPI measures only part of the process (say, from submission to booking), name the steps its clock starts and stops at with `from` and `to`; without them it measures the whole process. Parallel branches run at the same time, so only the slowest counts. The length of a workday is the `workdayHours` option.',
        'zh-CN': '如果每个步骤都用满自己的时限，事项所需时间就等于流程中最慢的那条路径。比它还紧的指标注定完不成，问题出在设计而不是执行。改法有三种：缩短步骤时限；放宽指标；或者，指标本来只统计流程的一段（例如从提交到记账）时，用 `from` 和 `to` 写明计时起止的步骤——不写时统计整个流程。并行分支同时进行，只计最慢的一支。每个工作日的小时数由 `workdayHours` 选项配置。',
      },
      // The approval KPI measures one step; without its `from`/`to` it would measure the whole process.
      examples: {
        valid: exampleSpec({ kpis: `${EXAMPLE_DEFAULTS.kpis}${APPROVAL_KPI}    from: approve\n    to: approve\n` }),
        invalid: exampleSpec({ kpis: `${EXAMPLE_DEFAULTS.kpis}${APPROVAL_KPI}` }),
      },
    },
    messages: {
      exceeded: {
        en: 'KPI `{{kpi}}` targets {{target}}, but the step deadlines along {{path}} add up to {{total}}. Shorten the deadlines on this path or relax the target; or, if the KPI measures only part of the process, name the steps its clock starts and stops at with `from` and `to` (without them it measures the whole process, `{{from}}` to `{{to}}`).',
        'zh-CN': '指标 `{{kpi}}` 的目标为 {{target}}，但沿 {{path}} 的步骤时限合计 {{total}}。请缩短这条路径上的时限，或放宽指标；如果指标只统计流程中的一段，请用 `from` 和 `to` 写明计时起止的步骤（不写时统计整个流程：从 `{{from}}` 到 `{{to}}`）。',
      },
      exceededSpan: {
        en: 'KPI `{{kpi}}` targets {{target}}, but from `{{from}}` to `{{to}}`, the span its `from`/`to` set, the step deadlines along {{path}} add up to {{total}}. Shorten the deadlines on this path, relax the target, or correct `from`/`to` if its clock starts or stops at other steps.',
        'zh-CN': '指标 `{{kpi}}` 的目标为 {{target}}，但在其 `from`/`to` 限定的范围内（从 `{{from}}` 到 `{{to}}`），沿 {{path}} 的步骤时限合计 {{total}}。请缩短这条路径上的时限、放宽指标，或在计时起止的步骤不是这两个时修正 `from`/`to`。',
      },
    },
  },
  check(context) {
    const { model } = context;
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
      const data = { kpi: kpi.id, target: kpi.target, path: names, total: inBoth((locale) => formatDuration(amount, target.timeUnit!, locale)), from: path.path[0]!, to: path.path.at(-1)! };
      if (kpi.from === undefined && kpi.to === undefined) context.report({ messageId: 'exceeded', data, path: ['kpis', i, 'target'] });
      else context.report({ messageId: 'exceededSpan', data, path: ['kpis', i, 'target'] });
    });
  },
});
