import { defineRule } from '../lint/rule.ts';
import { flowOrder } from '../model/graph.ts';
import type { StepNode } from '../model/process-model.ts';
import { EXAMPLE_DEFAULTS, exampleSpec } from './support/example.ts';

/** The example with each step's duty named, and who approves a department head's own claim. */
const WITH_DUTIES = EXAMPLE_DEFAULTS.steps
  .replace('    outputs: [《费用报销单》]\n    next: approve\n', '    outputs: [《费用报销单》]\n    duties: [request]\n    next: approve\n')
  .replace('    role: department-head\n', '    role: department-head\n    duties: [approve]\n    recuseTo: general-manager\n')
  .replace('    role: cashier\n', '    role: cashier\n    duties: [cash]\n');

interface Held {
  duty: string;
  node: StepNode;
  index: number;
}

/**
 * Segregation of incompatible duties (不相容职务分离): org.yml declares the duties and
 * the pairs one role must not hold together; steps name the duties they exercise, and
 * roles may hold some by position (the cashier's cash). A role holding both duties of a
 * pair in one process is reported. So is a pair split between a role everyone holds (the
 * employee who requests) and another role (the head who approves), unless the step says
 * who takes over when they are the same person (`recuseTo`). That the approver is the
 * role of the step before is `step-raci`'s finding.
 */
export default defineRule({
  meta: {
    id: 'segregation-of-duties',
    type: 'problem',
    severity: 'error',
    docs: {
      description: {
        en: 'One role holding two duties org.yml declares incompatible (e.g. cash and bookkeeping) in a process, or an incompatible duty that the requester may hold too with nobody named to take over.',
        'zh-CN': '同一岗位在一个流程中担任 org.yml 声明为不相容的两个职务（例如出纳与记账），或与申请人可能是同一人的不相容职务没有写明由谁回避接替。',
      },
      rationale: {
        en: 'Internal control keeps certain duties apart so that one person cannot both do and hide a mistake or a fraud: authorisation and handling, handling and bookkeeping, bookkeeping and custody, handling and checking, auditing and what is audited. org.yml lists the duties (`duties`), the incompatible pairs (`incompatibleDuties`) and the duties a role holds by position; each step names the duties it exercises (`duties`). A role every employee holds (`everyone: true`, e.g. the requesting employee) may be the same person as the head who approves: the approval then names who takes over (`recuseTo`).',
        'zh-CN': '内部控制要求把某些职务分开，使一个人无法既办理又掩盖差错或舞弊：授权批准与业务经办、业务经办与会计记录、会计记录与财产保管、业务经办与稽核检查、审计监督与被审计事项。org.yml 列出职务（`duties`）、不相容职务对（`incompatibleDuties`）和岗位因职位承担的职务；每个步骤用 `duties` 写明所行使的职务。所有员工都担任的岗位（`everyone: true`，如提出申请的员工）可能与审批的部门负责人是同一人，这时审批步骤要写明由谁回避接替（`recuseTo`）。',
      },
      examples: {
        valid: exampleSpec({ steps: WITH_DUTIES }),
        invalid: exampleSpec({ steps: WITH_DUTIES.replace('    duties: [cash]\n', '    duties: [cash, record]\n') }),
      },
    },
    messages: {
      unknownDuty: {
        en: 'Step `{{step}}` names the duty `{{duty}}`, which org.yml does not declare. Use an id from `duties` in org.yml, or add the duty there.',
        'zh-CN': '步骤 `{{step}}` 的职务 `{{duty}}` 不在 org.yml 的 `duties` 中。请使用其中的职务标识，或先在 org.yml 中添加。',
      },
      sameRole: {
        en: '`{{role}}` holds both `{{duty}}` (step `{{step}}`) and `{{other}}` (step `{{otherStep}}`), which org.yml declares incompatible. Give one of the two steps to a role independent of the other.',
        'zh-CN': '岗位 `{{role}}` 同时担任 `{{duty}}`（步骤 `{{step}}`）和 `{{other}}`（步骤 `{{otherStep}}`），org.yml 规定二者不相容。请把其中一个步骤交给与之独立的岗位。',
      },
      byPosition: {
        en: '`{{role}}` exercises `{{duty}}` in step `{{step}}` but holds `{{other}}` by position (org.yml), and the two are incompatible. Give the step to a role independent of `{{other}}`.',
        'zh-CN': '岗位 `{{role}}` 在步骤 `{{step}}` 中行使 `{{duty}}`，而它因职位承担 `{{other}}`（见 org.yml），二者不相容。请把该步骤交给与 `{{other}}` 无关的岗位。',
      },
      mayBeSamePerson: {
        en: 'Step `{{step}}` (`{{duty}}`) is done by `{{role}}`, and step `{{otherStep}}` (`{{other}}`, incompatible with it) by `{{anyone}}`, a role everyone holds: a `{{role}}` may be handling their own case. Name who takes over then with `recuseTo`.',
        'zh-CN': '步骤 `{{step}}`（`{{duty}}`）由 `{{role}}` 办理，而与之不相容的步骤 `{{otherStep}}`（`{{other}}`）由人人都担任的 `{{anyone}}` 办理：`{{role}}` 可能在办理自己的事项。请用 `recuseTo` 写明此时由谁接替。',
      },
    },
  },
  check(context) {
    const { model, org } = context;
    // Most processes name no duties: nothing to order or compare.
    if (!org || !model.steps.some((node) => node.step.duties?.length)) return;
    const declared = new Set((org.org.duties ?? []).map((duty) => duty.id));
    const held = new Map<string, Held[]>();
    for (const node of flowOrder(model)) {
      node.step.duties?.forEach((duty, index) => {
        if (!declared.has(duty)) {
          context.report({ messageId: 'unknownDuty', data: { step: node.step.id, duty }, path: ['steps', node.index, 'duties', index] });
        } else if (node.step.role) {
          const list = held.get(node.step.role) ?? [];
          list.push({ duty, node, index });
          held.set(node.step.role, list);
        }
      });
    }
    const everyone = new Set(org.org.roles.filter((role) => role.everyone).map((role) => role.id));
    const unsure = new Set<Held>();
    for (const { duties: pair } of org.org.incompatibleDuties ?? []) {
      for (const [role, list] of held) {
        const standing = org.roles.get(role)?.duties ?? [];
        const has = (duty: string) => list.some((h) => h.duty === duty) || standing.includes(duty);
        // Reported once, where the conflict is completed: the later of the steps in the reader's order.
        // A pair held by position alone is the registry's matter, not this process's.
        const at = list.filter((h) => pair.includes(h.duty)).at(-1);
        if (!at || !has(pair[0]) || !has(pair[1])) continue;
        const other = pair[0] === at.duty ? pair[1] : pair[0];
        const otherHeld = list.find((h) => h.duty === other);
        const path = ['steps', at.node.index, 'duties', at.index];
        const data = { role, duty: at.duty, step: at.node.step.id, other };
        if (otherHeld) context.report({ messageId: 'sameRole', data: { ...data, otherStep: otherHeld.node.step.id }, path });
        else context.report({ messageId: 'byPosition', data, path });
      }
      for (const anyone of everyone) {
        for (const request of held.get(anyone) ?? []) {
          if (!pair.includes(request.duty)) continue;
          const other = pair[0] === request.duty ? pair[1] : pair[0];
          for (const [role, list] of held) {
            if (everyone.has(role)) continue;
            for (const h of list) {
              const recuse = h.node.step.recuseTo;
              if (h.duty !== other || unsure.has(h) || (recuse !== undefined && recuse !== role && !everyone.has(recuse))) continue;
              unsure.add(h);
              context.report({
                messageId: 'mayBeSamePerson',
                data: { step: h.node.step.id, duty: h.duty, role, otherStep: request.node.step.id, other: request.duty, anyone },
                path: ['steps', h.node.index, 'role'],
              });
            }
          }
        }
      }
    }
  },
});
