import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run, type CliIo } from '../../scripts/cli.ts';
import { lintProject, memorySource, type ChangedSince } from '../../scripts/lint/project.ts';

/**
 * Versioning where a base is known: the finance manager's change (lower threshold, new archiving
 * step) checked against the spec as it was, through the linter's one entry point.
 */
const FIXTURES = path.resolve(import.meta.dirname, '../workflow/diff-fixtures/finance-manager');
const read = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const FILE = 'processes/information/expense-reimbursement.md';
const before = read('before.md');
const after = read('after.md');
/** The same change with the version left at 1.3.0 and no history entry for it. */
const unbumped = after.replace('version: 1.4.0\n', 'version: 1.3.0\n').replace(/  - version: 1\.4\.0\n(?: {4}.*\n)+/, '');
const org = read('org.yml');

async function lint(text: string, options: { changed?: boolean; against?: boolean; cacheRoot?: string } = {}) {
  const change: ChangedSince = { base: memorySource({ [FILE]: before, 'processes/org.yml': org }), paths: [FILE] };
  const run = await lintProject({
    source: memorySource({ [FILE]: text, 'processes/org.yml': org }),
    specs: [FILE],
    config: { extends: 'recommended' },
    today: '2026-09-20',
    ...(options.changed ? { changed: change } : {}),
    ...(options.against ? { against: change } : {}),
    ...(options.cacheRoot ? { cacheRoot: options.cacheRoot } : {}),
  });
  return run.results.find((result) => result.file === FILE)!.findings.filter((finding) => finding.ruleId.startsWith('version-'));
}

describe('versioning against the base of a change', () => {
  it('passes the finance manager’s change: 1.3.0 → 1.4.0 with its history entry', async () => {
    expect(unbumped).not.toContain('version: 1.4.0');
    expect(await lint(after, { changed: true })).toEqual([]);
  });

  it('asks for a new version when the change keeps 1.3.0, at the `version` line', async () => {
    const findings = await lint(unbumped, { changed: true });
    expect(findings.map(({ ruleId, messageId, line, data }) => ({ ruleId, messageId, line, data }))).toEqual([
      { ruleId: 'version-bump', messageId: 'notBumped', line: 9, data: { version: '1.3.0', previous: '1.3.0', patch: '1.3.1', minor: '1.4.0' } },
    ]);
    expect(await lint(unbumped, { against: true })).toHaveLength(1);
  });

  it('asks for a minor version when the new step comes with a patch', async () => {
    const patch = after.replace('version: 1.4.0\n', 'version: 1.3.1\n').replace('  - version: 1.4.0\n', '  - version: 1.3.1\n');
    expect((await lint(patch, { changed: true })).map((finding) => finding.messageId)).toEqual(['flowNeedsMinor']);
  });

  it('says nothing of the base without one, and never serves a report made against a base to a run without it', async () => {
    const cacheRoot = mkdtempSync(path.join(tmpdir(), 'versioning-cache-'));
    expect(await lint(unbumped, { cacheRoot })).toEqual([]);
    expect(await lint(unbumped, { changed: true, cacheRoot })).toHaveLength(1);
    expect(await lint(unbumped, { cacheRoot })).toEqual([]);
    expect(await lint(unbumped, { changed: true, cacheRoot })).toHaveLength(1);
  });

  it('always holds `version` to the newest history entry, base or not', async () => {
    const slip = after.replace('version: 1.4.0\n', 'version: 1.3.1\n');
    const findings = await lint(slip);
    expect(findings.map(({ messageId, line, data }) => ({ messageId, line, data }))).toEqual([{ messageId: 'newestNotVersion', line: 9, data: { version: '1.3.1', newest: '1.4.0' } }]);
  });
});

describe('processlint --changed in a git repository', () => {
  let repo: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
  async function lintChanged(): Promise<{ code: number; stdout: string }> {
    let stdout = '';
    const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stdout += t), cwd: repo, env: { LANG: 'C.UTF-8' }, isTTY: false };
    const code = await run(['--changed', 'main', '--no-cache', '--today', '2026-09-20', '--rule', 'codeowners:off'], io);
    return { code, stdout };
  }
  beforeAll(() => {
    repo = mkdtempSync(path.join(tmpdir(), 'versioning-git-'));
    git('init', '-q', '-b', 'main');
    mkdirSync(path.join(repo, 'processes/information'), { recursive: true });
    writeFileSync(path.join(repo, 'package.json'), '{}\n');
    writeFileSync(path.join(repo, 'processes/org.yml'), org);
    writeFileSync(path.join(repo, FILE), before);
    git('add', '-A');
    git('-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '-q', '-m', 'before');
  });

  it('asks the change that keeps its version for a new one, in the handbook’s language under LANG=C.UTF-8', async () => {
    writeFileSync(path.join(repo, FILE), unbumped);
    const result = await lintChanged();
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/9:10 +error +流程有修改，但 `version` 1\.3\.0 没有高于修改前的 1\.3\.0。.*version-bump/);
  });

  it('passes the finance manager’s change as written (1.4.0 and its history entry)', async () => {
    writeFileSync(path.join(repo, FILE), after);
    expect((await lintChanged()).stdout).not.toContain('version-');
  });
});
