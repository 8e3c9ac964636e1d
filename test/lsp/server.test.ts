/**
 * The language server driven as an editor drives it: a child process spoken to in JSON-RPC over
 * stdio. On a spec from `processes/` it reports a missing role at the step's range with the rule
 * id, completes role ids at `role: `, explains `deadline` on hover, and drops the finding once the
 * document is fixed through `didChange`. Then: step, department and enum completion, the editor's
 * language, the configured severity, quick fixes equal to `--fix`, open documents standing in for
 * their files, files changed on disk, a broken config, and Markdown that is no spec.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosticSeverity, type CompletionItem, type Diagnostic, type Range } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { jsonSchemas } from '../../scripts/json-schema.ts';
import { loadOrg } from '../../scripts/core/load-org.ts';
import { applyFixes } from '../../scripts/lint/fix.ts';
import { messageOf } from '../../scripts/lint/findings.ts';
import { diskSource, lintProject } from '../../scripts/lint/project.ts';
import { docsUrl } from '../../scripts/lint/version.ts';
import { LspClient } from '../../scripts/lsp/stdio-client.ts';
import { handbook } from '../lint/helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SPEC = 'processes/business/customer-complaint.md';
const TODAY = '2026-06-01';
const original = readFileSync(path.join(ROOT, SPEC), 'utf8');
const lines = original.split('\n');
/** The 0-based line of the first line matching `pattern` at or after line `from`. */
const lineOf = (pattern: RegExp, from = 0) => from + lines.slice(from).findIndex((line) => pattern.test(line));

const receive = lineOf(/^ {2}- id: receive$/);
const receiveRole = lineOf(/^ {4}role: /, receive);
const nextStep = lineOf(/^ {2}- id: /, receive + 1);
const withoutRole = lines.filter((_, i) => i !== receiveRole).join('\n');

/** The text of a document after a code action's edits. */
function applyEdits(text: string, edits: Array<{ range: Range; newText: string }>): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 1, text), edits);
}

const labels = (items: CompletionItem[]) => items.map((item) => item.label);

describe('on a spec of the handbook (zh-CN editor)', () => {
  let client: LspClient;
  let uri: string;
  let first: Diagnostic[];

  beforeAll(async () => {
    client = new LspClient({ root: ROOT, locale: 'zh-cn', initializationOptions: { today: TODAY } });
    await client.initialize();
    const diagnostics = client.diagnosticsFor(client.uri(SPEC), 1);
    uri = await client.open(SPEC, withoutRole);
    first = (await diagnostics).diagnostics;
  });
  afterAll(async () => {
    await client.stop();
    expect(client.errors).toBe('');
  });

  it('announces what it offers', () => {
    const capabilities = client.initialized!.capabilities;
    expect(capabilities.hoverProvider).toBe(true);
    expect(capabilities.completionProvider).toBeTruthy();
    expect(capabilities.codeActionProvider).toBeTruthy();
    expect(client.initialized!.serverInfo?.name).toBe('processlint');
  });

  it('reports the missing role over the step that lacks it, with the rule id, its page, the severity and the message in Chinese', async () => {
    expect(first).toHaveLength(1);
    const [diagnostic] = first as [Diagnostic];
    expect(diagnostic.code).toBe('step-owner');
    expect(diagnostic.source).toBe('processlint');
    expect(diagnostic.codeDescription?.href).toBe(docsUrl('step-owner'));
    expect(diagnostic.severity).toBe(DiagnosticSeverity.Error);
    // The step `receive`: from its `id` after the dash to the start of the next step.
    expect(diagnostic.range).toEqual({ start: { line: receive, character: 4 }, end: { line: nextStep - 1, character: 0 } });
    expect(diagnostic.message).toBe(messageOf({ ruleId: 'step-owner', messageId: 'missingRole', data: { step: 'receive' }, severity: 'error', file: SPEC, line: 1, column: 1 }, 'zh-CN'));
    // The CLI says the same of the same text.
    const cli = await lintProject({ source: { read: (file) => (file === SPEC ? withoutRole : diskSource(ROOT).read(file)) }, specs: [SPEC], today: TODAY });
    const [finding] = cli.results.find((result) => result.file === SPEC)!.findings;
    expect([finding!.line - 1, finding!.column - 1, finding!.endLine! - 1, finding!.endColumn! - 1]).toEqual([diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.line, diagnostic.range.end.character]);
  });

  it('completes role ids from org.yml at `role: `, with their names', async () => {
    await client.edit(uri, { start: { line: receive + 1, character: 0 }, end: { line: receive + 1, character: 0 } }, '    role: \n');
    const items = await client.completion(uri, { line: receive + 1, character: 10 });
    const org = loadOrg('processes/org.yml', readFileSync(path.join(ROOT, 'processes/org.yml'), 'utf8')).org!;
    expect(labels(items)).toEqual(expect.arrayContaining(org.roles.map((role) => role.id)));
    const agent = items.find((item) => item.label === 'cs-agent')!;
    expect(agent.detail).toBe('客服专员 · 客服部');
    expect(agent.textEdit).toEqual({ range: { start: { line: receive + 1, character: 10 }, end: { line: receive + 1, character: 10 } }, newText: 'cs-agent' });
  });

  it('completes what is typed so far: `role: cs-` replaces `cs-`', async () => {
    await client.edit(uri, { start: { line: receive + 1, character: 10 }, end: { line: receive + 1, character: 10 } }, 'cs-');
    const items = await client.completion(uri, { line: receive + 1, character: 13 });
    const agent = items.find((item) => item.label === 'cs-agent')!;
    expect(agent.textEdit).toEqual({ range: { start: { line: receive + 1, character: 10 }, end: { line: receive + 1, character: 13 } }, newText: 'cs-agent' });
  });

  it('shows the schema description of `deadline` on hover, in both languages', async () => {
    const deadline = lineOf(/^ {4}deadline: /, receive);
    const hover = await client.hover(uri, { line: deadline, character: 6 });
    const description = (jsonSchemas()['process.schema.json'] as { properties: { steps: { items: { properties: { deadline: { description: string } } } } } }).properties.steps.items.properties.deadline.description;
    const [zh, en] = description.split('\n') as [string, string];
    const value = (hover!.contents as { value: string }).value;
    expect(value).toContain(zh);
    expect(value).toContain(en);
    expect(value).toContain('时间要求');
    expect(hover!.range).toEqual({ start: { line: deadline, character: 4 }, end: { line: deadline, character: 12 } });
  });

  it('names the role on hover over its id', async () => {
    const role = lineOf(/^ {4}role: complaint-supervisor/);
    const hover = await client.hover(uri, { line: role, character: 14 });
    expect((hover!.contents as { value: string }).value).toMatch(/^`complaint-supervisor` — 投诉主管 · 客服部\n\n---\n\n责任岗位/);
  });

  it('drops the finding once the role is written (didChange), and the spec is as clean as on disk', async () => {
    const version = await client.edit(uri, { start: { line: receive + 1, character: 10 }, end: { line: receive + 1, character: 13 } }, 'cs-agent');
    const { diagnostics } = await client.diagnosticsFor(uri, version);
    expect(diagnostics.filter((d) => d.code === 'step-owner')).toEqual([]);
    const cli = await lintProject({ source: diskSource(ROOT), specs: [SPEC], today: TODAY });
    expect(diagnostics.map((d) => d.code)).toEqual(cli.results.find((r) => r.file === SPEC)!.findings.map((f) => f.ruleId));
  });

  it('completes step ids in next, branches[].to, kpis[].from/to and exceptions[].step', async () => {
    const steps = [...original.matchAll(/^ {2}- id: (\S+)$/gm)].map((match) => match[1]!).filter((id) => lines.indexOf(`  - id: ${id}`) > lines.indexOf('steps:'));
    const at = async (line: number, text: string) => {
      await client.edit(uri, { start: { line, character: 0 }, end: { line, character: 0 } }, `${text}\n`);
      const items = await client.completion(uri, { line, character: text.length });
      await client.edit(uri, { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, '');
      return items;
    };
    const escalate = lineOf(/^ {2}- id: escalate$/);
    const branch = lineOf(/^ {8}to: dispatch$/);
    const kpi = lineOf(/^ {4}source: /);
    for (const items of [await at(escalate + 2, '    next: '), await at(escalate + 2, '    next: [dispatch, '), await at(branch + 1, '        to: '), await at(kpi + 1, '    from: '), await at(kpi + 1, '    to: ')]) {
      expect(labels(items).slice(0, steps.length)).toEqual(steps);
      expect(items.find((item) => item.label === 'escalate')!.detail).toBe(/- id: escalate\n\s+name: (.+)/.exec(original)![1]);
    }
    const exceptions = lineOf(/^exceptions:$/);
    expect(labels(await at(exceptions + 3, '    step: '))).toEqual(expect.arrayContaining(steps));
  });

  it('completes department ids at `department:` and process ids in scope.upstream', async () => {
    const department = lineOf(/^department: /);
    await client.edit(uri, { start: { line: department, character: 12 }, end: { line: department, character: 29 } }, '');
    const items = await client.completion(uri, { line: department, character: 12 });
    expect(items.slice(0, 3).map((item) => [item.label, item.detail])).toEqual([
      ['general-office', '总经理办公室'],
      ['operations', '运营管理部'],
      ['customer-service', '客服部'],
    ]);
    await client.edit(uri, { start: { line: department, character: 12 }, end: { line: department, character: 12 } }, 'customer-service');

    const upstream = lineOf(/^ {2}upstream: \[\]$/);
    const processes = labels(await client.completion(uri, { line: upstream, character: 13 }));
    expect(processes).toEqual(expect.arrayContaining(['customer-feedback', 'expense-reimbursement', 'leave-request']));
  });

  it('completes keys and enum values from the schema, with bilingual descriptions', async () => {
    const kind = lineOf(/^ {4}name: 投诉接收$/);
    await client.edit(uri, { start: { line: kind + 1, character: 0 }, end: { line: kind + 1, character: 0 } }, '    kind: \n');
    const values = await client.completion(uri, { line: kind + 1, character: 10 });
    expect(labels(values)).toEqual(expect.arrayContaining(['task', 'approval', 'decision']));
    const documentation = values.find((item) => item.label === 'approval')!.documentation;
    expect(typeof documentation === 'string' ? documentation : documentation?.value).toMatch(/步骤类型[\s\S]*Step kind/);
    await client.edit(uri, { start: { line: kind + 1, character: 0 }, end: { line: kind + 2, character: 0 } }, '    \n');
    const keys = await client.completion(uri, { line: kind + 1, character: 4 });
    const informed = keys.find((item) => item.label === 'informed')!;
    expect(informed.documentation).toBe('需知会的岗位（I）\nInformed roles (I)');
    await client.edit(uri, { start: { line: kind + 1, character: 0 }, end: { line: kind + 2, character: 0 } }, '');
  });

  it('offers nothing in the Markdown body', async () => {
    const body = lines.length - 3;
    expect(await client.completion(uri, { line: body, character: 0 })).toEqual([]);
    expect(await client.hover(uri, { line: body, character: 0 })).toBeNull();
  });
});

describe('in English, on the broken fixtures', () => {
  let client: LspClient;
  const fixture = (name: string) => `test/fixtures/broken/${name}.md`;
  const text = (name: string) => readFileSync(path.join(ROOT, fixture(name)), 'utf8');

  beforeAll(async () => {
    client = new LspClient({ root: ROOT, locale: 'en', initializationOptions: { today: TODAY } });
    await client.initialize();
  });
  afterAll(async () => {
    await client.stop();
    expect(client.errors).toBe('');
  });

  it('words messages in the editor language', async () => {
    const published = client.diagnosticsFor(client.uri(fixture('step-deadline')), 1);
    await client.open(fixture('step-deadline'), text('step-deadline'));
    const [diagnostic] = (await published).diagnostics.filter((d) => d.code === 'step-deadline');
    expect(diagnostic!.message).toMatch(/^The time requirement `尽快` of step `pay` cannot be read/);
  });

  it('offers the fix `--fix` makes, as a quick fix and as fix-all', async () => {
    const name = fixture('lifecycle-stages');
    const published = client.diagnosticsFor(client.uri(name), 1);
    const uri = await client.open(name, text('lifecycle-stages'));
    const diagnostics = (await published).diagnostics;
    const stages = diagnostics.find((d) => d.code === 'lifecycle-stages')!;
    expect(stages.data).toBeTruthy();
    const actions = await client.codeActions(uri, stages.range, { diagnostics: [stages] });
    const quickFix = actions.find((action) => action.kind === 'quickfix')!;
    expect(quickFix.title).toBe('Fix automatically (lifecycle-stages)');
    const fixed = applyEdits(text('lifecycle-stages'), quickFix.edit!.changes![uri]!);

    // What the CLI's --fix writes: the same repairs through the same applyFixes.
    const cli = await lintProject({ source: diskSource(ROOT), specs: [name], today: TODAY, withFixes: true });
    const { text: read, fixes } = cli.fixes!.get(name)!;
    expect(fixed).toBe(applyFixes(read, fixes.map((f) => f.fix)));
    expect(fixed).toContain('analyze:');

    const fixAll = (await client.codeActions(uri, stages.range, { diagnostics: [], only: ['source.fixAll'] })).find((action) => action.kind === 'source.fixAll.processlint')!;
    expect(applyEdits(text('lifecycle-stages'), fixAll.edit!.changes![uri]!)).toBe(fixed);

    const version = await client.replace(uri, fixed);
    expect((await client.diagnosticsFor(uri, version)).diagnostics.map((d) => d.code)).not.toContain('lifecycle-stages');
  });

  it('offers no fix for what cannot be fixed', async () => {
    const uri = client.uri(fixture('step-deadline'));
    const diagnostic = client.diagnostics.get(uri)!.params.diagnostics.find((d) => d.code === 'step-deadline')!;
    expect(await client.codeActions(uri, diagnostic.range, { diagnostics: [diagnostic] })).toEqual([]);
  });
});

describe('in a handbook of its own', () => {
  const broken = path.join(ROOT, 'test/fixtures/broken');
  let root: string;
  let client: LspClient;

  beforeAll(async () => {
    root = handbook({
      'processlint.config.yml': 'extends: recommended\nrules:\n  step-deadline: warn\n  codeowners: off\n',
      'README.md': '# 不是流程\n',
    });
    cpSync(broken, path.join(root, 'processes'), { recursive: true });
    client = new LspClient({ root, locale: 'zh-cn', initializationOptions: { today: TODAY } });
    await client.initialize();
  });
  afterAll(async () => {
    await client.stop();
    expect(client.errors).toBe('');
  });

  const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

  it('uses the severity the config gives a rule', async () => {
    const file = 'processes/step-deadline.md';
    const published = client.diagnosticsFor(client.uri(file), 1);
    await client.open(file, read(file));
    const diagnostics = (await published).diagnostics;
    expect(diagnostics.find((d) => d.code === 'step-deadline')!.severity).toBe(DiagnosticSeverity.Warning);
    expect(diagnostics.map((d) => d.code)).not.toContain('codeowners');
  });

  it("checks references against the open documents' unsaved text", async () => {
    const file = 'processes/process-ref.md';
    let published = client.diagnosticsFor(client.uri(file), 1);
    const uri = await client.open(file, read(file));
    expect((await published).diagnostics.map((d) => d.code)).toContain('process-ref');

    // Another spec, open and unsaved, now has the id `expense-budget` that process-ref.md names.
    const other = 'processes/clean.md';
    published = client.diagnosticsFor(uri);
    const otherUri = await client.open(other, read(other).replace(/^id: clean$/m, 'id: expense-budget'));
    expect((await published).diagnostics.map((d) => d.code)).not.toContain('process-ref');

    // Closed without saving: the file on disk stands for it again.
    published = client.diagnosticsFor(uri);
    await client.close(otherUri);
    expect((await published).diagnostics.map((d) => d.code)).toContain('process-ref');
  });

  it('sees org.yml as it is on disk now', async () => {
    const file = 'processes/clean.md';
    let published = client.diagnosticsFor(client.uri(file), 1);
    const uri = await client.open(file, read(file));
    expect((await published).diagnostics.map((d) => d.code)).not.toContain('step-owner');
    const org = read('processes/org.yml');
    writeFileSync(path.join(root, 'processes/org.yml'), org.replace(/- id: cashier\n/, '- id: treasurer\n'));
    try {
      const version = await client.edit(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '');
      published = client.diagnosticsFor(uri, version);
      const step = (await published).diagnostics.find((d) => d.code === 'step-owner');
      expect(step?.message).toMatch(/`cashier`/);
    } finally {
      writeFileSync(path.join(root, 'processes/org.yml'), org);
    }
  });

  it("shows org.yml's own problems on org.yml, as the CLI reports them, and clears them once fixed", async () => {
    const file = 'processes/clean.md';
    const uri = client.uri(file);
    const orgUri = client.uri('processes/org.yml');
    const org = read('processes/org.yml');
    writeFileSync(path.join(root, 'processes/org.yml'), org.replace('    name: 财务部\n', ''));
    try {
      const published = client.diagnosticsFor(orgUri);
      await client.edit(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '');
      const { diagnostics } = await published;
      const cli = await lintProject({ source: diskSource(root), specs: [file], today: TODAY });
      const findings = cli.results.find((result) => result.file === 'processes/org.yml')!.findings;
      expect(findings.length).toBeGreaterThan(0);
      expect(diagnostics.map((d) => [d.range.start.line + 1, d.range.start.character + 1, d.code, d.message])).toEqual(findings.map((f) => [f.line, f.column, f.ruleId, messageOf(f, 'zh-CN')]));
    } finally {
      writeFileSync(path.join(root, 'processes/org.yml'), org);
    }
    const cleared = client.diagnosticsFor(orgUri);
    await client.edit(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '');
    expect((await cleared).diagnostics).toEqual([]);
  });

  it('gives Markdown that is no spec nothing to show', async () => {
    const readme = await client.open('README.md', read('README.md'));
    const file = 'processes/schema.md';
    await client.open(file, read(file));
    await client.diagnosticsFor(client.uri(file), 1);
    expect(client.diagnostics.has(readme)).toBe(false);
    expect(await client.completion(readme, { line: 0, character: 2 })).toEqual([]);
  });

  it('says on each open spec why nothing can be checked when the config is broken, and recovers', async () => {
    const file = 'processes/clean.md';
    const uri = client.uri(file);
    const config = read('processlint.config.yml');
    writeFileSync(path.join(root, 'processlint.config.yml'), `${config}  no-such-rule: error\n`);
    try {
      const version = await client.edit(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '');
      const { diagnostics } = await client.diagnosticsFor(uri, version);
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0]!.message).toMatch(/^processlint 无法检查此文件：配置文件 processlint\.config\.yml 的 `rules\.no-such-rule` 有误/);
    } finally {
      writeFileSync(path.join(root, 'processlint.config.yml'), config);
    }
    const version = await client.edit(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '');
    expect((await client.diagnosticsFor(uri, version)).diagnostics.map((d) => d.code)).not.toContain(undefined);
  });
});
