/**
 * Builds the complete specs shown as each rule's docs examples. Every example is
 * the same small expense-claim process; a rule replaces only the sections its
 * example is about, so the valid and invalid examples differ in one defect.
 */
export interface ExampleParts {
  head?: string;
  scope?: string;
  kpis?: string;
  steps?: string;
  exceptions?: string;
  lifecycle?: string;
}

const HEAD = `id: expense-claim
title: 费用报销流程
category: management
department: finance
owner: finance-manager
version: 1.0.0
status: draft
goal: 员工垫付的费用在五个工作日内核实并报销到账。
`;

const SCOPE = `scope:
  start: 员工提交费用报销单
  end: 报销款支付到员工账户
`;

const KPIS = `kpis:
  - id: cycle-time
    name: 报销周期
    target: "<= 5 workdays"
`;

const STEPS = `steps:
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
    branches:
      - when: 同意
        outcome: approved
        to: pay
      - when: 单据不全，退回补充
        outcome: rejected
        to: submit
        loop: true
  - id: pay
    name: 财务付款
    role: cashier
    deadline: 2 workdays
`;

const LIFECYCLE = `lifecycle:
  define: { status: in-progress }
  analyze: { status: planned }
  design: { status: planned }
  review: { status: planned }
  release: { status: planned }
  monitor: { status: planned }
  improve: { status: planned }
`;

export const EXAMPLE_DEFAULTS: Required<ExampleParts> = {
  head: HEAD,
  scope: SCOPE,
  kpis: KPIS,
  steps: STEPS,
  exceptions: '',
  lifecycle: LIFECYCLE,
};

/** The example spec's front matter with some sections replaced. */
export function exampleSpec(parts: ExampleParts = {}): string {
  const all = { ...EXAMPLE_DEFAULTS, ...parts };
  return [all.head, all.scope, all.kpis, all.steps, all.exceptions, all.lifecycle].join('');
}

/** The lifecycle of a published process: every stage through release done, with the method's outputs. */
export const PUBLISHED_LIFECYCLE = `lifecycle:
  define: { status: done, date: 2026-01-05, outputs: [《流程目标与范围说明书》] }
  analyze: { status: done, date: 2026-01-19, outputs: [《现状调研分析报告》, 《当前流程图》] }
  design: { status: done, date: 2026-02-02, outputs: [《未来流程图》, 《流程操作说明》, 《异常处理预案》] }
  review:
    status: done
    date: 2026-02-16
    outputs: [《流程评审记录》, 《修订版流程文档》]
    reviewers: [accountant, operations-director]
    approvedBy: finance-director
  release: { status: done, date: 2026-03-02, effective: 2026-03-02, outputs: [《流程培训记录》, 《模板文件包》] }
  monitor: { status: in-progress, cadence: 每月 }
  improve: { status: planned, lastReview: 2026-03-02, nextReview: 2026-09-01 }
`;

export const EXAMPLE_EXCEPTIONS = `exceptions:
  - when: 报销单据不全
    action: 1 个工作日内退回员工补齐单据。
    role: accountant
    deadline: 1个工作日内
    step: approve
`;

/** The example as a published process: lifecycle through release done, with an exception plan. */
export function publishedExample(parts: ExampleParts = {}): string {
  return exampleSpec({
    head: HEAD.replace('status: draft', 'status: published'),
    exceptions: EXAMPLE_EXCEPTIONS,
    lifecycle: PUBLISHED_LIFECYCLE,
    ...parts,
  });
}
