import { formatPath } from '../core/friendly-issues.ts';
import { defineRule } from '../lint/rule.ts';
import { englishGaps } from '../model/english.ts';
import { EXAMPLE_DEFAULTS, exampleSpec } from './support/example.ts';

const TRANSLATED_HEAD = EXAMPLE_DEFAULTS.head.replace(
  'goal: 员工垫付的费用在五个工作日内核实并报销到账。\n',
  'titleEn: Expense claims\ntranslations: [en]\ngoal: 员工垫付的费用在五个工作日内核实并报销到账。\ngoalEn: Expenses staff paid for are checked and refunded within five workdays.\n',
);
const TRANSLATED = {
  head: TRANSLATED_HEAD,
  scope: `scope:
  start: 员工提交费用报销单
  startEn: A member of staff submits an expense claim
  end: 报销款支付到员工账户
  endEn: The refund is paid into their account
`,
  kpis: `kpis:
  - id: cycle-time
    name: 报销周期
    nameEn: Claim cycle time
    target: "<= 5 workdays"
`,
  steps: `steps:
  - id: submit
    name: 提交报销
    nameEn: Submit the claim
    role: employee
    deadline: 即时
    outputs: [《费用报销单》]
    outputsEn: [Expense claim form]
    next: approve
  - id: approve
    name: 部门审批
    nameEn: Department approval
    kind: approval
    role: department-head
    deadline: 1 workday
    inputs: [《费用报销单》]
    inputsEn: [Expense claim form]
    branches:
      - when: 同意
        whenEn: Approved
        outcome: approved
        to: pay
      - when: 单据不全，退回补充
        whenEn: Documents missing, sent back
        outcome: rejected
        to: submit
        loop: true
  - id: pay
    name: 财务付款
    nameEn: Pay the claim
    role: cashier
    deadline: 2 workdays
`,
};

/**
 * A spec that declares `translations: [en]` has English for every text a reader sees
 * (`englishGaps`); without the declaration, English is optional and nothing is reported.
 */
export default defineRule({
  meta: {
    id: 'translation-complete',
    type: 'problem',
    severity: 'error',
    docs: {
      description: {
        en: 'A process that declares `translations: [en]` but leaves a text readers see without English, or gives an English list a different number of items than the Chinese.',
        'zh-CN': '流程声明了 `translations: [en]`，却有读者可见的文字没有英文，或英文列表的项数与中文不同。',
      },
      rationale: {
        en: 'The English pages show English where a spec has it and say plainly where content is still Chinese. A process that declares itself translated promises English readers the whole process: step names, instructions, controls, forms, exception plans, goal and scope. English is optional until then, so a process owner adds it when ready, all at once or field by field.',
        'zh-CN': '英文页面在有英文时显示英文，没有时明确说明内容仍是中文。声明已翻译的流程向英文读者承诺了完整内容：步骤名称、操作说明、控制点、表单、异常预案、目标与范围。在声明之前英文都是可选的，流程负责人可以一次补齐，也可以逐个字段添加。',
      },
      examples: {
        valid: exampleSpec(TRANSLATED),
        invalid: exampleSpec({ ...TRANSLATED, steps: TRANSLATED.steps.replace('    nameEn: Pay the claim\n', '') }),
      },
    },
    messages: {
      missingEnglish: {
        en: '`{{where}}` has no English, but the process declares `translations: [en]`. Add `{{field}}` beside it, or remove `en` from `translations` until the translation is done.',
        'zh-CN': '`{{where}}` 没有英文，但流程声明了 `translations: [en]`。请在旁边添加 `{{field}}`，或在翻译完成前从 `translations` 中去掉 `en`。',
      },
      countMismatch: {
        en: '`{{where}}` has {{found}} items but the Chinese list has {{expected}}. Give one English item for each Chinese item, in the same order.',
        'zh-CN': '`{{where}}` 有 {{found}} 项，而对应的中文列表有 {{expected}} 项。请为每一项中文写一项英文，顺序一致。',
      },
    },
  },
  check(context) {
    const { spec } = context;
    if (!spec.translations?.includes('en')) return;
    for (const gap of englishGaps(spec)) {
      if (gap.count) {
        context.report({ messageId: 'countMismatch', data: { where: formatPath(gap.path), expected: gap.count.expected, found: gap.count.found }, path: gap.path });
      } else {
        context.report({ messageId: 'missingEnglish', data: { where: formatPath(gap.path), field: gap.field }, path: gap.path, target: 'key' });
      }
    }
  },
});
