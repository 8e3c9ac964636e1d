import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintPaths, lintTexts } from '../../scripts/lint/api.ts';
import { UsageError } from '../../scripts/lint/messages.ts';
import { handbook, ONLY_SCHEMA, ORG, spec } from './helpers.ts';

describe('lintTexts', () => {
  it('returns every input, sorted by file, with counts and message ids', () => {
    const results = lintTexts(
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
    expect(results[1]!.diagnostics[0]).toMatchObject({ ruleId: 'schema', messageId: 'problem', line: 18, column: 1, severity: 'error', url: 'https://handbook.example.com/rules/schema/' });
  });

  it('is deterministic', () => {
    const files = [{ file: 'x.md', text: spec('x', 'titel: 1\nsteps2: []\n') }];
    const once = JSON.stringify(lintTexts(files, { today: '2026-01-01', org: { file: 'org.yml', text: ORG } }));
    expect(JSON.stringify(lintTexts(files, { today: '2026-01-01', org: { file: 'org.yml', text: ORG } }))).toBe(once);
  });

  it('applies the warn severity from a raw config', () => {
    const [result] = lintTexts([{ file: 'x.md', text: spec('x', 'titel: 1\n') }], { config: { rules: { schema: 'warn' } }, today: '2026-01-01' });
    expect([result!.errorCount, result!.warningCount, result!.diagnostics[0]!.severity]).toEqual([0, 1, 'warning']);
  });
});

describe('lintPaths', () => {
  it('finds specs in folders and globs, the nearest org.yml, and reports org problems once', async () => {
    const root = handbook({
      'processes/org.yml': ORG,
      'processes/a/one.md': spec('one'),
      'processes/b/org.yml': 'departments: []\nroles: 3\n',
      'processes/b/two.md': spec('two'),
    });
    const run = await lintPaths(['processes'], { cwd: root, today: '2026-01-01', rules: { 'step-owner': 'error' }, cache: false });
    expect(run.results.map((r) => r.file)).toEqual(['processes/a/one.md', 'processes/b/org.yml', 'processes/b/two.md']);
    expect(run.results[1]!.diagnostics[0]!.ruleId).toBe('schema');
    const streamed = await lintPaths(['processes'], { cwd: root, today: '2026-01-01', rules: { 'step-owner': 'error' }, cache: false, threads: 1 });
    expect(JSON.stringify(streamed.results)).toBe(JSON.stringify(run.results));
    const globbed = await lintPaths(['processes/*/one.md'], { cwd: root, today: '2026-01-01', cache: false });
    expect(globbed.results.map((r) => r.file)).toEqual(['processes/a/one.md']);
  });

  it('reports an unreadable file as a fatal diagnostic, keeping the other files', async () => {
    const root = handbook({ 'processes/org.yml': ORG, 'processes/a.md': spec('a'), 'processes/b.md': spec('b') });
    const locked = path.join(root, 'processes/b.md');
    chmodSync(locked, 0o000);
    let readable = true;
    try {
      readFileSync(locked);
    } catch {
      readable = false;
    }
    const run = await lintPaths(['processes'], { cwd: root, cache: false, today: '2026-01-01' });
    chmodSync(locked, 0o644);
    if (readable) return; // running as root: permissions do not apply
    expect(run.fatal).toBe(true);
    expect(run.results.map((r) => [r.file, r.diagnostics[0]?.ruleId])).toEqual([
      ['processes/a.md', expect.anything()],
      ['processes/b.md', 'read-error'],
    ]);
  });

  it('refuses a spec larger than the limit without reading it, in both modes', async () => {
    const root = handbook({ 'processes/big.md': spec('big', '', 'x'.repeat(2 * 1024 * 1024)) });
    for (const threads of ['auto', 1] as const) {
      const run = await lintPaths(['processes'], { cwd: root, cache: false, today: '2026-01-01', threads });
      expect(run.fatal).toBe(false);
      expect(run.results[0]!.diagnostics.map((d) => [d.ruleId, d.message])).toEqual([
        ['schema', 'The file is 2.0 MB, larger than the 1.0 MB a spec may be. Split the process or remove the pasted content.'],
      ]);
    }
  });

  it('refuses a path that does not exist and a bad --today', async () => {
    const root = handbook({ 'processes/a.md': spec('a') });
    await expect(lintPaths(['nope'], { cwd: root })).rejects.toThrow(new UsageError('Path not found: nope.'));
    await expect(lintPaths(['processes'], { cwd: root, today: '2026-1-1' })).rejects.toThrow(UsageError);
  });

  it('reads the config file at the root and its overrides by path', async () => {
    const root = handbook({
      'processlint.config.yml': 'rules:\n  schema: warn\noverrides:\n  - files: ["processes/old/**"]\n    rules:\n      schema: off\n',
      'processes/new/x.md': spec('x', 'titel: 1\n'),
      'processes/old/y.md': spec('y', 'titel: 1\n'),
    });
    const run = await lintPaths(['processes'], { cwd: root, cache: false, today: '2026-01-01' });
    expect(run.results.map((r) => [r.file, r.warningCount, r.errorCount])).toEqual([
      ['processes/new/x.md', 1, 0],
      ['processes/old/y.md', 0, 0],
    ]);
    writeFileSync(path.join(root, 'processlint.config.yml'), 'rules:\n  schema: loud\n');
    await expect(lintPaths(['processes'], { cwd: root, cache: false })).rejects.toThrow(/processlint\.config\.yml at `rules\.schema`/);
  });
});
