import { defineRule } from '../lint/rule.ts';
import { EXAMPLE_DEFAULTS, exampleSpec } from './support/example.ts';

/** A decision offers at least two ways on, each with its condition. */
export default defineRule({
  meta: {
    id: 'decision-branches',
    type: 'problem',
    severity: 'error',
    docs: {
      description: {
        en: 'A decision with fewer than two branches, a branch without a condition, or a step with both `next` and branches.',
        'zh-CN': '决策少于两个分支、分支没有条件，或同一步骤同时写了 `next` 和分支。',
      },
      rationale: {
        en: 'A decision point (e.g. amount ≤ 50,000 → manager, > 50,000 → director) exists to send cases different ways. With one branch it decides nothing; a branch without a condition leaves the person deciding to guess; `next` beside branches makes the way on ambiguous.',
        'zh-CN': '决策点（例如金额≤5万元由经理审批、>5万元由总监审批）的作用是把事项分流。只有一个分支就没有可决策的；没有条件的分支让决策人只能猜；分支旁再写 `next` 会让去向含糊不清。',
      },
      examples: {
        valid: exampleSpec(),
        invalid: exampleSpec({ steps: EXAMPLE_DEFAULTS.steps.replace('      - when: 单据不全，退回补充\n        outcome', '      - outcome') }),
      },
    },
    messages: {
      tooFewBranches: {
        en: 'Decision `{{step}}` has {{count}} branch(es); a decision needs at least two. Add the other outcome as a branch, or replace `branches` with `next` if nothing is decided here.',
        'zh-CN': '决策步骤 `{{step}}` 只有 {{count}} 个分支，决策至少需要两个。请补上另一种结果的分支；如果这里并不做决策，请把 `branches` 改为 `next`。',
      },
      branchWithoutWhen: {
        en: 'A branch of decision `{{step}}` (to `{{to}}`) has no condition. Add `when:` saying when this way is taken, e.g. `when: 金额≤5万元`.',
        'zh-CN': '决策步骤 `{{step}}` 通往 `{{to}}` 的分支没有条件。请添加 `when:` 写明何时走这个分支，例如 `when: 金额≤5万元`。',
      },
      nextAndBranches: {
        en: 'Step `{{step}}` has both `next` and `branches`, so where it goes is ambiguous. Keep `branches` (add the `next` target as a branch with its condition) or keep `next`.',
        'zh-CN': '步骤 `{{step}}` 同时写了 `next` 和 `branches`，去向不明确。请只保留 `branches`（把 `next` 的目标改为带条件的分支），或只保留 `next`。',
      },
      decisionWithoutBranches: {
        en: 'Step `{{step}}` is `kind: decision` but has no branches. Add `branches` with a `when` and `to` for each outcome.',
        'zh-CN': '步骤 `{{step}}` 是决策（`kind: decision`），却没有分支。请添加 `branches`，为每种结果写明 `when` 和 `to`。',
      },
    },
  },
  check(context) {
    context.spec.steps.forEach((step, i) => {
      const branches = step.branches;
      if (branches === undefined) {
        if (step.kind === 'decision') context.report({ messageId: 'decisionWithoutBranches', data: { step: step.id }, path: ['steps', i, 'kind'] });
        return;
      }
      if (step.next !== undefined) context.report({ messageId: 'nextAndBranches', data: { step: step.id }, path: ['steps', i, 'next'], target: 'key' });
      if (branches.length < 2) context.report({ messageId: 'tooFewBranches', data: { step: step.id, count: branches.length }, path: ['steps', i, 'branches'], target: 'key' });
      branches.forEach((branch, j) => {
        if (!branch.when?.trim()) context.report({ messageId: 'branchWithoutWhen', data: { step: step.id, to: branch.to }, path: ['steps', i, 'branches', j] });
      });
    });
  },
});
