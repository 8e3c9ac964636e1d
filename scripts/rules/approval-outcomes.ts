import { defineRule } from '../lint/rule.ts';
import { reachableFrom } from '../model/graph.ts';
import { EXAMPLE_DEFAULTS, exampleSpec } from './support/example.ts';

/** The example's approval as it was first written: one way on, so it cannot refuse. */
const SINGLE_WAY = EXAMPLE_DEFAULTS.steps.replace(
  /    branches:\n      - when: 同意\n[\s\S]*?loop: true\n/,
  '    next: pay\n',
);

/**
 * An approval that cannot say no is no control. Each branch of an approval names its
 * outcome; there is an approved way on and a rejected one, and the rejected one goes
 * back (a declared loop) or to an end — never on to what approval would have led to.
 */
export default defineRule({
  meta: {
    id: 'approval-outcomes',
    type: 'problem',
    severity: 'error',
    docs: {
      description: {
        en: 'An approval step without both outcomes: one approved way on and one rejected way that goes back (a declared loop) or to an end.',
        'zh-CN': '审批步骤没有同时写出两种结果：同意后的去向，以及不同意时退回（声明的回退）或结束的去向。',
      },
      rationale: {
        en: 'An approval exists so that a request can be refused. With a single `next` every request passes, the approver only delays it, and the flowchart and the table never show what happens on a refusal. Each branch of an approval says its `outcome` (`approved` or `rejected`); a rejection sends the case back for rework (`loop: true`) or ends it (e.g. tell the requester), and does not lead on to the work approval allows.',
        'zh-CN': '审批的意义在于可以不批准。只有一个 `next` 时，每个申请都会通过，审批人只是拖慢了流程，流程图和职责表也看不出被驳回后怎么办。审批步骤的每个分支都要写明 `outcome`（`approved` 同意或 `rejected` 不同意）；不同意时要么退回修改（`loop: true`），要么结束（例如告知申请人），不能继续走向批准后才做的工作。',
      },
      examples: {
        valid: exampleSpec(),
        invalid: exampleSpec({ steps: SINGLE_WAY }),
      },
    },
    messages: {
      singleWay: {
        en: 'Approval `{{step}}` has a single way on, so it can never refuse. Replace `next` with `branches`: one with `outcome: approved`, and one with `outcome: rejected` that goes back to an earlier step (`loop: true`) or to an end.',
        'zh-CN': '审批步骤 `{{step}}` 只有一个去向，无法不批准。请把 `next` 改为 `branches`：一个分支写 `outcome: approved`（同意），另一个写 `outcome: rejected`（不同意），退回之前的步骤（`loop: true`）或走向结束。',
      },
      missingOutcome: {
        en: 'The branch of approval `{{step}}` to `{{to}}` does not say its outcome. Add `outcome: approved` or `outcome: rejected`.',
        'zh-CN': '审批步骤 `{{step}}` 通往 `{{to}}` 的分支没有写明审批结果。请添加 `outcome: approved`（同意）或 `outcome: rejected`（不同意）。',
      },
      noApproved: {
        en: 'Approval `{{step}}` has no branch with `outcome: approved`, so nothing it approves goes on. Mark the way taken on approval.',
        'zh-CN': '审批步骤 `{{step}}` 没有 `outcome: approved` 的分支，批准的事项无处可去。请标明同意后的去向。',
      },
      noRejection: {
        en: 'Approval `{{step}}` has no branch with `outcome: rejected`, so it cannot refuse. Add one that goes back to an earlier step (`loop: true`) or to an end.',
        'zh-CN': '审批步骤 `{{step}}` 没有 `outcome: rejected` 的分支，无法不批准。请添加不同意时的分支：退回之前的步骤（`loop: true`）或走向结束。',
      },
      rejectionGoesOn: {
        en: 'When approval `{{step}}` refuses, the case goes to `{{to}}` and from there on to `{{approved}}`, as if it had been approved. Send a refusal back (`loop: true`) or to an end.',
        'zh-CN': '审批步骤 `{{step}}` 不同意时转到 `{{to}}`，之后仍会走到批准后的 `{{approved}}`，等于照常通过。请让不同意的分支退回（`loop: true`）或走向结束。',
      },
      outcomeOutsideApproval: {
        en: 'Step `{{step}}` gives its branches approval outcomes but is not an approval. Set `kind: approval`, or remove `outcome`.',
        'zh-CN': '步骤 `{{step}}` 的分支写了审批结果，但它不是审批步骤。请写明 `kind: approval`，或删去 `outcome`。',
      },
    },
  },
  check(context) {
    const { model } = context;
    for (const node of model.steps) {
      if (model.byId.get(node.step.id) !== node) continue;
      const { step } = node;
      const path = ['steps', node.index];
      const branches = step.branches ?? [];
      if (node.kind !== 'approval') {
        const marked = branches.findIndex((branch) => branch.outcome !== undefined);
        if (marked >= 0) context.report({ messageId: 'outcomeOutsideApproval', data: { step: step.id }, path: [...path, 'branches', marked, 'outcome'] });
        continue;
      }
      if (branches.length === 0) {
        context.report({ messageId: 'singleWay', data: { step: step.id }, path: step.next === undefined ? [...path, 'kind'] : [...path, 'next'], ...(step.next === undefined ? {} : { target: 'key' as const }) });
        continue;
      }
      branches.forEach((branch, j) => {
        if (branch.outcome === undefined) context.report({ messageId: 'missingOutcome', data: { step: step.id, to: branch.to }, path: [...path, 'branches', j] });
      });
      const approved = branches.filter((branch) => branch.outcome === 'approved').map((branch) => branch.to);
      if (approved.length === 0) context.report({ messageId: 'noApproved', data: { step: step.id }, path: [...path, 'branches'], target: 'key' });
      if (!branches.some((branch) => branch.outcome === 'rejected')) context.report({ messageId: 'noRejection', data: { step: step.id }, path: [...path, 'branches'], target: 'key' });
      branches.forEach((branch, j) => {
        if (branch.outcome !== 'rejected' || branch.loop || !model.byId.has(branch.to)) return;
        const onward = reachableFrom(model, branch.to, { loops: false });
        const reached = approved.find((to) => onward.has(to));
        if (reached !== undefined) context.report({ messageId: 'rejectionGoesOn', data: { step: step.id, to: branch.to, approved: reached }, path: [...path, 'branches', j, 'to'] });
      });
    }
  },
});
