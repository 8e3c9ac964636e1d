import { defineRule } from '../lint/rule.ts';
import { reachableFrom, reachableFromStart } from '../model/graph.ts';
import { EXAMPLE_DEFAULTS, exampleSpec } from './support/example.ts';

/** The example with a forward branch flagged as a loop: corrections go on to a step only the flag leads to. */
const FORWARD_FLAG = EXAMPLE_DEFAULTS.steps
  .replace('        to: submit\n        loop: true\n', '        to: correct\n        loop: true\n')
  .concat(`  - id: correct
    name: 补充单据
    role: employee
    deadline: 1 workday
    next: approve
`);

/**
 * `loop: true` takes an edge out of the forward flow: the critical path, the KPI check,
 * the reader's step order and the flowchart's layout all ignore it. That is right only
 * for an edge back to a step that leads to it. On a forward edge the flag hides the
 * branch behind it; on an edge that closes no cycle it hides nothing but misleads.
 * An unflagged cycle stays `step-reachable`'s finding.
 */
export default defineRule({
  meta: {
    id: 'loop-flags',
    type: 'problem',
    severity: 'error',
    docs: {
      description: {
        en: '`loop: true` on an edge that does not go back: a forward edge whose steps only the flag leads to, or an edge to a step that never leads back; or on a step without a `next`.',
        'zh-CN': '`loop: true` 写在了并不回退的边上：向前的边（其后的步骤只能经由这个标记到达），或通往一个永远不会再回来的步骤；或写在没有 `next` 的步骤上。',
      },
      rationale: {
        en: 'A declared loop is left out of the time checks and the reader\'s step order, because going back repeats work already counted. Put the flag on a forward branch instead and the steps behind it vanish from the critical path and the KPI check, while the edge that really goes back runs as a plain `next`. Mark the edge that returns to an earlier step and closes the cycle — its branch, or the step whose `next` goes back — and nothing else.',
        'zh-CN': '声明的回退不计入时限检查和步骤顺序，因为回退是在重复已经计算过的工作。若把标记写在向前的分支上，其后的步骤就会从关键路径和指标检查中消失，而真正回退的那条边却成了普通的 `next`。请只在回到之前步骤、构成循环的那条边上标记 `loop: true`：回退的分支，或 `next` 回到之前步骤的那个步骤。',
      },
      examples: {
        valid: exampleSpec(),
        invalid: exampleSpec({ steps: FORWARD_FLAG }),
      },
    },
    messages: {
      forwardLoop: {
        en: 'The way from `{{step}}` to `{{to}}` is marked `loop: true`, but it goes forward: `{{to}}` is reached only through it, so the steps after it drop out of the critical path and the KPI check. Remove `loop: true` here and mark the edge that goes back to an earlier step (its branch, or the step whose `next` returns).',
        'zh-CN': '从步骤 `{{step}}` 到 `{{to}}` 的去向标记了 `loop: true`，但它是向前的：只有经由它才能到达 `{{to}}`，其后的步骤因此不计入关键路径和指标检查。请删去这里的 `loop: true`，改为标记回到之前步骤的那条边（回退的分支，或 `next` 回到之前步骤的那个步骤）。',
      },
      loopWithoutNext: {
        en: 'Step `{{step}}` has `loop: true` but no `next` for it to mark. Put `loop: true` on the branch that goes back, or give the step the `next` it returns to.',
        'zh-CN': '步骤 `{{step}}` 写了 `loop: true`，却没有可标记的 `next`。请把 `loop: true` 写在回退的分支上，或为该步骤写明它回到的 `next`。',
      },
      notBack: {
        en: 'The way from `{{step}}` to `{{to}}` is marked `loop: true`, but `{{to}}` never leads back to `{{step}}`, so it closes no loop. Remove `loop: true`.',
        'zh-CN': '从步骤 `{{step}}` 到 `{{to}}` 的去向标记了 `loop: true`，但 `{{to}}` 之后永远不会回到 `{{step}}`，并不构成循环。请删去 `loop: true`。',
      },
    },
  },
  check(context) {
    const { model } = context;
    model.steps.forEach((node) => {
      if (node.step.loop && node.step.next === undefined) context.report({ messageId: 'loopWithoutNext', data: { step: node.step.id }, path: ['steps', node.index, 'loop'] });
    });
    if (!model.start) return;
    const reachable = reachableFromStart(model);
    const forward = reachableFrom(model, model.start.step.id, { loops: false });
    for (const edge of model.edges) {
      if (!edge.loop || !model.byId.has(edge.to) || !reachable.has(edge.from)) continue;
      const node = model.byId.get(edge.from)!;
      const path = edge.type === 'branch' ? ['steps', node.index, 'branches', edge.index, 'loop'] : ['steps', node.index, 'loop'];
      if (!forward.has(edge.to)) context.report({ messageId: 'forwardLoop', data: { step: edge.from, to: edge.to }, path });
      // Other loops count here, so that one misplaced flag is reported once, not again at the edge it hides.
      else if (!reachableFrom(model, edge.to).has(edge.from)) context.report({ messageId: 'notBack', data: { step: edge.from, to: edge.to }, path });
    }
  },
});
