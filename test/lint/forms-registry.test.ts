/**
 * The forms registry through the linter's one entry point: each spec's nearest `forms.yml` is read
 * like its `org.yml`; its own problems are a result at file:line:column, a step's form it lacks is a
 * `form-registered` warning on the spec, and a registered form no step names is one on the registry
 * when the run covers every spec below it. A registry change invalidates the cache and is picked up
 * by `--changed`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintProject, memorySource } from '../../scripts/lint/project.ts';
import { handbook, lintDisk, ORG, spec, worded } from './helpers.ts';

/** Only the registry's own checks and the rule under test. */
const CONFIG = { rules: { schema: 'error', 'form-registered': 'warn' } } as const;

const registry = (...names: string[]) => `forms:\n${names.map((name, i) => `  - id: form-${i}\n    name: ${name}\n    description: 一张表单。\n    owner: cs-agent\n    location: { system: OA 系统 }\n`).join('')}`;

/** A spec whose one step uses `inputs` and produces `outputs`. */
const withForms = (id: string, inputs: string[], outputs: string[] = []) => spec(id, `    inputs: [${inputs.join(', ')}]\n${outputs.length ? `    outputs: [${outputs.join(', ')}]\n` : ''}`);

const lint = (files: Record<string, string>, specs = Object.keys(files).filter((file) => file.endsWith('.md')), config: object = CONFIG) =>
  lintProject({ source: memorySource(files), specs, config, today: '2026-06-01' });

const lines = (result: { findings: Array<{ line: number; column: number; ruleId: string; messageId: string }> } | undefined) => (result?.findings ?? []).map((f) => `${f.line}:${f.column} ${f.ruleId}/${f.messageId}`);

describe('the forms registry in lintProject', () => {
  it('reports the registry’s own problems at file:line:column, as the site build does', async () => {
    const broken = `${registry('投诉登记表')}  - id: form-0\n    name: 《回访记录》\n    description: 重复的标识。\n    owner: nobody\n    location: { system: OA 系统 }\n`;
    const run = await lint({ 'processes/org.yml': ORG, 'processes/forms.yml': broken, 'processes/a.md': withForms('a', ['《投诉登记表》']) });
    const result = run.results.find((r) => r.file === 'processes/forms.yml');
    expect(lines(result)).toEqual(['7:9 schema/forms.duplicateId', '8:11 schema/forms.bracketedName', '10:12 schema/forms.unknownOwner', '8:11 form-registered/unused'].sort((a, b) => parseInt(a) - parseInt(b) || a.localeCompare(b)));
    expect(result!.errorCount).toBe(3);
    expect(worded(result, 'en').find((f) => f.messageId === 'forms.unknownOwner')!.message).toContain('Role `nobody` is not in the org registry');
  });

  it('reports YAML that does not parse, and a registry it cannot read', async () => {
    const run = await lint({ 'processes/org.yml': ORG, 'processes/forms.yml': 'forms:\n  - id: [\n', 'processes/a.md': withForms('a', ['《甲表》']) });
    const result = run.results.find((r) => r.file === 'processes/forms.yml')!;
    expect(result.errorCount).toBeGreaterThan(0);
    expect(result.findings[0]!.line).toBeGreaterThan(1);
    // A registry that does not load has nothing to check against: the spec is not told its forms are unregistered.
    expect(run.results.find((r) => r.file === 'processes/a.md')!.findings).toEqual([]);

    const unreadable = await lintProject({
      source: { read: (file) => (file === 'processes/forms.yml' ? { error: 'EACCES' } : file === 'processes/a.md' ? withForms('a', ['《甲表》']) : undefined) },
      specs: ['processes/a.md'],
      config: CONFIG,
      today: '2026-06-01',
    });
    expect(unreadable.results.find((r) => r.file === 'processes/forms.yml')!.findings.map((f) => [f.ruleId, f.data])).toEqual([['read-error', { detail: 'EACCES' }]]);
    expect(unreadable.fatal).toBe(true);
  });

  it('warns for a step’s form the nearest registry lacks, with a did-you-mean from its names', async () => {
    const run = await lint({ 'processes/org.yml': ORG, 'processes/forms.yml': registry('投诉登记表', '回访记录'), 'processes/a.md': withForms('a', ['《投诉登记表》', '《投诉登纪表》'], ['回访记录', '《结案报告》']) });
    const result = run.results.find((r) => r.file === 'processes/a.md')!;
    expect(result.findings.map((f) => [f.messageId, f.severity, f.data])).toEqual([
      ['unregistered', 'warning', { step: 'receive', form: '投诉登纪表', suggestion: { suggestion: '投诉登记表' } }],
      ['unregistered', 'warning', { step: 'receive', form: '结案报告', suggestion: { suggestion: null } }],
    ]);
    expect(worded(result, 'zh-CN')[0]!.message).toBe('步骤 `receive` 提到的表单《投诉登纪表》没有在表单登记中（是否应为 `投诉登记表`？）。请更正名称，或在表单登记（`forms.yml`）中登记该表单。');
  });

  it('is silent without a registry; a spec outside the registry’s folder has none', async () => {
    const run = await lint({ 'processes/org.yml': ORG, 'processes/forms.yml': registry('甲表'), 'processes/a.md': withForms('a', ['《甲表》']), 'other/b.md': withForms('b', ['《乙表》']) });
    expect(run.results.map((r) => [r.file, r.findings.length])).toEqual([
      ['other/b.md', 0],
      ['processes/a.md', 0],
    ]);
  });

  it('reports a registered form no step names on the registry, at its entry, only when the run covers every spec below it', async () => {
    const files = {
      'processes/org.yml': ORG,
      'processes/forms.yml': registry('甲表', '乙表', '丙表', '丁表'),
      'processes/a.md': withForms('a', ['《甲表》']),
      'processes/sub/b.md': withForms('b', [], ['《丙表》']),
      // A lifecycle stage's output uses a registered form too.
      'processes/sub/c.md': spec('c').replace('steps:', 'lifecycle:\n  define: { status: done, date: 2026-01-05, outputs: [《丁表》] }\nsteps:'),
    };
    const whole = await lint(files);
    const result = whole.results.find((r) => r.file === 'processes/forms.yml')!;
    expect(lines(result)).toEqual(['8:11 form-registered/unused']);
    expect([result.errorCount, result.warningCount]).toEqual([0, 1]);
    expect(worded(result, 'en')[0]!.message).toBe('No step or lifecycle stage of the handbook uses or produces the registered form 《乙表》. Name it in the `inputs` or `outputs` of the step that uses or produces it, or remove the entry if the form is no longer used.');

    // Linting one spec, the other might name it: nothing is said.
    expect((await lint(files, ['processes/a.md'])).results.map((r) => r.file)).toEqual(['processes/a.md']);
    // Off in the config: nothing either.
    expect((await lint(files, undefined, { rules: { schema: 'error' } })).results.find((r) => r.file === 'processes/forms.yml')).toBeUndefined();
  });

  it('does not call a form unused when a spec below the registry could not be read', async () => {
    const files = { 'processes/org.yml': ORG, 'processes/forms.yml': registry('甲表', '乙表'), 'processes/a.md': withForms('a', ['《甲表》']), 'processes/b.md': '---\nid: [\n---\n' };
    expect((await lint(files)).results.find((r) => r.file === 'processes/forms.yml')).toBeUndefined();
  });
});

describe('a registry change', () => {
  it('invalidates the cache: a form removed from the registry is reported at once', async () => {
    const root = handbook({ 'processes/org.yml': ORG, 'processes/forms.yml': registry('甲表', '乙表'), 'processes/a.md': withForms('a', ['《甲表》', '《乙表》']) });
    const run = async () => (await lintDisk(root, { cacheRoot: root, config: CONFIG })).results.find((r) => r.file === 'processes/a.md')!.findings.map((f) => f.data?.form);
    expect(await run()).toEqual([]);
    writeFileSync(path.join(root, 'processes/forms.yml'), registry('甲表'));
    expect(await run()).toEqual(['乙表']);
  });

  it('is picked up by --changed: the specs below the registry are checked again, the others not', async () => {
    const before = { 'processes/org.yml': ORG, 'processes/forms.yml': registry('甲表', '乙表'), 'processes/a.md': withForms('a', ['《乙表》']), 'processes/b.md': withForms('b', ['《甲表》']), 'other/c.md': withForms('c', ['《丙表》']) };
    const after = { ...before, 'processes/forms.yml': registry('甲表', '丙表') };
    const run = await lintProject({
      source: memorySource(after),
      specs: ['other/c.md', 'processes/a.md', 'processes/b.md'],
      config: CONFIG,
      today: '2026-06-01',
      changed: { base: memorySource(before), paths: ['processes/forms.yml'] },
    });
    expect(run.results.map((r) => [r.file, r.findings.map((f) => f.data?.form ?? f.messageId)])).toEqual([
      ['processes/a.md', ['乙表']],
      ['processes/b.md', []],
      ['processes/forms.yml', ['丙表']],
    ]);
  });
});
