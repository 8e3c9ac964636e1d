/**
 * The ten commonest hand-editing mistakes (and the full-width comma), each a fixture in
 * `test/fixtures/mistakes/`: every one gives exactly one finding, at the line that is wrong, with
 * what to do in both languages (pinned in `messages.zh-CN.txt` and `messages.en.txt`). A spec that
 * cannot be read is reported once in the specs that refer to it, as unchecked, not as broken links.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../scripts/core/diagnostic.ts';
import { loadSpec } from '../../scripts/core/load-spec.ts';
import { messageOf } from '../../scripts/lint/findings.ts';
import { applyFixes } from '../../scripts/lint/fix.ts';
import { lintProject, memorySource } from '../../scripts/lint/project.ts';

const DIR = new URL('../fixtures/mistakes/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, DIR), 'utf8');
const folder = 'test/fixtures/mistakes';

/** Each mistake: the line and column of the slip, and what the finding says it is. */
const MISTAKES: Record<string, { line: number; column: number; messageId: string }> = {
  'tab-indent': { line: 21, column: 1, messageId: 'yaml.tabIndent' },
  'full-width-colon': { line: 22, column: 13, messageId: 'yaml.fullWidthColon' },
  'indent-too-deep': { line: 21, column: 7, messageId: 'yaml.indentDeeper' },
  'indent-too-shallow': { line: 21, column: 3, messageId: 'yaml.indentShallower' },
  'no-space-after-colon': { line: 22, column: 13, messageId: 'yaml.colonSpace' },
  'unquoted-version': { line: 7, column: 10, messageId: 'schema.type' },
  'chinese-role-name': { line: 41, column: 11, messageId: 'schema.nameNotId' },
  'list-item-without-dash': { line: 39, column: 5, messageId: 'yaml.missingDash' },
  'duplicate-key': { line: 23, column: 5, messageId: 'yaml.duplicateKey' },
  'stray-quote': { line: 20, column: 11, messageId: 'yaml.strayQuote' },
  'full-width-comma': { line: 23, column: 22, messageId: 'yaml.fullWidthComma' },
};

let findings: Map<string, Finding[]>;
beforeAll(async () => {
  const names = readdirSync(DIR).filter((name) => name.endsWith('.md'));
  const files = Object.fromEntries([...names.map((name) => [`${folder}/${name}`, read(name)]), [`${folder}/org.yml`, read('org.yml')]]);
  const run = await lintProject({ source: memorySource(files), specs: names.map((name) => `${folder}/${name}`), config: { extends: 'recommended' }, today: '2026-06-01' });
  findings = new Map(run.results.map((result) => [result.file.replace(`${folder}/`, '').replace(/\.md$/, ''), result.findings]));
});

describe('the ten commonest hand-editing mistakes', () => {
  it('are all there, with nothing else in the folder but the org registry and a spec that refers to one', () => {
    expect(readdirSync(DIR).sort()).toEqual([...Object.keys(MISTAKES).map((name) => `${name}.md`), 'messages.en.txt', 'messages.zh-CN.txt', 'org.yml', 'referrer.md'].sort());
  });

  it.each(Object.entries(MISTAKES))('%s: one finding, at the slip', (name, expected) => {
    const [finding, ...rest] = findings.get(name)!;
    expect(rest.map((f) => `${f.line}:${f.column} ${f.ruleId} ${messageOf(f, 'en')}`)).toEqual([]);
    expect(finding).toMatchObject({ ruleId: 'schema', severity: 'error', ...expected });
    // The line it names is one the fixture changed from the clean spec.
    const clean = readFileSync(new URL('../fixtures/broken/clean.md', import.meta.url), 'utf8').split('\n');
    expect(read(`${name}.md`).split('\n')[expected.line - 1]).not.toBe(clean[expected.line - 1]);
  });

  it.each(['zh-CN', 'en'] as const)('say what to do in %s, as pinned', (locale) => {
    const worded = Object.keys(MISTAKES).map((name) => `${name}.md:${findings.get(name)![0]!.line}:${findings.get(name)![0]!.column} ${messageOf(findings.get(name)![0]!, locale)}`);
    expect(`${worded.join('\n')}\n`).toBe(read(`messages.${locale}.txt`));
    // Not the parser's English.
    for (const line of worded) expect(line).not.toMatch(/Implicit keys|compact mappings|Tabs are not allowed|Missing closing/);
  });
});

describe('a spec that cannot be read', () => {
  it('is reported once in a spec that refers to it, as not checked because of it, not as links to delete', () => {
    const referrer = findings.get('referrer')!;
    expect(referrer.map((f) => [f.ruleId, f.severity])).toEqual([['reference-unchecked', 'warning']]);
    expect(messageOf(referrer[0]!, 'zh-CN')).toMatch(/^这处引用（[a-z-]+）因 test\/fixtures\/mistakes\/tab-indent\.md 无法读取而无法检查。请先修正该文件，这里无需修改。$/);
    expect(messageOf(referrer[0]!, 'en')).toContain('could not be checked because test/fixtures/mistakes/tab-indent.md could not be read');
  });
});

describe('a role written by its name', () => {
  it('is replaced by its id with --fix, and nothing else the spec says changes', async () => {
    const file = `${folder}/chinese-role-name.md`;
    const run = await lintProject({ source: memorySource({ [file]: read('chinese-role-name.md'), [`${folder}/org.yml`]: read('org.yml') }), specs: [file], config: { extends: 'recommended' }, today: '2026-06-01', withFixes: true });
    const entry = run.fixes!.get(file)!;
    const fixed = applyFixes(entry.text, entry.fixes.map((repair) => repair.fix));
    expect(fixed).toContain('\n    role: cashier\n');
    const intended = read('chinese-role-name.md').replace('    role: 出纳\n', '    role: cashier\n');
    expect(loadSpec(file, fixed).spec).toEqual(loadSpec(file, intended).spec);
    expect(loadSpec(file, fixed).body).toBe(loadSpec(file, intended).body);
  });
});
