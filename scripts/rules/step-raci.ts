import { defineRule } from '../lint/rule.ts';
import { EXAMPLE_DEFAULTS, exampleSpec } from './support/example.ts';
import { list } from './support/suggest.ts';

/**
 * RACI discipline: one accountable role per step, and segregation of duties —
 * an approval is not given by the role that made the request in the step
 * before it (any predecessor in the step graph, declared loops excluded).
 */
export default defineRule({
  meta: {
    id: 'step-raci',
    type: 'problem',
    severity: 'error',
    docs: {
      description: {
        en: 'A step with more than one accountable role, or an approval step whose approver is the role that made the request in the step before it.',
        'zh-CN': '步骤有多个最终负责（A）岗位，或审批步骤的审批人与上一步的申请人是同一岗位。',
      },
      rationale: {
        en: 'Accountability shared is accountability lost: each step has at most one accountable role (A). An approval exists so that someone other than the requester checks the request; when the same role submits and approves, the control point is empty (segregation of duties).',
        'zh-CN': '共同负责等于无人负责：每个步骤最多只有一个最终负责岗位（A）。审批的意义在于由申请人以外的人把关；同一岗位既申请又审批，控制点就形同虚设（职责分离）。',
      },
      examples: {
        valid: exampleSpec(),
        invalid: exampleSpec({ steps: EXAMPLE_DEFAULTS.steps.replace('    role: department-head\n', '    role: employee\n') }),
      },
    },
    messages: {
      multipleAccountable: {
        en: 'Step `{{step}}` has {{count}} accountable roles ({{roles}}); a step has one. Keep the role that answers for the result and make the others consulted or informed.',
        'zh-CN': '步骤 `{{step}}` 有 {{count}} 个最终负责岗位（{{roles}}），一个步骤只能有一个。请保留对结果负责的岗位，其余改为 consulted（征询）或 informed（知会）。',
      },
      selfApproval: {
        en: 'Approval step `{{step}}` is approved by `{{role}}`, the same role that does the step before it (`{{previous}}`). Have a different role approve (segregation of duties).',
        'zh-CN': '审批步骤 `{{step}}` 由 `{{role}}` 审批，而它也是上一步骤 `{{previous}}` 的执行岗位。请改由其他岗位审批（职责分离）。',
      },
    },
  },
  check(context) {
    const { model } = context;
    for (const node of model.steps) {
      const path = ['steps', node.index];
      const accountable = [...new Set(node.accountable)];
      if (accountable.length > 1) {
        context.report({ messageId: 'multipleAccountable', data: { step: node.step.id, count: accountable.length, roles: list(accountable) }, path: [...path, 'accountable'] });
      }
      if (node.kind !== 'approval' || model.byId.get(node.step.id) !== node) continue;
      const approvers = [
        ...(node.step.role ? [{ role: node.step.role, field: 'role' }] : []),
        ...node.accountable.map((role) => ({ role, field: 'accountable' })),
      ];
      const reported = new Set<string>();
      for (const edge of model.incoming.get(node.step.id) ?? []) {
        if (edge.loop) continue;
        const previous = model.byId.get(edge.from)!;
        for (const approver of approvers) {
          if (previous.step.role !== approver.role || reported.has(approver.role)) continue;
          reported.add(approver.role);
          const at = approver.field === 'role' || !Array.isArray(node.step.accountable) ? [...path, approver.field] : [...path, 'accountable', node.step.accountable.indexOf(approver.role)];
          context.report({ messageId: 'selfApproval', data: { step: node.step.id, role: approver.role, previous: previous.step.id }, path: at });
        }
      }
    }
  },
});
