/** A small published process and its org registry, shared by the semantic diff tests. */

export const ORG = `departments:
  - id: finance
    name: 财务部
    github: ["@acme/finance"]
  - id: company
    name: 全公司
roles:
  - id: finance-manager
    name: 财务经理
    department: finance
    github: ["@acme/finance-leads"]
  - id: accountant
    name: 会计
    department: finance
  - id: cashier
    name: 出纳
    department: finance
  - id: department-head
    name: 部门负责人
    department: company
  - id: employee
    name: 员工
    department: company
`;

export const SPEC = `---
id: expense-claim
title: 费用报销流程
category: management
department: finance
owner: finance-manager
version: 1.0.0
status: published
goal: 员工垫付的费用在五个工作日内核实并报销到账。
scope:
  start: 员工提交费用报销单
  end: 报销款支付到员工账户
kpis:
  - id: cycle-time
    name: 报销周期
    target: "<= 5 workdays"
  - id: accuracy
    name: 付款准确率
    target: ">= 99%"
steps:
  - id: submit
    name: 提交报销
    role: employee
    deadline: 即时
    outputs: [《费用报销单》]
    next: approve
  - id: approve
    name: 部门审批
    kind: approval
    role: department-head
    deadline: 1 workday
    inputs: [《费用报销单》]
    controls: [金额与票据一致]
    next: pay
  - id: pay
    name: 财务付款
    role: cashier
    deadline: 2 workdays
    outputs: [《付款凭证》]
lifecycle:
  define: { status: done, date: 2026-01-05, outputs: [《流程目标与范围说明书》] }
  analyze: { status: done, date: 2026-01-19, outputs: [《现状调研分析报告》, 《当前流程图》] }
  design: { status: done, date: 2026-02-02, outputs: [《未来流程图》, 《流程操作说明》, 《异常处理预案》] }
  review: { status: done, date: 2026-02-16, outputs: [《流程评审记录》, 《修订版流程文档》], approvedBy: finance-manager }
  release: { status: done, date: 2026-03-02, effective: 2026-03-02, outputs: [《流程培训记录》, 《模板文件包》] }
  monitor: { status: in-progress, date: 2026-03-02, cadence: 每月 }
  improve: { status: planned, lastReview: 2026-03-02, nextReview: 2026-09-01 }
history:
  - version: 1.0.0
    date: 2026-03-02
    author: 财务经理
    change: 首次发布。
---

## 适用范围

员工因公垫付的费用。
`;

/** `text` with each `[from, to]` replaced once; fails loudly when a `from` is not there, so a test cannot silently test nothing. */
export function edit(text: string, ...replacements: Array<[string, string]>): string {
  let out = text;
  for (const [from, to] of replacements) {
    if (!out.includes(from)) throw new Error(`edit: ${JSON.stringify(from)} not found`);
    out = out.replace(from, to);
  }
  return out;
}

/** A version bump with its history entry: what a correct change to a published spec carries. */
export const BUMP: Array<[string, string]> = [
  ['version: 1.0.0\n', 'version: 1.1.0\n'],
  ['    change: 首次发布。\n', '    change: 首次发布。\n  - version: 1.1.0\n    date: 2026-06-01\n    author: 财务经理\n    change: 调整付款时限。\n'],
];
