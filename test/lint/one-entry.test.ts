/**
 * CI, the site and the pull-request diff ask the linter one question and get one answer: the same
 * findings, severities and positions for the same repository, with its config, org registry and
 * CODEOWNERS. The repository here changes severities in its config, so a caller that linted with the
 * bare preset would disagree.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintFindings } from '../../site/lib/lint-findings.ts';
import { run, type CliIo } from '../../scripts/cli.ts';
import { readSide, semanticDiff } from '../../scripts/diff/collect.ts';
import { BUMP, edit, ORG, SPEC } from '../workflow/fixtures.ts';

const TODAY = '2026-11-30';
const FILE = 'processes/management/expense-claim.md';
const CONFIG = 'extends: recommended\nrules:\n  approval-outcomes: warn\n  step-accountable: off\n';

let repo: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), text);
};

type Key = { ruleId: string; severity: string; line: number; column: number; message: string };
const sorted = (findings: Key[]) =>
  findings.map(({ ruleId, severity, line, column, message }) => ({ ruleId, severity, line, column, message })).sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message));

async function cliFindings(): Promise<Key[]> {
  let stdout = '';
  let stderrText = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderrText += t), cwd: repo, env: { LANG: 'zh_CN.UTF-8' }, isTTY: false };
  const code = await run(['processes', '--format', 'json', '--locale', 'zh-CN', '--today', TODAY, '--no-cache'], io);
  if (!stdout) throw new Error(`exit ${code}: ${stderrText}`);
  const files = JSON.parse(stdout) as Array<{ file: string; findings: Key[] }>;
  const file = files.find((f) => f.file === FILE);
  if (!file) throw new Error(`the CLI reported no ${FILE}: ${stdout.slice(0, 500)}`);
  return file.findings;
}

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'one-entry-'));
  git('init', '-q', '-b', 'main');
  write('processlint.config.yml', CONFIG);
  write('processes/org.yml', ORG);
  write('.github/CODEOWNERS', 'processes/ @acme/finance\n');
  write(FILE, SPEC);
  git('add', '-A');
  git('-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '-q', '-m', 'base');
  // The pull request: a bumped version, and a deadline nobody can check.
  write(FILE, edit(SPEC, ...BUMP, ['    deadline: 2 workdays\n', '    deadline: 尽快\n']));
});

afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('one entry point', () => {
  it('gives CI, the site and the pull-request diff the same findings, with the repository config applied', async () => {
    const cli = await cliFindings();
    const site = (await lintFindings([FILE], repo, TODAY)).get(FILE)?.['zh-CN'];
    // The diff lints each side of the pull request; here, the working tree.
    const diff = (await readSide(undefined, repo, { cwd: repo, locale: 'zh-CN', today: TODAY })).lint.get(FILE);

    expect(cli.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['step-deadline', 'approval-outcomes']));
    // The config's severities, not the preset's.
    expect(cli.filter((f) => f.ruleId === 'approval-outcomes').every((f) => f.severity === 'warning')).toBe(true);
    expect(cli.some((f) => f.ruleId === 'step-accountable')).toBe(false);

    expect(sorted(site ?? [])).toEqual(sorted(cli));
    expect(sorted(diff ?? [])).toEqual(sorted(cli));

    // And the pull-request comment reports the finding the change brought, as CI does.
    const report = await semanticDiff({ cwd: repo, base: 'HEAD', locale: 'zh-CN', today: TODAY });
    const changes = report.specs.find((s) => s.file === FILE)?.changes ?? [];
    expect(JSON.stringify(changes)).toContain(cli.find((f) => f.ruleId === 'step-deadline')!.message);
  });
});
