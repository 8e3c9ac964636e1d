import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../scripts/lint/messages.ts';
import { applyFixes } from '../../scripts/lint/fix.ts';
import { lintProject, memorySource } from '../../scripts/lint/project.ts';
import { handbook, lintDisk, lintTexts, ONLY_SCHEMA, ORG, spec, worded } from './helpers.ts';

describe('lintProject on texts in memory', () => {
  it('returns every spec, sorted by file, with counts, and findings as data', async () => {
    const results = await lintTexts(
      [
        { file: 'b.md', text: spec('b', 'titel: x\n') },
        { file: 'a.md', text: spec('a') },
        { file: 'c.md', text: new TextEncoder().encode('no front matter') },
      ],
      { config: ONLY_SCHEMA, today: '2026-01-01' },
    );
    expect(results.map((r) => [r.file, r.errorCount, r.warningCount])).toEqual([
      ['a.md', 0, 0],
      ['b.md', 1, 0],
      ['c.md', 1, 0],
    ]);
    expect(results[1]!.findings[0]).toEqual({
      ruleId: 'schema',
      messageId: 'schema.unknownKey',
      data: { key: 'titel', where: '', suggestion: { message: 'schema.didYouMean', data: { key: 'title' } } },
      severity: 'error',
      file: 'b.md',
      line: 18,
      column: 1,
      endLine: 18,
      endColumn: 6,
      path: ['titel'],
    });
    // Worded only when shown, in the reader's language.
    expect(worded(results[1], 'en')[0]!.message).toBe('Unknown field `titel` — did you mean `title`?');
    expect(worded(results[1], 'zh-CN')[0]!.message).toBe('未知字段 `titel`，是否应为 `title`？');
  });

  it('is deterministic', async () => {
    const files = [{ file: 'x.md', text: spec('x', 'titel: 1\nsteps2: []\n') }];
    const once = JSON.stringify(await lintTexts(files, { org: ORG, today: '2026-01-01' }));
    expect(JSON.stringify(await lintTexts(files, { org: ORG, today: '2026-01-01' }))).toBe(once);
  });

  it('applies the warn severity from a config given as data', async () => {
    const [result] = await lintTexts([{ file: 'x.md', text: spec('x', 'titel: 1\n') }], { config: { rules: { schema: 'warn' } }, today: '2026-01-01' });
    expect([result!.errorCount, result!.warningCount, result!.findings[0]!.severity]).toEqual([0, 1, 'warning']);
  });

  it('reads the config, org registry and CODEOWNERS from the source, as CI does', async () => {
    const files = {
      'processlint.config.yml': 'extends: recommended\nrules:\n  step-owner: warn\n',
      'processes/org.yml': ORG,
      'processes/a.md': spec('a').replace('role: cs-agent', 'role: nobody'),
    };
    const run = await lintProject({ source: memorySource(files), specs: ['processes/a.md'], today: '2026-01-01' });
    expect(run.results[0]!.findings.map((f) => [f.ruleId, f.severity, f.messageId])).toContainEqual(['step-owner', 'warning', 'unknownRole']);
  });
});

describe('lintProject on disk', () => {
  it('finds the nearest org.yml of each spec and reports org problems once', async () => {
    const root = handbook({
      'processes/org.yml': ORG,
      'processes/a/one.md': spec('one'),
      'processes/b/org.yml': 'departments: []\nroles: 3\n',
      'processes/b/two.md': spec('two'),
    });
    const run = await lintDisk(root, { today: '2026-01-01', rules: { 'step-owner': 'error' } });
    expect(run.results.map((r) => r.file)).toEqual(['processes/a/one.md', 'processes/b/org.yml', 'processes/b/two.md']);
    expect(run.results[1]!.findings[0]!.ruleId).toBe('schema');
    const threaded = await lintDisk(root, { today: '2026-01-01', rules: { 'step-owner': 'error' }, threads: 2 });
    expect(JSON.stringify(threaded.results)).toBe(JSON.stringify(run.results));
  });

  it('reports an unreadable file as a fatal finding, keeping the other files', async () => {
    const root = handbook({ 'processes/org.yml': ORG, 'processes/a.md': spec('a'), 'processes/b.md': spec('b') });
    const locked = path.join(root, 'processes/b.md');
    chmodSync(locked, 0o000);
    let readable = true;
    try {
      readFileSync(locked);
    } catch {
      readable = false;
    }
    const run = await lintDisk(root, { today: '2026-01-01' });
    chmodSync(locked, 0o644);
    if (readable) return; // running as root: permissions do not apply
    expect(run.fatal).toBe(true);
    expect(run.results.map((r) => [r.file, r.findings[0]?.ruleId])).toEqual([
      ['processes/a.md', expect.anything()],
      ['processes/b.md', 'read-error'],
    ]);
  });

  it('refuses a spec larger than the limit without reading it', async () => {
    const root = handbook({ 'processes/big.md': spec('big', '', 'x'.repeat(2 * 1024 * 1024)) });
    const run = await lintDisk(root, { today: '2026-01-01' });
    expect(run.fatal).toBe(false);
    expect(worded(run.results[0]).map((d) => [d.ruleId, d.message])).toEqual([
      ['schema', 'The file is 2.0 MB, larger than the 1.0 MB a spec may be. Split the process or remove the pasted content.'],
    ]);
  });

  it('refuses a bad --today', async () => {
    const root = handbook({ 'processes/a.md': spec('a') });
    await expect(lintDisk(root, { today: '2026-1-1' })).rejects.toThrow(UsageError);
  });

  it('reads the config file at the root and its overrides by path', async () => {
    const root = handbook({
      'processlint.config.yml': 'rules:\n  schema: warn\noverrides:\n  - files: ["processes/old/**"]\n    rules:\n      schema: off\n',
      'processes/new/x.md': spec('x', 'titel: 1\n'),
      'processes/old/y.md': spec('y', 'titel: 1\n'),
    });
    const run = await lintDisk(root, { today: '2026-01-01' });
    expect(run.results.map((r) => [r.file, r.warningCount, r.errorCount])).toEqual([
      ['processes/new/x.md', 1, 0],
      ['processes/old/y.md', 0, 0],
    ]);
    writeFileSync(path.join(root, 'processlint.config.yml'), 'rules:\n  schema: loud\n');
    await expect(lintDisk(root)).rejects.toThrow(/processlint\.config\.yml at `rules\.schema`/);
  });
});

describe('no spec text ends the run', () => {
  const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];
  const fields = ['deadline', 'role', 'next', 'id', 'department', 'owner', 'accountable', 'status', 'kind'];

  it.each(names)('every field the linter looks things up by may read %s', async (name) => {
    const files = fields.map((field) => {
      const text = spec(`p-${field}`, `    ${field === 'next' || field === 'accountable' || field === 'kind' ? `${field}: ${name}\n` : ''}`).replace(new RegExp(`^(\\s*)${field}: .*$`, 'm'), `$1${field}: ${name}`);
      return { file: `processes/${field}.md`, text };
    });
    const results = await lintTexts([...files, { file: `processes/${name}/x.md`, text: spec('x') }], { org: ORG });
    expect(results.length).toBe(files.length + 1);
    for (const result of results) expect(worded(result).filter((finding) => finding.ruleId === 'rule-error').map((finding) => finding.message)).toEqual([]);
  });

  it('turns a failure while reading one spec into a finding on that spec', async () => {
    const { checkFile } = await import('../../scripts/lint/check-file.ts');
    const failing = { rules: new Map([['boom', { severity: 'error' as const, options: {} }]]), registry: { boom: { meta: { id: 'boom', type: 'problem' as const, severity: 'error' as const, docs: { description: { en: 'x', 'zh-CN': 'x' }, rationale: { en: 'x', 'zh-CN': 'x' }, examples: { valid: '', invalid: '' } }, messages: {} }, check() { throw new Error('kaput'); } } }, today: '2026-06-01' };
    const report = checkFile('processes/a.md', spec('a'), failing);
    expect(report.findings).toEqual([{ ruleId: 'rule-error', messageId: 'ruleFailed', data: { rule: 'boom', reason: 'kaput' }, severity: 'error', file: 'processes/a.md', line: 1, column: 1 }]);
    expect(report.outline?.id).toBe('a');
  });
});

describe('--fix for what only the handbook can answer', () => {
  it('writes the id of a process written by its name in scope.upstream, and leaves a name no process has', async () => {
    const upstream = (names: string) => spec('b').replace('  end: 结束\n', `  end: 结束\n  upstream: [${names}]\n`);
    const files = { 'org.yml': ORG, 'a.md': spec('a'), 'b.md': upstream('测试流程 a, 无此流程') };
    const lint = await lintProject({ source: memorySource(files), specs: ['a.md', 'b.md'], org: 'org.yml', config: ONLY_SCHEMA, today: '2026-06-01', withFixes: true });
    const { text, fixes } = lint.fixes!.get('b.md')!;
    expect(fixes.map((f) => f.finding.messageId)).toEqual(['schema.processNameNotId']);
    expect(applyFixes(text, fixes.map((f) => f.fix))).toBe(upstream('a, 无此流程'));
  });
});
