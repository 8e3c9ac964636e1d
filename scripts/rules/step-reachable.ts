import type { YamlPath } from '../core/diagnostic.ts';
import { defineRule } from '../lint/rule.ts';
import { canReachEnd, reachableFromStart, undeclaredCycles } from '../model/graph.ts';
import type { ProcessModel } from '../model/process-model.ts';
import { EXAMPLE_DEFAULTS, exampleSpec } from './support/example.ts';

/** The step graph holds together: every step reachable from the first, an end reachable from every step, cycles only where declared. */
export default defineRule({
  meta: {
    id: 'step-reachable',
    type: 'problem',
    severity: 'error',
    docs: {
      description: {
        en: 'A step that cannot be reached from the first step, a step from which no end can be reached, or a cycle that is not a declared loop.',
        'zh-CN': '从第一个步骤无法到达的步骤、无法走到流程终点的步骤，或未声明为回退的循环。',
      },
      rationale: {
        en: 'A process starts at its first step and must be able to finish. A step nothing leads to is never done; a step from which the process can never end traps the case; a cycle nobody declared is usually a wrong `next`. Intended loops — documents sent back to be completed, rework inspected again — mark the edge that goes back with `loop: true`: the branch, or the step whose `next` returns.',
        'zh-CN': '流程从第一个步骤开始，并且必须能够结束。没有任何步骤指向的步骤永远不会被执行；无法走到终点的步骤会让事项卡住；未声明的循环通常是 `next` 写错了。有意的回退（例如资料不全退回补充、返工后重新检验）要在回退的那条边上标记 `loop: true`：回退的分支，或 `next` 回到之前步骤的那个步骤。',
      },
      examples: {
        valid: exampleSpec(),
        invalid: exampleSpec({ steps: EXAMPLE_DEFAULTS.steps.replace('    deadline: 2 workdays\n', '    deadline: 2 workdays\n    next: approve\n') }),
      },
    },
    messages: {
      unreachable: {
        en: 'Step `{{step}}` cannot be reached from the first step `{{start}}`. Point a `next` or branch of an earlier step at it, or remove it.',
        'zh-CN': '从第一个步骤 `{{start}}` 无法到达步骤 `{{step}}`。请让之前某个步骤的 `next` 或分支指向它，或删除该步骤。',
      },
      noEnd: {
        en: 'The process never ends: every step has a `next` or branches. Leave out `next` on the last step.',
        'zh-CN': '流程没有终点：每个步骤都有 `next` 或分支。最后一个步骤不要写 `next`。',
      },
      cannotEnd: {
        en: 'From step `{{step}}` the process can never reach an end. Give the steps after it a way out (a step without `next`).',
        'zh-CN': '从步骤 `{{step}}` 出发，流程永远无法结束。请让它之后的步骤有出口（某个不写 `next` 的步骤）。',
      },
      cycle: {
        en: 'The steps {{cycle}} form a cycle that is not declared as a loop. If going back is intended, mark the edge that returns with `loop: true` (on its branch, or on the step whose `next` goes back); otherwise correct the `next`.',
        'zh-CN': '步骤 {{cycle}} 构成了未声明的循环。若确实需要退回，请在回退的那条边上标记 `loop: true`（写在分支上，或写在 `next` 回到之前步骤的那个步骤上）；否则请更正 `next`。',
      },
    },
  },
  check(context) {
    const { model } = context;
    const start = model.start;
    if (!start) return;
    const reachable = reachableFromStart(model);
    for (const node of model.steps) {
      if (!reachable.has(node.step.id) && model.byId.get(node.step.id) === node) {
        context.report({ messageId: 'unreachable', data: { step: node.step.id, start: start.step.id }, path: ['steps', node.index, 'id'] });
      }
    }
    if (model.ends.length === 0) {
      context.report({ messageId: 'noEnd', path: ['steps'], target: 'key' });
    } else {
      const ending = canReachEnd(model);
      for (const node of model.steps) {
        if (!ending.has(node.step.id) && reachable.has(node.step.id) && model.byId.get(node.step.id) === node) {
          context.report({ messageId: 'cannotEnd', data: { step: node.step.id }, path: ['steps', node.index, 'id'] });
        }
      }
    }
    for (const cycle of undeclaredCycles(model)) {
      context.report({ messageId: 'cycle', data: { cycle: [...cycle, cycle[0]].map((id) => `\`${id}\``).join(' → ') }, path: backEdgePath(model, cycle) });
    }
  },
});

/** Where the edge closing the cycle (last step → first) is written. */
function backEdgePath(model: ProcessModel, cycle: string[]): YamlPath {
  const from = cycle.at(-1)!;
  const node = model.byId.get(from)!;
  const edge = (model.outgoing.get(from) ?? []).find((e) => e.to === cycle[0] && !e.loop);
  if (!edge) return ['steps', node.index, 'id'];
  if (edge.type === 'branch') return ['steps', node.index, 'branches', edge.index, 'to'];
  return Array.isArray(node.step.next) ? ['steps', node.index, 'next', edge.index] : ['steps', node.index, 'next'];
}
