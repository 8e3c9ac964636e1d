/**
 * The finance manager's change, as issue 14 tells it: in the expense process
 * (a copy under diff-fixtures/, not the live spec), the approval threshold goes
 * from 5万 to 3万, a step 发票归档核对 is added for the archivist (2个工作日内,
 * 《发票归档清单》, control 发票与凭证一一对应), the cycle-time KPI is limited to
 * what it measures (`to: book`), and the version is bumped with a history entry. A change to the
 * flow goes through stages 3–6 again, so the process is back in review until it is released.
 * The semantic diff must tell a reviewer all of it, and ask the archivist's
 * department to review.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../scripts/diff/cli.ts';
import { semanticDiff, type SpecDiff } from '../../scripts/diff/collect.ts';
import type { SpecChange } from '../../scripts/diff/semantic.ts';
import { edit } from './fixtures.ts';

const FIXTURE = new URL('./diff-fixtures/finance-manager/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURE), 'utf8');
const FILE = 'processes/information/expense-reimbursement.md';
const TODAY = '2026-09-15';

let repo: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), text);
};
const commit = (branch: string, text: string) => {
  git('checkout', '-q', '-B', branch, 'main');
  write(FILE, text);
  git('-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '-q', '-am', branch);
};
const cli = async (...args: string[]) => {
  const out: string[] = [];
  const code = (await run([...args, '--today', TODAY], repo, { out: (t) => out.push(t), err: (t) => out.push(t) }));
  return { code, text: out.join('\n') };
};
const diffOf = async (head: string): Promise<SpecDiff> => {
  const report = (await semanticDiff({ cwd: repo, base: 'main', head, locale: 'zh-CN', today: TODAY }));
  expect(report.specs.map((s) => s.file)).toEqual([FILE]);
  return report.specs[0]!;
};
const ofKind = <K extends SpecChange['kind']>(s: SpecDiff, kind: K) => s.changes.filter((c): c is SpecChange & { kind: K } => c.kind === kind);

const AFTER = fixture('after.md');
/** The first attempt: the KPI still measures the whole process, now two workdays longer. */
const FIRST_TRY = edit(AFTER, ['    to: book\n', '']);
/** A deadline nobody can compute with. */
const VAGUE = edit(AFTER, ['    role: archivist\n    deadline: 2个工作日内\n', '    role: archivist\n    deadline: 尽快\n']);

beforeAll(async () => {
  repo = mkdtempSync(join(tmpdir(), 'finance-manager-'));
  git('init', '-q', '-b', 'main');
  write('processes/org.yml', fixture('org.yml'));
  write(FILE, fixture('before.md'));
  git('add', '-A');
  git('-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '-q', '-m', 'base');
  commit('finance-manager', AFTER);
  commit('first-try', FIRST_TRY);
  commit('vague-deadline', VAGUE);
});

afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('the finance manager’s change', () => {
  const STEP = { id: 'invoice-archive', name: '发票归档核对' };
  const BOOK = { id: 'book', name: '记账归档' };
  const ARCHIVIST = { id: 'archivist', name: '档案管理员', nameEn: 'Archivist', department: { id: 'administration', name: '行政部', nameEn: 'Administration' } };

  it('the added step: role and department, deadline, inputs, outputs, control, and its place in the flow (8th, not 9th as in the file)', async () => {
    expect(ofKind((await diffOf('finance-manager')), 'step-added')).toEqual([
      {
        kind: 'step-added',
        step: STEP,
        position: 8,
        detail: {
          kind: 'task',
          action: '档案管理员按记账凭证逐张核对发票原件，登记《发票归档清单》后入档保管。',
          role: ARCHIVIST,
          accountable: [],
          consulted: [],
          informed: [],
          deadline: '2个工作日内',
          deadlineReadable: true,
          inputs: ['《记账凭证》'],
          outputs: ['《发票归档清单》'],
          controls: ['发票与凭证一一对应'],
          tools: [],
          previous: [{ step: BOOK, via: 'next' }],
          next: [],
        },
      },
    ]);
  });

  it('the threshold: both branch conditions and both instructions, before and after; the KPI renamed; the body’s paragraph', async () => {
    const s = (await diffOf('finance-manager'));
    const review = { id: 'finance-review', name: '财务审核' };
    expect(ofKind(s, 'branch-condition-changed')).toEqual([
      { kind: 'branch-condition-changed', step: review, target: { id: 'manager-approve', name: '财务经理审批' }, from: '金额≤5万元', to: '金额≤3万元' },
      { kind: 'branch-condition-changed', step: review, target: { id: 'director-approve', name: '财务总监审批' }, from: '金额>5万元', to: '金额>3万元' },
    ]);
    expect(ofKind(s, 'value-changed').map((c) => [c.field, c.from, c.to])).toEqual([
      ['action', '财务经理审批 5 万元及以下的报销。', '财务经理审批 3 万元及以下的报销。'],
      ['action', '财务总监审批 5 万元以上的报销，必要时征询总经理意见。', '财务总监审批 3 万元以上的报销，必要时征询总经理意见。'],
      ['name', '财务审核审批时长（5万元以下）', '财务审核审批时长（3万元以下）'],
      // A change to the flow goes back through review and release (stages 3–6): the new version is not in force yet.
      ['effective', '2025-05-01', undefined],
    ]);
    expect(ofKind(s, 'body-changed').map((c) => c.section)).toEqual(['审批权限', '付款与入账']);
  });

  it('the flow, the critical path and the KPI span', async () => {
    const s = (await diffOf('finance-manager'));
    expect(ofKind(s, 'flow-changed')).toEqual([{ kind: 'flow-changed', step: BOOK, from: [], to: [{ step: STEP, via: 'next' }] }]);
    expect(ofKind(s, 'critical-path')).toEqual([{ kind: 'critical-path', before: 10 * 480, after: 12 * 480, workdayHours: 8, uncountedBefore: [], uncountedAfter: [] }]);
    expect(ofKind(s, 'kpi-span-changed')).toEqual([{ kind: 'kpi-span-changed', kpi: { id: 'cycle-time', name: '报销总周期（提交至记账）' }, from: {}, to: { to: BOOK } }]);
  });

  it('the archivist’s department, new to the process, is asked to review; the change is complete, so nothing needs attention', async () => {
    const s = (await diffOf('finance-manager'));
    expect(ofKind(s, 'new-participant')).toEqual([{ kind: 'new-participant', role: ARCHIVIST, newDepartment: true, steps: [STEP], exceptions: [], reviewers: ['@acme/administration'] }]);
    const kinds = s.changes.map((c) => c.kind);
    for (const kind of ['version-not-bumped', 'history-not-added', 'lint-introduced'] as const) expect(kinds).not.toContain(kind);
    // Sending the change back through review also settles the earlier version's unreviewed change.
    expect(ofKind(s, 'lint-fixed').map((c) => c.finding.ruleId)).toEqual(['change-control', 'change-control', 'change-control']);
    expect(s.changes).toContainEqual({ kind: 'version-changed', from: '1.3.0', to: '1.4.0' });
    expect(ofKind(s, 'history-added')).toHaveLength(1);
  });

  it('the pull-request comment, in Chinese, whole', async () => {
    const { code, text } = await cli('main', 'finance-manager', '--format', 'markdown', '--locale', 'zh-CN');
    expect(code).toBe(0);
    for (const line of [
      '需请 @acme/administration 审核',
      '- 档案管理员（`archivist`）首次在本流程中承担工作：步骤「发票归档核对」（`invoice-archive`）。行政部此前没有参与本流程。需请 @acme/administration 审核。',
      '- 新增第 8 步「发票归档核对」（`invoice-archive`）\n  - 上一步：「记账归档」（`book`）\n  - 下一步：流程结束\n  - 责任岗位（R）：档案管理员（`archivist`），行政部\n  - 时间要求：「2个工作日内」',
      '  - 输出成果：《发票归档清单》\n  - 关键控制点：「发票与凭证一一对应」',
      '- 步骤「财务审核」（`finance-review`）转到「财务经理审批」（`manager-approve`）的条件：金额≤<del>5</del><ins>3</ins>万元',
      '- 关键路径总时长：10 个工作日 → 12 个工作日（+2 个工作日）（按每个工作日 8 小时计）',
      '- 指标「报销总周期（提交至记账）」的统计范围：从流程开始到流程结束 → 从流程开始到「记账归档」（`book`）',
      '- 正文「审批权限」一节修改：财务审核决定审批层级：金额 ≤ <del>5</del><ins>3</ins> 万元走财务经理审批，金额 > <del>5</del><ins>3</ins> 万元走财务总监审批。',
    ]) {
      expect(text).toContain(line);
    }
    await expect(`${text}\n`).toMatchFileSnapshot('./diff-fixtures/finance-manager/comment.zh-CN.md');
  });

  it('the terminal report, in English, whole; the reviewers for CI to request', async () => {
    const reviewers = join(repo, 'reviewers.json');
    const { code, text } = await cli('main', 'finance-manager', '--locale', 'en', '--reviewers', reviewers);
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(reviewers, 'utf8'))).toEqual(['@acme/administration']);
    expect(text).toContain('  - New step 8: “发票归档核对” (invoice-archive)\n      - Comes after: “记账归档” (book)\n      - Leads to: end of process\n      - Responsible role (R): Archivist (archivist), Administration\n      - Time requirement: “2个工作日内”');
    expect(text).toContain('  - Step “财务经理审批” (manager-approve), instruction: 财务经理审批 [-5-]{+3+} 万元及以下的报销。');
    await expect(`${text}\n`).toMatchFileSnapshot('./diff-fixtures/finance-manager/report.en.txt');
  });

  it('the first try, without the span: the KPI check fails and names the third fix', async () => {
    const introduced = ofKind((await diffOf('first-try')), 'lint-introduced');
    expect(introduced.map((c) => c.finding.ruleId)).toEqual(['kpi-feasible']);
    expect(introduced[0]!.finding.message).toContain('请用 `from` 和 `to` 写明计时起止的步骤（不写时统计整个流程：从 `submit` 到 `invoice-archive`）');
  });

  it('a deadline nobody can read is named in the critical-path line and in the step, never counted silently', async () => {
    const s = (await diffOf('vague-deadline'));
    const [path] = ofKind(s, 'critical-path');
    expect(path).toEqual({ kind: 'critical-path', before: 10 * 480, after: 10 * 480, workdayHours: 8, uncountedBefore: [], uncountedAfter: [{ step: STEP, deadline: '尽快' }] });
    const { text } = await cli('main', 'vague-deadline');
    expect(text).toContain('  - 关键路径总时长不变：10 个工作日（按每个工作日 8 小时计）；未计入（实际可能更长）：步骤「发票归档核对」（invoice-archive）的时间要求「尽快」无法识别');
    expect(text).toContain('      - 时间要求：「尽快」（无法识别，关键路径未计入）');
    expect(ofKind(s, 'lint-introduced').map((c) => c.finding.ruleId)).toEqual(['step-deadline']);
  });
});
