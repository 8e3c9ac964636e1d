/**
 * Building blocks for the rule tests' inline specs. HEAD is nine lines, so the
 * section after it starts on line 10; STEPS puts each step on its own line.
 */
export const HEAD = `id: expense-claim
title: 费用报销流程
category: management
department: finance
owner: finance-manager
version: 1.0.0
status: draft
goal: 员工垫付的费用五个工作日内报销到账。
scope: { start: 员工提交报销单, end: 报销款到账 }
`;

/** Three steps on lines 11–13 (after `steps:` on line 10). */
export const STEPS = `steps:
  - { id: submit, name: 提交报销, role: employee, deadline: 即时, next: approve }
  - { id: approve, name: 部门审批, kind: approval, role: department-head, deadline: 1 workday, next: pay }
  - { id: pay, name: 财务付款, role: cashier, deadline: 2 workdays }
`;

export const withStatus = (status: string) => HEAD.replace('status: draft', `status: ${status}`);
