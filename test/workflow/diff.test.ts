import { describe, expect, it } from 'vitest';
import { loadOrg } from '../../scripts/core/load-org.ts';
import type { Diagnostic } from '../../scripts/core/diagnostic.ts';
import { loadSpec } from '../../scripts/core/load-spec.ts';
import type { DiffReport } from '../../scripts/diff/collect.ts';
import { COMMENT_MARKER, describeChange, escapeMarkdown, formatMinutes, renderMarkdown, renderText } from '../../scripts/diff/render.ts';
import { diffSpecs, highlights, type SpecChange } from '../../scripts/diff/semantic.ts';
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

describe('diffSpecs', () => {
  it('finds nothing between identical revisions', () => {
    expect(diff(SPEC)).toEqual([]);
  });

  it('steps added, removed, renamed and moved', () => {
    const after = edit(
      SPEC,
      ...BUMP,
      // rename submit, move pay before approve, drop approve's control, add a new "check" step, remove nothing yet
      ['    name: 提交报销\n', '    name: 提交报销申请\n'],
    );
    const changes = diff(after);
    expect(changes).toContainEqual({ kind: 'step-renamed', step: { id: 'submit', name: '提交报销申请' }, from: '提交报销' });

    const reordered = edit(
      SPEC,
      ...BUMP,
      [
        `  - id: approve
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
`,
        `  - id: pay
    name: 财务付款
    role: cashier
    deadline: 2 workdays
    outputs: [《付款凭证》]
  - id: check
    name: 票据初审
    role: accountant
    deadline: 4h
    next: pay
`,
      ],
      ['    next: approve\n', '    next: check\n'],
    );
    const c2 = diff(reordered);
    expect(c2).toContainEqual({ kind: 'step-added', step: { id: 'check', name: '票据初审' }, position: 3 });
    expect(c2).toContainEqual({ kind: 'step-removed', step: { id: 'approve', name: '部门审批' }, position: 2 });
    expect(c2).toContainEqual({ kind: 'flow-changed', step: { id: 'submit', name: '提交报销' }, from: ['approve'], to: ['check'] });
    // submit, pay keep their relative order: nothing moved
    expect(kinds(c2)).not.toContain('step-moved');

    const swapped = edit(SPEC, ...BUMP, ['  - id: submit\n    name: 提交报销\n    role: employee\n    deadline: 即时\n    outputs: [《费用报销单》]\n    next: approve\n', ''], ['    outputs: [《付款凭证》]\n', '    outputs: [《付款凭证》]\n  - id: submit\n    name: 提交报销\n    role: employee\n    deadline: 即时\n    outputs: [《费用报销单》]\n    next: approve\n']);
    expect(diff(swapped)).toContainEqual({ kind: 'step-moved', step: { id: 'submit', name: '提交报销' }, from: 1, to: 3 });
  });

  it('responsible and accountable roles, with role names from the org', () => {
    const changes = diff(edit(SPEC, ...BUMP, ['    role: cashier\n', '    role: accountant\n    accountable: finance-manager\n']));
    expect(changes).toContainEqual({ kind: 'role-changed', step: { id: 'pay', name: '财务付款' }, field: 'role', from: [{ id: 'cashier', name: '出纳' }], to: [{ id: 'accountant', name: '会计' }] });
    expect(changes).toContainEqual({ kind: 'role-changed', step: { id: 'pay', name: '财务付款' }, field: 'accountable', from: [], to: [{ id: 'finance-manager', name: '财务经理' }] });
  });

  it('a deadline change, with the critical path before and after', () => {
    const changes = diff(edit(SPEC, ...BUMP, ['    deadline: 2 workdays\n', '    deadline: 3个工作日内\n']));
    expect(changes).toContainEqual({ kind: 'deadline-changed', step: { id: 'pay', name: '财务付款' }, from: '2 workdays', to: '3个工作日内' });
    // 0 + 1 + 2 workdays → 0 + 1 + 3 workdays, 8-hour days
    expect(changes).toContainEqual({ kind: 'critical-path', before: 3 * 480, after: 4 * 480, workdayHours: 8 });
    expect(describeChange(changes.find((c) => c.kind === 'critical-path')!, 'en')).toBe('Critical path total: 3 workdays → 4 workdays (+1 workday) (8-hour workdays)');
    expect(describeChange(changes.find((c) => c.kind === 'critical-path')!, 'zh-CN')).toBe('关键路径总时长：3 个工作日 → 4 个工作日（+1 个工作日）（按每个工作日 8 小时计）');
  });

  it('controls and outputs added and removed', () => {
    const changes = diff(edit(SPEC, ...BUMP, ['    controls: [金额与票据一致]\n', '    controls: [超过 5 万元须财务总监加签]\n'], ['    outputs: [《付款凭证》]\n', '    outputs: [《付款凭证》, 《付款通知》]\n']));
    const approve = { id: 'approve', name: '部门审批' };
    expect(changes).toContainEqual({ kind: 'control-added', step: approve, text: '超过 5 万元须财务总监加签' });
    expect(changes).toContainEqual({ kind: 'control-removed', step: approve, text: '金额与票据一致' });
    expect(changes).toContainEqual({ kind: 'output-added', step: { id: 'pay', name: '财务付款' }, text: '《付款通知》' });
    expect(kinds(changes)).not.toContain('critical-path');
  });

  it('KPI targets changed, KPIs added and removed', () => {
    const changes = diff(edit(SPEC, ...BUMP, ['    target: "<= 5 workdays"\n', '    target: "<= 4 workdays"\n'], ['  - id: accuracy\n    name: 付款准确率\n    target: ">= 99%"\n', '  - id: satisfaction\n    name: 员工满意度\n    target: ">= 90%"\n']));
    expect(changes).toContainEqual({ kind: 'kpi-target-changed', kpi: { id: 'cycle-time', name: '报销周期' }, from: '<= 5 workdays', to: '<= 4 workdays' });
    expect(changes).toContainEqual({ kind: 'kpi-added', kpi: { id: 'satisfaction', name: '员工满意度' }, target: '>= 90%' });
    expect(changes).toContainEqual({ kind: 'kpi-removed', kpi: { id: 'accuracy', name: '付款准确率' }, target: '>= 99%' });
  });

  it('lifecycle stage status and date changes', () => {
    const changes = diff(edit(SPEC, ...BUMP, ['  improve: { status: planned, lastReview', '  improve: { status: in-progress, date: 2026-06-01, lastReview']));
    expect(changes).toContainEqual({ kind: 'stage-changed', stage: 'improve', from: { status: 'planned' }, to: { status: 'in-progress', date: '2026-06-01' } });
  });

  it('other fields: goal, scope, KPI details, exceptions, step actions and inputs', () => {
    const changes = diff(edit(SPEC, ...BUMP, ['goal: 员工垫付的费用', 'goal: 员工因公垫付的费用'], ['  end: 报销款支付到员工账户', '  end: 报销款到账'], ['    name: 付款准确率\n', '    name: 付款准确率\n    source: 财务系统\n'], ['    inputs: [《费用报销单》]\n', '    inputs: [《费用报销单》, 《发票》]\n    action: 核对票据。\n']));
    expect(changes).toContainEqual({ kind: 'fields-changed', fields: ['goal', 'scope', 'kpis.accuracy'], body: false });
    expect(changes).toContainEqual({ kind: 'step-fields-changed', step: { id: 'approve', name: '部门审批' }, fields: ['inputs', 'action'] });
    expect(describeChange(changes.find((c) => c.kind === 'fields-changed')!, 'zh-CN')).toBe('其他修改：`goal`、`scope`、`kpis.accuracy`');
  });

  it('owner, status and version', () => {
    const changes = diff(edit(SPEC, ...BUMP, ['owner: finance-manager\n', 'owner: accountant\n'], ['status: published\n', 'status: retired\n']));
    expect(changes.slice(0, 3)).toEqual([
      { kind: 'owner-changed', from: { id: 'finance-manager', name: '财务经理' }, to: { id: 'accountant', name: '会计' } },
      { kind: 'status-changed', from: 'published', to: 'retired' },
      { kind: 'version-changed', from: '1.0.0', to: '1.1.0' },
    ]);
  });

  it('a published spec changed without a version bump or a history entry is reported', () => {
    const changes = diff(edit(SPEC, ['    deadline: 2 workdays\n', '    deadline: 1 workday\n']));
    expect(changes).toContainEqual({ kind: 'version-not-bumped', version: '1.0.0' });
    expect(changes).toContainEqual({ kind: 'history-not-added', version: '1.0.0' });
    // Even a change to the body counts, and the bump alone is not enough.
    const bodyOnly = diff(edit(SPEC, BUMP[0]!, ['员工因公垫付的费用。', '员工因公垫付的全部费用。']));
    expect(kinds(bodyOnly)).toEqual(['version-changed', 'fields-changed', 'history-not-added']);
    expect(bodyOnly[1]).toEqual({ kind: 'fields-changed', fields: [], body: true });
    // A draft may change freely.
    const draft = edit(SPEC, ['status: published\n', 'status: draft\n']);
    expect(diffSpecs(load(draft), load(edit(draft, ['    deadline: 2 workdays\n', '    deadline: 1 workday\n'])), { org }).map((c) => c.kind)).toEqual(['deadline-changed', 'critical-path']);
  });

  it('lint findings compared by rule and message, not line', () => {
    const finding = (ruleId: string, message: string, line: number): Diagnostic => ({ ruleId, message, line, column: 1, severity: 'error', file: FILE });
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
    expect(diffSpecs(load(SPEC), load(SPEC, 'processes/information/expense-claim.md'))).toEqual([
      { kind: 'spec-renamed', from: FILE, to: 'processes/information/expense-claim.md' },
    ]);
    const broken = loadSpec(FILE, SPEC.replace('steps:', 'stepz:'));
    expect(kinds(diffSpecs(load(SPEC), broken))).toEqual(['spec-invalid']);
  });

  it('accepts plain Process objects as well as loaded specs', () => {
    const before = load(SPEC).spec!;
    const after = load(edit(SPEC, ['    name: 财务付款\n', '    name: 出纳付款\n'])).spec!;
    expect(diffSpecs(before, after)).toEqual([
      { kind: 'step-renamed', step: { id: 'pay', name: '出纳付款' }, from: '财务付款' },
      { kind: 'version-not-bumped', version: '1.0.0' },
      { kind: 'history-not-added', version: '1.0.0' },
    ]);
  });
});

describe('highlights', () => {
  it('marks added and changed steps, lists removed ones', () => {
    expect(
      highlights([
        { kind: 'step-added', step: { id: 'a', name: 'A' }, position: 1 },
        { kind: 'deadline-changed', step: { id: 'b', name: 'B' }, from: '1h', to: '2h' },
        { kind: 'control-added', step: { id: 'a', name: 'A' }, text: 'x' },
        { kind: 'step-removed', step: { id: 'c', name: 'C' }, position: 3 },
      ]),
    ).toEqual({ highlight: { a: 'added', b: 'changed' }, removed: [{ id: 'c', name: 'C' }] });
  });
});

describe('renderers', () => {
  const report = (changes: SpecChange[]): DiffReport => ({
    base: 'origin/main',
    orgChanged: false,
    notes: [],
    specs: [{ file: FILE, status: 'modified', id: 'expense-claim', title: '费用报销流程', changes, highlight: { pay: 'changed' }, removedSteps: [{ id: 'approve', name: '部门审批' }], mermaid: 'flowchart TD\n  s0["x"]\n' }],
  });

  it('Markdown: the marker first, warnings first, escaped spec text, the flowchart', () => {
    const md = renderMarkdown(
      report([
        { kind: 'step-renamed', step: { id: 'pay', name: '<img src=x onerror=alert(1)> **付款** [x](http://evil)' }, from: 'a|b' },
        { kind: 'version-not-bumped', version: '1.0.0' },
      ]),
      { locale: 'zh-CN' },
    );
    expect(md.startsWith(`${COMMENT_MARKER}\n## 流程变更摘要\n`)).toBe(true);
    expect(md).toContain('对比 `origin/main` → 工作区：1 个流程有变化。');
    expect(md.indexOf('⚠️ 需要处理')).toBeLessThan(md.indexOf('**步骤**'));
    expect(md).toContain('- 步骤 `pay` 改名：「a\\|b」 → 「&lt;img src=x onerror=alert(1)> \\*\\*付款\\*\\* \\[x\\](http://evil)」');
    expect(md).not.toContain('<img');
    expect(md).toContain('```mermaid\nflowchart TD\n  s0["x"]\n```');
    expect(md).toContain('流程图标记：修改（黄色）：`pay`；已删除（不在新流程图中）：`approve`');
  });

  it('plain text in English', () => {
    const text = renderText(report([{ kind: 'deadline-changed', step: { id: 'pay', name: '财务付款' }, from: '2 workdays', to: '3 workdays' }]), { locale: 'en' });
    expect(text).toBe(
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

  it('keeps code spans in lint messages but escapes around them', () => {
    expect(escapeMarkdown('KPI `a<b` targets <= 5 *x*')).toBe('KPI `a<b` targets &lt;= 5 \\*x\\*');
    expect(escapeMarkdown('odd ` tick <')).toBe('odd \\` tick &lt;');
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
    changes: [{ kind: 'deadline-changed' as const, step: { id: 'a', name: 'A' }, from: '1h', to: '2h' }],
    highlight: { a: 'changed' as const },
    removedSteps: [],
    mermaid: `flowchart TD\n${'  s0["x"]\n'.repeat(200)}`,
  });
  const report: DiffReport = { base: 'origin/main', orgChanged: false, notes: [], specs: Array.from({ length: 20 }, (_, i) => spec(i)) };

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
