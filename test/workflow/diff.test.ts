import fc from 'fast-check';
import type { Html, Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { loadOrg } from '../../scripts/core/load-org.ts';
import type { Diagnostic } from '../../scripts/core/diagnostic.ts';
import { loadSpec } from '../../scripts/core/load-spec.ts';
import { bodyChanges } from '../../scripts/diff/body.ts';
import type { DiffReport } from '../../scripts/diff/collect.ts';
import { COMMENT_MARKER, describeChange, formatMinutes, plain, renderMarkdown, renderText, wordDiff } from '../../scripts/diff/render.ts';
import { diffSpecs, highlights, type SpecChange, type StepSummary } from '../../scripts/diff/semantic.ts';
import { BUMP, edit, ORG, SPEC } from './fixtures.ts';

const org = loadOrg('org.yml', ORG).org!;
const FILE = 'processes/management/expense-claim.md';
const load = (text: string, file = FILE) => {
  const loaded = loadSpec(file, text);
  expect(loaded.problems, 'fixture must be valid').toEqual([]);
  return loaded;
};
const diff = (after: string, ctx = {}) => diffSpecs(load(SPEC), load(after), { org, ...ctx });
const kinds = (changes: SpecChange[]) => changes.map((c) => c.kind);
const text = (change: SpecChange, locale: 'zh-CN' | 'en' = 'zh-CN') => plain(describeChange(change, locale).parts);
const find = <K extends SpecChange['kind']>(changes: SpecChange[], kind: K) => changes.find((c): c is SpecChange & { kind: K } => c.kind === kind)!;

const FINANCE = { id: 'finance', name: '财务部' };
const COMPANY = { id: 'company', name: '全公司' };
const ROLES = {
  accountant: { id: 'accountant', name: '会计', department: FINANCE },
  cashier: { id: 'cashier', name: '出纳', department: FINANCE },
  financeManager: { id: 'finance-manager', name: '财务经理', department: FINANCE },
  departmentHead: { id: 'department-head', name: '部门负责人', department: COMPANY },
};
const SUBMIT = { id: 'submit', name: '提交报销' };
const APPROVE = { id: 'approve', name: '部门审批' };
const PAY = { id: 'pay', name: '财务付款' };

/** A step "check" (票据初审) by the accountant between approve and pay, written at the end of the file. */
const CHECK_STEP = `  - id: check
    name: 票据初审
    action: 会计核对发票与报销单金额。
    role: accountant
    deadline: 4h
    inputs: [《费用报销单》]
    outputs: [《初审意见》]
    controls: [发票真实有效]
    next: pay
`;
const WITH_CHECK = edit(SPEC, ...BUMP, ['    controls: [金额与票据一致]\n    next: pay\n', '    controls: [金额与票据一致]\n    next: check\n'], ['    outputs: [《付款凭证》]\n', `    outputs: [《付款凭证》]\n${CHECK_STEP}`]);

describe('diffSpecs: steps', () => {
  it('finds nothing between identical revisions', () => {
    expect(diff(SPEC)).toEqual([]);
  });

  it('an added step: everything about it, numbered in flow order rather than file order', () => {
    const changes = diff(WITH_CHECK);
    const detail: StepSummary = {
      kind: 'task',
      action: '会计核对发票与报销单金额。',
      role: ROLES.accountant,
      accountable: [],
      consulted: [],
      informed: [],
      deadline: '4h',
      deadlineReadable: true,
      inputs: ['《费用报销单》'],
      outputs: ['《初审意见》'],
      controls: ['发票真实有效'],
      tools: [],
      previous: [{ step: APPROVE, via: 'next' }],
      next: [{ step: PAY, via: 'next' }],
    };
    // Last in the file, third in the flow.
    expect(changes).toContainEqual({ kind: 'step-added', step: { id: 'check', name: '票据初审' }, position: 3, detail });
    expect(changes).toContainEqual({ kind: 'flow-changed', step: APPROVE, from: [{ step: PAY, via: 'next' }], to: [{ step: { id: 'check', name: '票据初审' }, via: 'next' }] });
    // pay is still after approve: adding a step moves nothing.
    expect(kinds(changes)).not.toContain('step-moved');
    const line = describeChange(find(changes, 'step-added'), 'zh-CN');
    expect(plain(line.parts)).toBe('新增第 3 步「票据初审」（check）');
    expect(line.details!.map((d) => plain(d.parts))).toEqual([
      '上一步：「部门审批」（approve）',
      '下一步：「财务付款」（pay）',
      '责任岗位（R）：会计（accountant），财务部',
      '时间要求：「4h」',
      '操作说明：「会计核对发票与报销单金额。」',
      '输入：《费用报销单》',
      '输出成果：《初审意见》',
      '关键控制点：「发票真实有效」',
    ]);
  });

  it('a removed step: what it was and where it sat in the old flow', () => {
    const changes = diffSpecs(load(WITH_CHECK), load(edit(WITH_CHECK, ['    next: check\n', '    next: pay\n'], [CHECK_STEP, ''])), { org });
    const removed = find(changes, 'step-removed');
    expect(removed).toMatchObject({ step: { id: 'check', name: '票据初审' }, position: 3, detail: { role: ROLES.accountant, previous: [{ step: APPROVE }], next: [{ step: PAY }] } });
    expect(text(removed, 'en')).toBe('Step “票据初审” (check) removed (was step 3)');
  });

  it('a step moved in the flow, by flow position; moving it in the file alone changes nothing', () => {
    // approve before submit in the flow: approve starts (first step), then submit, then pay
    const swapped = edit(
      SPEC,
      ...BUMP,
      ['  - id: submit\n    name: 提交报销\n    role: employee\n    deadline: 即时\n    outputs: [《费用报销单》]\n    next: approve\n', ''],
      ['    controls: [金额与票据一致]\n    next: pay\n', '    controls: [金额与票据一致]\n    next: submit\n'],
      ['    outputs: [《付款凭证》]\n', '    outputs: [《付款凭证》]\n  - id: submit\n    name: 提交报销\n    role: employee\n    deadline: 即时\n    outputs: [《费用报销单》]\n    next: pay\n'],
    );
    const changes = diff(swapped);
    expect(changes.filter((c) => c.kind === 'step-moved')).toEqual([{ kind: 'step-moved', step: SUBMIT, from: 1, to: 2 }]);
    expect(text(find(changes, 'step-moved'))).toBe('步骤「提交报销」（submit）在流程中的位置：第 1 步 → 第 2 步');

    // pay written before approve in the file, the flow unchanged
    const APPROVE_STEP = '  - id: approve\n    name: 部门审批\n    kind: approval\n    role: department-head\n    deadline: 1 workday\n    inputs: [《费用报销单》]\n    controls: [金额与票据一致]\n    next: pay\n';
    const PAY_STEP = '  - id: pay\n    name: 财务付款\n    role: cashier\n    deadline: 2 workdays\n    outputs: [《付款凭证》]\n';
    const reordered = edit(SPEC, ...BUMP, [APPROVE_STEP + PAY_STEP, PAY_STEP + APPROVE_STEP]);
    const moved = diff(reordered);
    expect(kinds(moved)).toEqual(['version-changed', 'history-added']);
  });

  it('every changed field of a kept step, before and after; texts as a word-level diff', () => {
    const changes = diff(
      edit(
        SPEC,
        ...BUMP,
        ['    name: 部门审批\n', '    name: 部门负责人审批\n    action: 部门负责人核对费用是否真实发生。\n'],
        ['    role: cashier\n', '    role: accountant\n    accountable: finance-manager\n    action: 出纳通过网银付款。\n'],
        ['    inputs: [《费用报销单》]\n', '    inputs: [《费用报销单》, 《发票》]\n'],
        ['    kind: approval\n', ''],
      ),
    );
    const approve = { id: 'approve', name: '部门负责人审批' };
    expect(changes.filter((c) => 'at' in c && c.at && 'step' in c.at && c.at.step.id === 'approve')).toEqual([
      { kind: 'value-changed', at: { step: approve }, field: 'name', from: '部门审批', to: '部门负责人审批' },
      { kind: 'value-changed', at: { step: approve }, field: 'kind', from: 'approval' },
      { kind: 'value-changed', at: { step: approve }, field: 'action', to: '部门负责人核对费用是否真实发生。' },
      { kind: 'items-changed', at: { step: approve }, field: 'inputs', added: ['《发票》'], removed: [] },
    ]);
    expect(changes).toContainEqual({ kind: 'roles-changed', at: { step: PAY }, field: 'role', from: [ROLES.cashier], to: [ROLES.accountant] });
    expect(changes).toContainEqual({ kind: 'roles-changed', at: { step: PAY }, field: 'accountable', from: [], to: [ROLES.financeManager] });
    const lines = changes.map((c) => text(c));
    expect(lines).toContain('步骤「部门负责人审批」（approve）的名称：部门{+负责人+}审批');
    expect(lines).toContain('步骤「部门负责人审批」（approve）的类型：审批（approval） → 未填写');
    expect(lines).toContain('步骤「部门负责人审批」（approve）的输入：新增《发票》');
    expect(lines).toContain('步骤「财务付款」（pay）的责任岗位（R）：出纳（cashier） → 会计（accountant）');
    expect(lines).toContain('步骤「财务付款」（pay）的操作说明：未填写 → 「出纳通过网银付款。」');
  });

  it('a changed instruction, word by word', () => {
    const before = edit(SPEC, ['    role: cashier\n', '    role: cashier\n    action: 出纳在 2 个工作日内通过网银付款。\n']);
    const after = edit(before, ...BUMP, ['出纳在 2 个工作日内通过网银付款。', '出纳在 1 个工作日内通过网银或支票付款。']);
    const change = find(diffSpecs(load(before), load(after), { org }), 'value-changed');
    expect(change).toEqual({ kind: 'value-changed', at: { step: PAY }, field: 'action', from: '出纳在 2 个工作日内通过网银付款。', to: '出纳在 1 个工作日内通过网银或支票付款。' });
    expect(describeChange(change, 'en').parts).toEqual(['Step “财务付款” (', { code: 'pay' }, '), instruction: 出纳在 ', { del: '2' }, { ins: '1' }, ' 个工作日内通过网银', { ins: '或支票' }, '付款。']);
  });

  it('a deadline change, with the critical path before and after', () => {
    const changes = diff(edit(SPEC, ...BUMP, ['    deadline: 2 workdays\n', '    deadline: 3个工作日内\n']));
    expect(changes).toContainEqual({ kind: 'value-changed', at: { step: PAY }, field: 'deadline', from: '2 workdays', to: '3个工作日内' });
    // 0 + 1 + 2 workdays → 0 + 1 + 3 workdays, 8-hour days
    const path = find(changes, 'critical-path');
    expect(path).toEqual({ kind: 'critical-path', before: 3 * 480, after: 4 * 480, workdayHours: 8, uncountedBefore: [], uncountedAfter: [] });
    expect(text(path, 'en')).toBe('Critical path total: 3 workdays → 4 workdays (+1 workday) (8-hour workdays)');
    expect(text(path)).toBe('关键路径总时长：3 个工作日 → 4 个工作日（+1 个工作日）（按每个工作日 8 小时计）');
    expect(text(find(changes, 'value-changed'))).toBe('步骤「财务付款」（pay）的时间要求：「2 workdays」 → 「3个工作日内」');
  });

  it('a deadline that cannot be read, or none at all, is named in the critical-path line, never counted silently', () => {
    const changes = diff(edit(SPEC, ...BUMP, ['    deadline: 2 workdays\n', '    deadline: 尽快\n'], ['    deadline: 1 workday\n', '']));
    const path = find(changes, 'critical-path');
    expect(path).toEqual({
      kind: 'critical-path',
      before: 3 * 480,
      after: 0,
      workdayHours: 8,
      uncountedBefore: [],
      uncountedAfter: [{ step: APPROVE }, { step: PAY, deadline: '尽快' }],
    });
    expect(text(path)).toBe('关键路径总时长：3 个工作日 → 0 分钟（-3 个工作日）（按每个工作日 8 小时计）；未计入（实际可能更长）：步骤「部门审批」（approve）没有时间要求；步骤「财务付款」（pay）的时间要求「尽快」无法识别');
    // Unchanged totals still say what they leave out.
    const same = diffSpecs(load(edit(SPEC, ['    deadline: 即时\n', '    deadline: 尽快\n'])), load(edit(SPEC, ...BUMP, ['    deadline: 即时\n', '    deadline: 看情况\n'])), { org });
    expect(text(find(same, 'critical-path'), 'en')).toBe(
      'Critical path total unchanged: 3 workdays (8-hour workdays); not counted (the real total may be longer): step “提交报销” (submit)\'s time requirement “看情况” cannot be read; not counted in the old version: step “提交报销” (submit)\'s time requirement “尽快” cannot be read',
    );
  });

  it('a changed branch condition, word by word; changed targets as the flow before and after', () => {
    const branched = edit(SPEC, ['    controls: [金额与票据一致]\n    next: pay\n', '    controls: [金额与票据一致]\n    branches:\n      - { when: 金额≤5万元, to: pay }\n      - { when: 票据不全, to: submit, loop: true }\n']);
    const condition = diffSpecs(load(branched), load(edit(branched, ...BUMP, ['金额≤5万元', '金额≤3万元'])), { org });
    expect(condition).toContainEqual({ kind: 'branch-condition-changed', step: APPROVE, target: PAY, from: '金额≤5万元', to: '金额≤3万元' });
    expect(kinds(condition)).not.toContain('flow-changed');
    expect(text(find(condition, 'branch-condition-changed'))).toBe('步骤「部门审批」（approve）转到「财务付款」（pay）的条件：金额≤[-5-]{+3+}万元');

    const retarget = diffSpecs(load(branched), load(edit(branched, ...BUMP, ['to: submit, loop: true', 'to: pay'])), { org });
    const flow = find(retarget, 'flow-changed');
    expect(flow.to).toEqual([{ step: PAY, via: 'branch', when: '金额≤5万元' }, { step: PAY, via: 'branch', when: '票据不全' }]);
    expect(text(flow)).toBe('步骤「部门审批」（approve）的下一步：「财务付款」（pay）（条件「金额≤5万元」）；「提交报销」（submit）（条件「票据不全」）（退回） → 「财务付款」（pay）（条件「金额≤5万元」）；「财务付款」（pay）（条件「票据不全」）');
  });
});

describe('diffSpecs: KPIs, process fields, exceptions, lifecycle, body', () => {
  it('KPIs: added and removed with target and span, renamed word by word, target and span changed', () => {
    const changes = diff(
      edit(
        SPEC,
        ...BUMP,
        ['    name: 报销周期\n    target: "<= 5 workdays"\n', '    name: 报销总周期\n    target: "<= 4 workdays"\n    to: approve\n'],
        ['  - id: accuracy\n    name: 付款准确率\n    target: ">= 99%"\n', '  - id: approval-time\n    name: 审批时长\n    target: "<= 1 workday"\n    from: approve\n    frequency: 每月\n'],
      ),
    );
    const kpi = { id: 'cycle-time', name: '报销总周期' };
    expect(changes.filter((c) => sectionKpi(c))).toEqual([
      { kind: 'value-changed', at: { kpi }, field: 'name', from: '报销周期', to: '报销总周期' },
      { kind: 'value-changed', at: { kpi }, field: 'target', from: '<= 5 workdays', to: '<= 4 workdays' },
      { kind: 'kpi-span-changed', kpi, from: {}, to: { to: APPROVE } },
      { kind: 'kpi-added', kpi: { id: 'approval-time', name: '审批时长', target: '<= 1 workday', span: { from: APPROVE }, frequency: '每月' } },
      // Not a time KPI: no span.
      { kind: 'kpi-removed', kpi: { id: 'accuracy', name: '付款准确率', target: '>= 99%' } },
    ]);
    expect(changes.filter(sectionKpi).map((c) => text(c))).toEqual([
      '指标「报销总周期」的名称：报销{+总+}周期',
      '指标「报销总周期」的目标：「<= 5 workdays」 → 「<= 4 workdays」',
      '指标「报销总周期」的统计范围：从流程开始到流程结束 → 从流程开始到「部门审批」（approve）',
      '新增指标「审批时长」（approval-time），目标「<= 1 workday」，统计范围从「部门审批」（approve）到流程结束，统计频率「每月」',
      '删除指标「付款准确率」（accuracy）（原目标「>= 99%」）',
    ]);
    expect(text(find(changes, 'kpi-span-changed'), 'en')).toBe('KPI “报销总周期”, measured span: from the start to the end → from the start to “部门审批” (approve)');
  });

  it('process fields: texts word by word, lists as items added and removed, roles named', () => {
    const changes = diff(edit(SPEC, ...BUMP, ['goal: 员工垫付的费用', 'goal: 员工因公垫付的费用'], ['  end: 报销款支付到员工账户\n', '  end: 报销款到账\n  excludes: [工资]\n'], ['owner: finance-manager\n', 'owner: accountant\n']));
    expect(changes.slice(0, 4)).toEqual([
      { kind: 'roles-changed', field: 'owner', from: [ROLES.financeManager], to: [ROLES.accountant] },
      { kind: 'value-changed', field: 'goal', from: '员工垫付的费用在五个工作日内核实并报销到账。', to: '员工因公垫付的费用在五个工作日内核实并报销到账。' },
      { kind: 'value-changed', field: 'scope.end', from: '报销款支付到员工账户', to: '报销款到账' },
      { kind: 'items-changed', field: 'scope.excludes', added: ['工资'], removed: [] },
    ]);
    expect(changes.slice(0, 4).map((c) => text(c, 'en'))).toEqual([
      'Process owner: 财务经理 (finance-manager) → 会计 (accountant)',
      'Goal: 员工{+因公+}垫付的费用在五个工作日内核实并报销到账。',
      'End of the process: 报销款[-支付-]到[-员工账户-]{+账+}',
      'What it does not cover: added “工资”',
    ]);
  });

  it('exception plans added, removed and changed (an edited situation pairs with the old one)', () => {
    const base = edit(SPEC, ['lifecycle:\n', 'exceptions:\n  - when: 票据遗失\n    action: 由经办人出具情况说明。\n    role: accountant\n  - when: 审批人休假\n    action: 由代理人审批。\nlifecycle:\n']);
    const changes = diffSpecs(load(base), load(edit(base, ...BUMP, ['  - when: 票据遗失\n    action: 由经办人出具情况说明。\n', '  - when: 发票遗失\n    action: 由经办人出具情况说明并经部门负责人签字。\n'], ['  - when: 审批人休假\n    action: 由代理人审批。\n', '  - when: 系统故障\n    action: 线下填写纸质报销单。\n    deadline: 1个工作日内\n    step: submit\n'])), { org });
    expect(changes.filter((c) => c.kind.startsWith('exception') || ('at' in c && c.at && 'exception' in c.at))).toEqual([
      { kind: 'value-changed', at: { exception: { when: '发票遗失' } }, field: 'when', from: '票据遗失', to: '发票遗失' },
      { kind: 'value-changed', at: { exception: { when: '发票遗失' } }, field: 'action', from: '由经办人出具情况说明。', to: '由经办人出具情况说明并经部门负责人签字。' },
      { kind: 'value-changed', at: { exception: { when: '系统故障' } }, field: 'when', from: '审批人休假', to: '系统故障' },
      { kind: 'value-changed', at: { exception: { when: '系统故障' } }, field: 'action', from: '由代理人审批。', to: '线下填写纸质报销单。' },
      { kind: 'value-changed', at: { exception: { when: '系统故障' } }, field: 'deadline', to: '1个工作日内' },
      { kind: 'value-changed', at: { exception: { when: '系统故障' } }, field: 'step', to: 'submit' },
    ]);
    const added = diffSpecs(load(SPEC), load(edit(base, ...BUMP)), { org });
    const plan = find(added, 'exception-added');
    expect(plan.exception).toEqual({ when: '票据遗失', action: '由经办人出具情况说明。', role: ROLES.accountant });
    expect(describeChange(plan, 'zh-CN').details!.map((d) => plain(d.parts))).toEqual(['处理措施：「由经办人出具情况说明。」', '负责岗位：会计（accountant），财务部']);
  });

  it('lifecycle: stage status and date, and every other stage field', () => {
    const changes = diff(edit(SPEC, ...BUMP, ['  improve: { status: planned, lastReview', '  improve: { status: in-progress, date: 2026-06-01, lastReview'], ['approvedBy: finance-manager', 'approvedBy: finance-manager, reviewers: [accountant]']));
    expect(changes).toContainEqual({ kind: 'stage-changed', stage: 'improve', from: { status: 'planned' }, to: { status: 'in-progress', date: '2026-06-01' } });
    expect(changes).toContainEqual({ kind: 'roles-changed', at: { stage: 'review' }, field: 'reviewers', from: [], to: [ROLES.accountant] });
    expect(text(find(changes, 'roles-changed'))).toBe('阶段四 评审与修订（review）的评审岗位：未指定 → 会计（accountant）');
  });

  it('the body paragraph by paragraph, as readers see it', () => {
    const changes = diff(edit(SPEC, ...BUMP, ['员工因公垫付的费用。\n', '员工因公垫付的[全部](#submit)费用。\n\n## 例外\n\n- 工资不在此列。\n']));
    expect(changes.filter((c) => c.kind === 'body-changed')).toEqual([
      { kind: 'body-changed', section: '适用范围', from: '员工因公垫付的费用。', to: '员工因公垫付的全部费用。' },
      { kind: 'body-changed', section: '例外', to: '例外' },
      { kind: 'body-changed', section: '例外', to: '工资不在此列。' },
    ]);
    expect(changes.filter((c) => c.kind === 'body-changed').map((c) => text(c))).toEqual(['正文「适用范围」一节修改：员工因公垫付的{+全部+}费用。', '正文「例外」一节新增段落：「例外」', '正文「例外」一节新增段落：「工资不在此列。」']);
  });
});

/** Whether a change belongs to the KPI section. */
function sectionKpi(c: SpecChange): boolean {
  return c.kind.startsWith('kpi-') || ('at' in c && c.at !== undefined && 'kpi' in c.at);
}

describe('bodyChanges', () => {
  it('pairs edits in order, keeps removals and additions apart, and shows a link-only change as written', () => {
    expect(bodyChanges('# A\n\none\n\ntwo\n\nthree\n', '# A\n\none, edited\n\nthree\n\nfour\n')).toEqual([
      { section: 'A', from: 'one', to: 'one, edited' },
      { section: 'A', from: 'two' },
      { section: 'A', to: 'four' },
    ]);
    expect(bodyChanges('See [the form](form:a).\n', 'See [the form](form:b).\n')).toEqual([{ from: 'See [the form](form:a).', to: 'See [the form](form:b).' }]);
    expect(bodyChanges('- a\n- b\n', '- a\n- b\n')).toEqual([]);
  });
});

describe('diffSpecs: work newly given', () => {
  const withOthers = `${ORG}  - id: archivist
    name: 档案管理员
    department: administration
  - id: admin-manager
    name: 行政经理
    department: administration
    github: ["@acme/administration"]
  - id: auditor
    name: 审计员
    department: audit
`.replace('roles:\n', '  - id: administration\n    name: 行政部\n  - id: audit\n    name: 审计部\nroles:\n');
  const bigOrg = loadOrg('org.yml', withOthers).org!;
  const archive = edit(SPEC, ...BUMP, ['    outputs: [《付款凭证》]\n', '    outputs: [《付款凭证》]\n    next: archive\n  - id: archive\n    name: 单据归档\n    role: archivist\n    deadline: 1 workday\n']);

  it('a role from a department with no part in the process: called out, its department asked to review', () => {
    const changes = diffSpecs(load(SPEC), load(archive), { org: bigOrg });
    const joined = find(changes, 'new-participant');
    expect(joined).toEqual({
      kind: 'new-participant',
      role: { id: 'archivist', name: '档案管理员', department: { id: 'administration', name: '行政部' } },
      newDepartment: true,
      steps: [{ id: 'archive', name: '单据归档' }],
      exceptions: [],
      reviewers: ['@acme/administration'],
    });
    expect(text(joined)).toBe('档案管理员（archivist）首次在本流程中承担工作：步骤「单据归档」（archive）。行政部此前没有参与本流程。需请 @acme/administration 审核。');
    expect(text(joined, 'en')).toBe('档案管理员 (archivist) takes on work in this process for the first time: step “单据归档” (archive). 行政部 had no part in it before. Needs review by @acme/administration.');
  });

  it('a new role of a department already in the process; a department with no one to ask; roles that already had a part', () => {
    // The accountant is new to the process, finance is not; the owner's team is asked by CODEOWNERS already.
    const accountant = diffSpecs(load(SPEC), load(edit(SPEC, ...BUMP, ['    role: cashier\n', '    role: accountant\n'])), { org: bigOrg });
    expect(find(accountant, 'new-participant')).toMatchObject({ role: { id: 'accountant' }, newDepartment: false, reviewers: ['@acme/finance'] });
    // The auditor's department has no github: nobody to ask, and the line says so.
    const audit = diffSpecs(load(SPEC), load(edit(archive, ['role: archivist', 'role: auditor'])), { org: bigOrg });
    expect(find(audit, 'new-participant')).toMatchObject({ role: { id: 'auditor' }, newDepartment: true, reviewers: [] });
    expect(text(find(audit, 'new-participant'))).toContain('无法自动请其审核');
    // The department head was informed before and now approves: not new.
    const informed = edit(SPEC, ['    role: cashier\n', '    role: cashier\n    informed: [employee]\n']);
    expect(kinds(diffSpecs(load(informed), load(edit(informed, ...BUMP, ['    role: cashier\n', '    role: employee\n'])), { org: bigOrg }))).not.toContain('new-participant');
  });

  it('a new process: only roles outside the owning department', () => {
    const changes = diffSpecs(undefined, load(edit(archive, ['status: published', 'status: draft'])), { org: bigOrg });
    // employee (company), department-head (company) and the archivist (administration) are from other departments; cashier is finance.
    expect(changes.filter((c) => c.kind === 'new-participant').map((c) => c.kind === 'new-participant' && c.role.id)).toEqual(['employee', 'department-head', 'archivist']);
  });
});

describe('diffSpecs: versions, lint, files', () => {
  it('a published spec changed without a version bump or a history entry is reported', () => {
    const changes = diff(edit(SPEC, ['    deadline: 2 workdays\n', '    deadline: 1 workday\n']));
    expect(changes).toContainEqual({ kind: 'version-not-bumped', version: '1.0.0' });
    expect(changes).toContainEqual({ kind: 'history-not-added', version: '1.0.0' });
    // Even a change to the body counts, and the bump alone is not enough.
    const bodyOnly = diff(edit(SPEC, BUMP[0]!, ['员工因公垫付的费用。', '员工因公垫付的全部费用。']));
    expect(kinds(bodyOnly)).toEqual(['version-changed', 'body-changed', 'history-not-added']);
    // A draft may change freely.
    const draft = edit(SPEC, ['status: published\n', 'status: draft\n']);
    expect(kinds(diffSpecs(load(draft), load(edit(draft, ['    deadline: 2 workdays\n', '    deadline: 1 workday\n'])), { org }))).toEqual(['value-changed', 'critical-path']);
  });

  it('lint findings compared by rule and message, not line', () => {
    const finding = (ruleId: string, message: string, line: number): Diagnostic => ({ ruleId, messageId: 'x', message, line, column: 1, severity: 'error', file: FILE });
    const changes = diffSpecs(load(SPEC), load(SPEC), {
      lintBefore: [finding('step-deadline', 'A', 10), finding('kpi-feasible', 'B', 20), finding('kpi-feasible', 'B', 21)],
      lintAfter: [finding('step-deadline', 'A', 14), finding('kpi-feasible', 'B', 25), finding('step-owner', 'C', 3)],
    });
    expect(changes).toEqual([
      { kind: 'lint-introduced', finding: { ruleId: 'step-owner', severity: 'error', message: 'C', line: 3 } },
      { kind: 'lint-fixed', finding: { ruleId: 'kpi-feasible', severity: 'error', message: 'B', line: 21 } },
    ]);
  });

  it('added, deleted, renamed and invalid specs', () => {
    expect(diffSpecs(undefined, load(SPEC))).toEqual([{ kind: 'spec-added', id: 'expense-claim', title: '费用报销流程' }]);
    expect(diffSpecs(load(SPEC), undefined)).toEqual([{ kind: 'spec-removed', id: 'expense-claim', title: '费用报销流程' }]);
    expect(diffSpecs(load(SPEC), load(SPEC, 'processes/information/expense-claim.md'))).toEqual([{ kind: 'spec-renamed', from: FILE, to: 'processes/information/expense-claim.md' }]);
    const broken = loadSpec(FILE, SPEC.replace('steps:', 'stepz:'));
    expect(kinds(diffSpecs(load(SPEC), broken))).toEqual(['spec-invalid']);
  });

  it('accepts plain Process objects as well as loaded specs', () => {
    const before = load(SPEC).spec!;
    const after = load(edit(SPEC, ['    name: 财务付款\n', '    name: 出纳付款\n'])).spec!;
    expect(diffSpecs(before, after)).toEqual([
      { kind: 'value-changed', at: { step: { id: 'pay', name: '出纳付款' } }, field: 'name', from: '财务付款', to: '出纳付款' },
      { kind: 'version-not-bumped', version: '1.0.0' },
      { kind: 'history-not-added', version: '1.0.0' },
    ]);
  });
});

describe('highlights', () => {
  it('marks added and changed steps, lists removed ones', () => {
    const detail = {} as StepSummary;
    expect(
      highlights([
        { kind: 'step-added', step: { id: 'a', name: 'A' }, position: 1, detail },
        { kind: 'value-changed', at: { step: { id: 'b', name: 'B' } }, field: 'deadline', from: '1h', to: '2h' },
        { kind: 'items-changed', at: { step: { id: 'a', name: 'A' } }, field: 'controls', added: ['x'], removed: [] },
        { kind: 'value-changed', at: { kpi: { id: 'k', name: 'K' } }, field: 'target', from: '1', to: '2' },
        { kind: 'step-removed', step: { id: 'c', name: 'C' }, position: 3, detail },
      ]),
    ).toEqual({ highlight: { a: 'added', b: 'changed' }, removed: [{ id: 'c', name: 'C' }] });
  });
});

describe('wordDiff', () => {
  it('cuts Chinese into words, other scripts at spaces', () => {
    expect(wordDiff('财务经理审批', '财务总监审批')).toEqual(['财务', { del: '经理' }, { ins: '总监' }, '审批']);
    expect(wordDiff('Pay within two days', 'Pay within three days')).toEqual(['Pay within ', { del: 'two' }, { ins: 'three' }, ' days']);
  });
});

describe('renderers', () => {
  const report = (changes: SpecChange[]): DiffReport => ({
    base: 'origin/main',
    orgChanged: false,
    reviewRequests: [],
    notes: [],
    specs: [{ file: FILE, status: 'modified', id: 'expense-claim', title: '费用报销流程', changes, highlight: { pay: 'changed' }, removedSteps: [{ id: 'approve', name: '部门审批' }], mermaid: 'flowchart TD\n  s0["x"]\n' }],
  });

  it('Markdown: the marker first, warnings first, spec text escaped by the serialiser, the flowchart', () => {
    const md = renderMarkdown(
      report([
        { kind: 'value-changed', at: { step: { id: 'pay', name: '<img src=x onerror=alert(1)> **付款** [x](http://evil)' } }, field: 'name', from: 'a|b $x$', to: '<ins>c</ins>' },
        { kind: 'version-not-bumped', version: '1.0.0' },
      ]),
      { locale: 'zh-CN' },
    );
    expect(md.startsWith(`${COMMENT_MARKER}\n\n## 流程变更摘要\n`)).toBe(true);
    expect(md).toContain('对比 `origin/main` → 工作区：1 个流程有变化。');
    expect(md.indexOf('⚠️ 需要处理')).toBeLessThan(md.indexOf('**步骤**'));
    expect(md).toContain('- 步骤「\\<img src=x onerror=alert(1)> \\*\\*付款\\*\\* \\[x]\\(http\\://evil)」（`pay`）的名称：<del>a|b \\$x\\$</del><ins>\\<ins>c\\</ins></ins>');
    expect(md).toContain('```mermaid\nflowchart TD\n  s0["x"]\n```');
    expect(md).toContain('流程图标记：修改（黄色）：`pay`；已删除（不在新流程图中）：`approve`');
  });

  it('Markdown: whatever a spec holds, the only HTML is ours and its text reads back unchanged', () => {
    const ours = new Set([COMMENT_MARKER, '<del>', '</del>', '<ins>', '</ins>', '<details open><summary>新版流程图</summary>', '</details>']);
    const step = { id: 'pay', name: '财务付款' };
    // Texts made of Markdown and HTML syntax, Chinese and Latin words.
    const TOKENS = ['<', '>', '</', 'img ', 'ins', 'del', 'script', '=', '"', '*', '_', '[', ']', '(', ')', '`', '$', '~~', '|', '&', '&amp;', '#', '!', '\\', ':', 'http://x', '-', '1.', ' ', '  ', '财务', '审批', 'a', '@team', '<!--', '-->'];
    const markupText = fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(markupText, markupText, (from, to) => {
        fc.pre(from.trim() !== '' && to.trim() !== '');
        const md = renderMarkdown(report([{ kind: 'value-changed', at: { step }, field: 'action', from, to }]), { locale: 'zh-CN' });
        const tree = unified().use(remarkParse).parse(md);
        const html: string[] = [];
        visit(tree, 'html', (node: Html) => void html.push(node.value.trim()));
        expect(html.filter((h) => !ours.has(h))).toEqual([]);
        // The list item reads back as the word diff's text: every deleted and inserted word, in order.
        const item = (tree.children.find((n) => n.type === 'list') as Nodes | undefined)!;
        const expected = plain(describeChange({ kind: 'value-changed', at: { step }, field: 'action', from, to }, 'zh-CN').parts.map((p) => (typeof p === 'object' && 'del' in p ? p.del : typeof p === 'object' && 'ins' in p ? p.ins : p)));
        expect(toString(item, { includeHtml: false }).replace(/\s+/g, ' ').trim()).toBe(expected.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 200 },
    );
  });

  it('plain text in English', () => {
    const changed = report([{ kind: 'value-changed', at: { step: { id: 'pay', name: '财务付款' } }, field: 'deadline', from: '2 workdays', to: '3 workdays' }]);
    expect(renderText(changed, { locale: 'en' })).toBe(
      [
        'Comparing origin/main → the working tree: 1 process changed.',
        '',
        '== 费用报销流程 (expense-claim) — modified ==',
        '   processes/management/expense-claim.md',
        'Steps:',
        '  - Step “财务付款” (pay), time requirement: “2 workdays” → “3 workdays”',
        'Flowchart marks: changed (amber): pay; removed (not in the new flowchart): approve',
        '',
      ].join('\n'),
    );
  });

  it('keeps code spans in lint messages; the serialiser escapes the rest', () => {
    const md = renderMarkdown(report([{ kind: 'lint-introduced', finding: { ruleId: 'kpi-feasible', severity: 'error', message: 'KPI `a<b` targets <= 5 *x*', line: 3 } }]), { locale: 'en' });
    expect(md).toContain('- New error `kpi-feasible`, line 3: KPI `a<b` targets <= 5 \\*x\\*');
  });

  it('formats working minutes', () => {
    expect(formatMinutes(2 * 480 + 90, 8, 'zh-CN')).toBe('2 个工作日 1 小时 30 分钟');
    expect(formatMinutes(-30, 8, 'en')).toBe('-30 min');
    expect(formatMinutes(0, 8, 'en')).toBe('0 min');
  });
});

describe('long comments', () => {
  const spec = (n: number) => ({
    file: `processes/management/p${n}.md`,
    status: 'modified' as const,
    id: `p${n}`,
    title: `流程${n}`,
    changes: [{ kind: 'value-changed' as const, at: { step: { id: 'a', name: 'A' } }, field: 'deadline', from: '1h', to: '2h' }],
    highlight: { a: 'changed' as const },
    removedSteps: [],
    mermaid: `flowchart TD\n${'  s0["x"]\n'.repeat(200)}`,
  });
  const report: DiffReport = { base: 'origin/main', orgChanged: false, reviewRequests: [], notes: [], specs: Array.from({ length: 20 }, (_, i) => spec(i)) };

  it('fit in one GitHub comment: flowcharts go first, then specs, each with a note', () => {
    const full = renderMarkdown(report, { locale: 'en', maxLength: 1_000_000 });
    expect(full).toContain('```mermaid');
    const noCharts = renderMarkdown(report, { locale: 'en', maxLength: 20_000 });
    expect(noCharts.length).toBeLessThanOrEqual(20_000);
    expect(noCharts).not.toContain('```mermaid');
    expect(noCharts).toContain('> The comment is too long for the flowcharts; see them in the site preview.');
    expect(noCharts).toContain('### 流程19 (p19)');
    const cut = renderMarkdown(report, { locale: 'zh-CN', maxLength: 1_500 });
    expect(cut.length).toBeLessThanOrEqual(1_500);
    expect(cut.startsWith(COMMENT_MARKER)).toBe(true);
    expect(cut).toMatch(/还有 \d+ 个流程的变化未能列出/);
  });
});
