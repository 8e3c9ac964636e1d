/**
 * The semantic diff against real git repositories in a temp folder: a base
 * commit, a commit changing specs in each way a pull request can, and working
 * tree edits on top.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../scripts/diff/cli.ts';
import { semanticDiff, type DiffReport, type SpecDiff } from '../../scripts/diff/collect.ts';
import { COMMENT_MARKER } from '../../scripts/diff/render.ts';
import type { SpecChange } from '../../scripts/diff/semantic.ts';
import { BUMP, edit, ORG, SPEC } from './fixtures.ts';

let repo: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), text);
};
const commit = (message: string) => {
  git('add', '-A');
  git('-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '-q', '-m', message);
  return git('rev-parse', 'HEAD');
};

const LEAVE = edit(SPEC, ['id: expense-claim', 'id: leave-request'], ['title: 费用报销流程', 'title: 请假流程'], ['category: management', 'category: information']);
const MOVED = edit(SPEC, ['id: expense-claim', 'id: vendor-payment'], ['title: 费用报销流程', 'title: 供应商付款流程'], ['status: published', 'status: draft']);
const RETIRED = edit(SPEC, ['id: expense-claim', 'id: petty-cash'], ['title: 费用报销流程', 'title: 备用金流程']);
const NEW = edit(SPEC, ['id: expense-claim', 'id: travel-booking'], ['title: 费用报销流程', 'title: 差旅预订流程'], ['category: management', 'category: information'], ['status: published', 'status: draft']);

let base: string;
let head: string;
let report: DiffReport;
const spec = (r: DiffReport, id: string): SpecDiff => {
  const found = r.specs.find((s) => s.id === id);
  if (!found) throw new Error(`no diff for ${id}: ${r.specs.map((s) => s.id).join(', ')}`);
  return found;
};
const has = (s: SpecDiff, change: Partial<SpecChange>) => expect(s.changes).toContainEqual(expect.objectContaining(change));

beforeAll(async () => {
  repo = mkdtempSync(join(tmpdir(), 'semantic-diff-'));
  git('init', '-q', '-b', 'main');
  write('processes/org.yml', ORG);
  write('processes/management/expense-claim.md', SPEC);
  write('processes/information/leave-request.md', LEAVE);
  write('processes/management/vendor-payment.md', MOVED);
  write('processes/management/petty-cash.md', RETIRED);
  write('README.md', 'handbook\n');
  base = commit('base');

  // expense-claim: a proper change (bump + history): deadline, role, step added, step renamed, control removed, KPI target, lifecycle.
  write(
    'processes/management/expense-claim.md',
    edit(
      SPEC,
      ...BUMP,
      ['    deadline: 2 workdays\n', '    deadline: 3 workdays\n'],
      ['    role: cashier\n', '    role: accountant\n'],
      ['    name: 部门审批\n', '    name: 部门负责人审批\n'],
      ['    controls: [金额与票据一致]\n', ''],
      ['    target: "<= 5 workdays"\n', '    target: "<= 6 workdays"\n'],
      ['    next: pay\n', '    next: archive\n  - id: archive\n    name: 单据归档\n    role: accountant\n    deadline: 4h\n    next: pay\n'],
      ['  improve: { status: planned,', '  improve: { status: in-progress, date: 2026-06-01,'],
    ),
  );
  // leave-request: published, changed without a version bump or history entry; and a deadline nobody can read.
  write('processes/information/leave-request.md', edit(LEAVE, ['    deadline: 1 workday\n', '    deadline: 尽快\n']));
  // vendor-payment moved to another folder unchanged; petty-cash deleted; travel-booking added.
  mkdirSync(join(repo, 'processes/business'), { recursive: true });
  git('mv', 'processes/management/vendor-payment.md', 'processes/business/vendor-payment.md');
  unlinkSync(join(repo, 'processes/management/petty-cash.md'));
  write('processes/information/travel-booking.md', NEW);
  write('README.md', 'handbook, changed\n');
  head = commit('change');
  report = (await semanticDiff({ cwd: repo, base, head, locale: 'en', today: '2026-06-01' }));
});

afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('between two commits', () => {
  it('lists every changed spec once, sorted by path, and nothing else', async () => {
    expect(report.specs.map((s) => [s.status, s.file, s.oldFile])).toEqual([
      ['renamed', 'processes/business/vendor-payment.md', 'processes/management/vendor-payment.md'],
      ['modified', 'processes/information/leave-request.md', undefined],
      ['added', 'processes/information/travel-booking.md', undefined],
      ['modified', 'processes/management/expense-claim.md', undefined],
      ['deleted', 'processes/management/petty-cash.md', undefined],
    ]);
    expect(report.orgChanged).toBe(false);
    expect(report.base).toBe(base);
    expect(report.head).toBe(head);
  });

  it('a modified spec: steps, roles, deadlines with the critical path, controls, KPIs, lifecycle', async () => {
    const s = spec(report, 'expense-claim');
    has(s, { kind: 'step-added', step: { id: 'archive', name: '单据归档' }, position: 3 });
    const [approve, pay] = [{ step: { id: 'approve', name: '部门负责人审批' } }, { step: { id: 'pay', name: '财务付款' } }];
    const finance = { id: 'finance', name: '财务部' };
    has(s, { kind: 'value-changed', at: approve, field: 'name', from: '部门审批', to: '部门负责人审批' });
    has(s, { kind: 'roles-changed', at: pay, field: 'role', from: [{ id: 'cashier', name: '出纳', department: finance }], to: [{ id: 'accountant', name: '会计', department: finance }] });
    has(s, { kind: 'value-changed', at: pay, field: 'deadline', from: '2 workdays', to: '3 workdays' });
    // 1 + 2 workdays → 1 + 4 h + 3 workdays
    has(s, { kind: 'critical-path', before: 3 * 480, after: 4 * 480 + 240, workdayHours: 8 });
    has(s, { kind: 'items-changed', at: approve, field: 'controls', added: [], removed: ['金额与票据一致'] });
    has(s, { kind: 'value-changed', at: { kpi: { id: 'cycle-time', name: '报销周期' } }, field: 'target', from: '<= 5 workdays', to: '<= 6 workdays' });
    has(s, { kind: 'stage-changed', stage: 'improve', from: { status: 'planned' }, to: { status: 'in-progress', date: '2026-06-01' } });
    has(s, { kind: 'version-changed', from: '1.0.0', to: '1.1.0' });
    has(s, { kind: 'history-added', entry: { version: '1.1.0', date: '2026-06-01', author: '财务经理', change: '调整付款时限。' } });
    expect(s.changes.map((c) => c.kind)).not.toContain('version-not-bumped');
    expect(s.changes.map((c) => c.kind)).not.toContain('history-not-added');
    expect(s.highlight).toMatchObject({ archive: 'added', pay: 'changed', approve: 'changed' });
    // The added step's node is marked: node ids are the diagram's own, so find the marked one by its label.
    const added = /classDef added .*\n {2}class (\w+) added/.exec(s.mermaid ?? '')?.[1];
    expect(s.mermaid).toMatch(new RegExp(`\\n {4}${added}\\["\\d+\\.\\s单据归档<br/>`));
  });

  it('a published spec changed without a version bump or history entry, with the lint finding it introduces', async () => {
    const s = spec(report, 'leave-request');
    has(s, { kind: 'version-not-bumped', version: '1.0.0' });
    has(s, { kind: 'history-not-added', version: '1.0.0' });
    // The deadline nobody can read is named, not counted as nothing.
    has(s, { kind: 'critical-path', before: 3 * 480, after: 2 * 480, uncountedAfter: [{ step: { id: 'approve', name: '部门审批' }, deadline: '尽快' }] });
    const introduced = s.changes.filter((c) => c.kind === 'lint-introduced');
    expect(introduced.map((c) => c.kind === 'lint-introduced' && c.finding.ruleId)).toContain('step-deadline');
    expect(introduced.find((c) => c.kind === 'lint-introduced' && c.finding.ruleId === 'step-deadline')).toMatchObject({ finding: { message: expect.stringContaining('尽快') } });
  });

  it('added, deleted and moved specs', async () => {
    expect(spec(report, 'travel-booking').changes[0]).toEqual({ kind: 'spec-added', id: 'travel-booking', title: '差旅预订流程' });
    expect(spec(report, 'travel-booking').mermaid).toContain('swimlane-beta TD');
    expect(spec(report, 'petty-cash').changes).toEqual([{ kind: 'spec-removed', id: 'petty-cash', title: '备用金流程' }]);
    expect(spec(report, 'petty-cash').mermaid).toBeUndefined();
    expect(spec(report, 'vendor-payment').changes[0]).toEqual({ kind: 'spec-renamed', from: 'processes/management/vendor-payment.md', to: 'processes/business/vendor-payment.md' });
  });

  it('Markdown for the pull request: marker, sections, flowchart', async () => {
    const out: string[] = [];
    expect((await run([base, head, '--format', 'markdown', '--locale', 'zh-CN', '--today', '2026-06-01'], repo, { out: (t) => out.push(t), err: (t) => out.push(t) }))).toBe(0);
    const md = out.join('\n');
    expect(md.startsWith(COMMENT_MARKER)).toBe(true);
    expect(md).toContain('### 费用报销流程（expense-claim）— 修改');
    expect(md).toContain('- 步骤「财务付款」（`pay`）的时间要求：「2 workdays」 → 「3 workdays」');
    expect(md).toContain('- 关键路径总时长：3 个工作日 → 4 个工作日 4 小时（+1 个工作日 4 小时）（按每个工作日 8 小时计）');
    expect(md).toContain('- 步骤「财务付款」（`pay`）的责任岗位（R）：出纳（`cashier`） → 会计（`accountant`）');
    expect(md).toContain('- 这是已发布（published）的流程，修改后版本号仍为 1.0.0。请升级 `version`（例如 1.0.1 / 1.1.0）。');
    expect(md).toContain('### 备用金流程（petty-cash）— 删除');
    expect(md).toContain('```mermaid\n---\nconfig:');
  });
});

describe('against the working tree', () => {
  beforeAll(async () => {
    write('processes/management/expense-claim.md', edit(SPEC, ...BUMP, ['    deadline: 1 workday\n', '    deadline: 2 workdays\n']));
    write('processes/management/untracked-new.md', edit(NEW, ['id: travel-booking', 'id: untracked-new'], ['category: information', 'category: management']));
  });

  it('compares with HEAD, includes untracked specs, and falls back to main without origin/main', async () => {
    const wt = (await semanticDiff({ cwd: repo, locale: 'en', today: '2026-06-01' }));
    expect(wt.fallback).toBe('main');
    expect(wt.head).toBeUndefined();
    expect(wt.specs.map((s) => [s.status, s.id])).toEqual([
      ['modified', 'expense-claim'],
      ['added', 'untracked-new'],
    ]);
    has(spec(wt, 'expense-claim'), { kind: 'value-changed', at: { step: { id: 'approve', name: '部门审批' } }, field: 'deadline', from: '1 workday', to: '2 workdays' });
    const out: string[] = [];
    expect((await run(['--locale', 'en', '--today', '2026-06-01'], repo, { out: (t) => out.push(t), err: (t) => out.push(t) }))).toBe(0);
    expect(out.join('\n')).toMatch(/^Comparing main → the working tree: 2 processes changed\.\nNo origin\/main; compared with main instead\./);
  });

  it('uses origin/main when there is one', async () => {
    git('update-ref', 'refs/remotes/origin/main', base);
    const wt = (await semanticDiff({ cwd: repo, locale: 'en', today: '2026-06-01' }));
    expect(wt.base).toBe('origin/main');
    expect(wt.fallback).toBeUndefined();
    expect(wt.specs.map((s) => s.id)).toContain('petty-cash');
  });

  it('compares from the fork point when main moved on since the branch started', async () => {
    // main gains a change after `base`; the branch (HEAD, at `head`) never saw it
    const other = join(repo, '..', `${basename(repo)}-main`);
    git('worktree', 'add', '-q', '-b', 'later-main', other, base);
    writeFileSync(join(other, 'processes/management/petty-cash.md'), edit(RETIRED, ['    deadline: 1 workday\n', '    deadline: 5 workdays\n']));
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '-q', '-am', 'main moves on'], { cwd: other });
    git('update-ref', 'refs/remotes/origin/main', 'later-main');
    git('worktree', 'remove', '--force', other);
    const wt = (await semanticDiff({ cwd: repo, locale: 'en', today: '2026-06-01' }));
    expect(wt.forkPoint).toBe(base.slice(0, 12));
    // petty-cash is still simply deleted on the branch: main's later edit is not shown as reverted
    expect(spec(wt, 'petty-cash').changes).toEqual([{ kind: 'spec-removed', id: 'petty-cash', title: '备用金流程' }]);
    const out: string[] = [];
    (await run(['--locale', 'en', '--today', '2026-06-01'], repo, { out: (t) => out.push(t), err: (t) => out.push(t) }));
    expect(out.join('\n')).toContain(`Compared from where this branch forked from origin/main (${base.slice(0, 12)})`);
  });

  it('an unknown revision, a folder outside git, an unwritable output: clear errors, exit 2', async () => {
    const err: string[] = [];
    const io = { out: () => {}, err: (t: string) => err.push(t) };
    expect((await run(['no-such-branch', '--locale', 'en'], repo, io))).toBe(2);
    expect(err.pop()).toMatch(/^Cannot read the git revisions: unknown revision "no-such-branch"\nRun this inside the handbook repository/);
    const outside = mkdtempSync(join(tmpdir(), 'not-git-'));
    expect((await run([], outside, io))).toBe(2);
    expect(err.pop()).toContain('is not inside a git repository');
    rmSync(outside, { recursive: true });
    expect((await run(['--output', join(repo, 'no/such/dir/x.md'), '--today', '2026-06-01'], repo, io))).toBe(2);
    expect(err.pop()).toMatch(/^无法写入 .*x\.md：ENOENT/);
    expect((await run(['--format', 'html'], repo, io))).toBe(2);
  });
});
