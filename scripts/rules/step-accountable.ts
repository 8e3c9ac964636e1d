import { bilingual } from '../../schemas/describe.ts';
import { z } from '../../schemas/zod.ts';
import { defineRule } from '../lint/rule.ts';
import { accountableOf, defaultAccountable } from '../model/raci.ts';
import { EXAMPLE_DEFAULTS, exampleSpec } from './support/example.ts';

const Options = z.strictObject({
  explicit: z
    .boolean()
    .default(false)
    .meta(bilingual('每个步骤都须写明自己的最终负责岗位（A），默认值（审批岗位、流程负责人）不算', 'Every step names its accountable role itself; the defaults (the approver, the process owner) do not count')),
});

/**
 * Every step has exactly one accountable role (A): the one in the spec, or the documented default
 * (`accountableOf`: an approval's approver, otherwise the process owner). More than one named is
 * `step-raci`'s finding; this rule reports steps left with none.
 */
export default defineRule<z.output<typeof Options>>({
  meta: {
    id: 'step-accountable',
    type: 'suggestion',
    severity: 'warn',
    options: Options,
    docs: {
      description: {
        en: 'A step with no accountable role (A): `accountable` written as an empty list, or, with the option `explicit: true`, not written at all.',
        'zh-CN': '步骤没有最终负责岗位（A）：`accountable` 写成了空列表；或在 `explicit: true` 选项下根本没有写。',
      },
      rationale: {
        en: 'Someone must answer for each step. A step without `accountable` is accountable by default: an approval to the role that gives it, any other step to the process owner — the RACI matrix shows that A. Writing `accountable: []` removes even the default, leaving nobody accountable. Teams that want every A written out set `explicit: true`. More than one A is reported by `step-raci`.',
        'zh-CN': '每个步骤都必须有人对结果负责。没有写 `accountable` 的步骤按默认规则确定 A：审批步骤由审批岗位负责，其他步骤由流程负责人负责——RACI 矩阵显示的就是这个 A。写成 `accountable: []` 会连默认值也去掉，变成无人负责。希望每个 A 都明确写出的团队可以设置 `explicit: true`。多于一个 A 由 `step-raci` 报告。',
      },
      examples: {
        valid: exampleSpec(),
        invalid: exampleSpec({ steps: EXAMPLE_DEFAULTS.steps.replace('    role: cashier\n', '    role: cashier\n    accountable: []\n') }),
      },
    },
    messages: {
      emptyAccountable: {
        en: 'Step `{{step}}` lists no accountable role (`accountable: []`), so nobody answers for it. Name the one role that does, or remove `accountable` to make `{{fallback}}` accountable by default.',
        'zh-CN': '步骤 `{{step}}` 的 `accountable` 是空列表，无人对它负责。请写明对结果负责的那一个岗位，或删除 `accountable`，默认由 `{{fallback}}` 负责。',
      },
      implicitAccountable: {
        en: 'Step `{{step}}` does not name its accountable role; this handbook asks for every A to be written. Add `accountable: {{fallback}}` (the default) or the role that answers for the step.',
        'zh-CN': '步骤 `{{step}}` 没有写明最终负责岗位；本手册要求每个 A 都明确写出。请添加 `accountable: {{fallback}}`（默认值），或写明对该步骤负责的岗位。',
      },
    },
  },
  check(context) {
    const { model, spec, options } = context;
    for (const node of model.steps) {
      const accountable = accountableOf(node, spec);
      if (accountable.source === 'explicit') {
        if (accountable.roles.length > 0) continue;
        const fallback = defaultAccountable(node, spec).role;
        context.report({ messageId: 'emptyAccountable', data: { step: node.step.id, fallback }, path: ['steps', node.index, 'accountable'] });
      } else if (options?.explicit) {
        context.report({ messageId: 'implicitAccountable', data: { step: node.step.id, fallback: accountable.roles[0]! }, path: ['steps', node.index, 'id'] });
      }
    }
  },
});
