/**
 * The three commands together in a real git repository, as a process owner's
 * change goes: `new` writes a spec, `diff` shows it, `codeowners` assigns it, and
 * an owner change shows in the diff and as a stale CODEOWNERS until regenerated.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as codeowners } from '../../scripts/codeowners.ts';
import { semanticDiff } from '../../scripts/diff/collect.ts';
import { run as create } from '../../scripts/new.ts';
import { ORG } from './fixtures.ts';

let repo: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
const commit = (message: string) => {
  git('add', '-A');
  git('-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '-q', '-m', message);
};
const quiet = { out: () => {}, err: () => {} };
const FILE = 'processes/management/vendor-onboarding.md';

beforeAll(async () => {
  repo = mkdtempSync(join(tmpdir(), 'commands-'));
  git('init', '-q', '-b', 'main');
  mkdirSync(join(repo, 'processes'));
  writeFileSync(join(repo, 'processes/org.yml'), ORG);
  commit('org');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('new → diff → codeowners', () => {
  it('a new process shows as added, with no lint finding', async () => {
    expect(await create(['vendor-onboarding', '--category', 'management', '--department', 'finance', '--owner', 'finance-manager', '--title', '供应商准入流程'], { cwd: repo, ...quiet, today: '2026-06-01', locale: 'en' })).toBe(0);
    const report = (await semanticDiff({ cwd: repo, locale: 'zh-CN', today: '2026-06-01' }));
    expect(report.specs.map((s) => [s.status, s.file])).toEqual([['added', FILE]]);
    expect(report.specs[0]!.changes).toEqual([{ kind: 'spec-added', id: 'vendor-onboarding', title: '供应商准入流程' }]);
    expect(report.specs[0]!.mermaid).toContain('swimlane-beta TD');
  });

  it('CODEOWNERS names the owner; changing the owner shows in the diff and leaves CODEOWNERS stale until regenerated', async () => {
    expect(codeowners([], repo, quiet)).toBe(0);
    expect(readFileSync(join(repo, '.github/CODEOWNERS'), 'utf8')).toContain(`/${FILE} @acme/finance-leads\n`);
    commit('vendor onboarding');

    writeFileSync(join(repo, FILE), readFileSync(join(repo, FILE), 'utf8').replace('owner: finance-manager', 'owner: accountant'));
    const stale = (await semanticDiff({ cwd: repo, locale: 'en', today: '2026-06-01' })).specs[0]!;
    const finance = { id: 'finance', name: '财务部' };
    expect(stale.changes).toContainEqual({ kind: 'roles-changed', field: 'owner', from: [{ id: 'finance-manager', name: '财务经理', department: finance }], to: [{ id: 'accountant', name: '会计', department: finance }] });
    expect(stale.changes).toContainEqual({ kind: 'lint-introduced', finding: expect.objectContaining({ ruleId: 'codeowners', message: expect.stringContaining('maps to @acme/finance') }) });
    expect(codeowners(['--check'], repo, quiet)).toBe(1);

    expect(codeowners([], repo, quiet)).toBe(0);
    const fresh = (await semanticDiff({ cwd: repo, locale: 'en', today: '2026-06-01' })).specs[0]!;
    expect(fresh.changes.map((c) => c.kind)).toEqual(['roles-changed']);
  });
});
