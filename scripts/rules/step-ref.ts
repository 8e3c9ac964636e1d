import type { YamlPath } from '../core/diagnostic.ts';
import { defineRule } from '../lint/rule.ts';
import { EXAMPLE_DEFAULTS, exampleSpec } from './support/example.ts';
import { didYouMean } from './support/suggest.ts';

/** Every reference to a step (next, branches, KPI from/to, exception step) names a step that exists; step ids are unique. */
export default defineRule({
  meta: {
    id: 'step-ref',
    type: 'problem',
    severity: 'error',
    docs: {
      description: {
        en: 'A `next`, branch, KPI or exception naming a step that does not exist, or two steps with the same id.',
        'zh-CN': '`next`、分支、指标或异常预案引用了不存在的步骤，或两个步骤使用了相同的标识。',
      },
      rationale: {
        en: 'Steps are linked by id. A reference to a step that does not exist breaks the flowchart and every check that follows the flow; two steps with one id make every reference to it ambiguous.',
        'zh-CN': '步骤之间通过标识连接。引用不存在的步骤会让流程图和所有沿流程进行的检查失效；两个步骤共用一个标识，会让对它的每次引用都含糊不清。',
      },
      examples: {
        valid: exampleSpec(),
        invalid: exampleSpec({ steps: EXAMPLE_DEFAULTS.steps.replace('to: pay', 'to: payment') }),
      },
    },
    messages: {
      unknownStep: {
        en: '`{{field}}` names step `{{ref}}`, which does not exist{{suggestion}}. Use the id of one of the steps.',
        'zh-CN': '`{{field}}` 引用的步骤 `{{ref}}` 不存在{{suggestion}}。请填写已有步骤的标识。',
      },
      duplicateId: {
        en: 'Step id `{{id}}` is already used by step {{first}}. Give each step its own id.',
        'zh-CN': '步骤标识 `{{id}}` 已被第 {{first}} 个步骤使用。请为每个步骤使用不同的标识。',
      },
    },
  },
  check(context) {
    const { spec, model } = context;
    const check = (ref: string | undefined, path: YamlPath, field: string) => {
      if (ref === undefined || model.byId.has(ref)) return;
      context.report({ messageId: 'unknownStep', data: { field, ref, suggestion: didYouMean(ref, model.byId) }, path });
    };
    spec.steps.forEach((step, i) => {
      const first = model.byId.get(step.id);
      if (first && first.index !== i) context.report({ messageId: 'duplicateId', data: { id: step.id, first: first.index + 1 }, path: ['steps', i, 'id'] });
      if (Array.isArray(step.next)) step.next.forEach((to, j) => check(to, ['steps', i, 'next', j], 'next'));
      else check(step.next, ['steps', i, 'next'], 'next');
      step.branches?.forEach((branch, j) => check(branch.to, ['steps', i, 'branches', j, 'to'], 'branches.to'));
    });
    spec.kpis?.forEach((kpi, i) => {
      check(kpi.from, ['kpis', i, 'from'], 'kpis.from');
      check(kpi.to, ['kpis', i, 'to'], 'kpis.to');
    });
    spec.exceptions?.forEach((exception, i) => check(exception.step, ['exceptions', i, 'step'], 'exceptions.step'));
  },
});
