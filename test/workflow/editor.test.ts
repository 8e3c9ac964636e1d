/**
 * Editor support: the VS Code settings start the language server, every snippet
 * expands (with its defaults) into front matter the schema accepts, and the task's
 * problem matcher reads the linter's `github` output.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../scripts/core/load-spec.ts';
import { messageOf } from '../../scripts/lint/findings.ts';
import { github } from '../../scripts/formatters/github.ts';
import { formatted } from '../../scripts/formatters/types.ts';
import { LspClient } from '../../scripts/lsp/stdio-client.ts';
import { edit, SPEC } from './fixtures.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const read = (name: string) => JSON.parse(readFileSync(new URL(`../../.vscode/${name}`, import.meta.url), 'utf8'));
const snippets = read('process-spec.code-snippets') as Record<string, { prefix: string[]; body: string[]; scope: string }>;

/** A snippet as VS Code inserts it when every placeholder keeps its default, indented to `indent`. */
function expand(body: string[], indent: string): string {
  let text = body.join('\n');
  const vars: Record<string, string> = { CURRENT_YEAR: '2026', CURRENT_MONTH: '06', CURRENT_DATE: '01' };
  text = text.replace(/\$([A-Z_]+)/g, (_, name: string) => vars[name] ?? '');
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1').replace(/\$\{\d+:([^${}]*)\}/g, '$1');
  }
  text = text.replace(/\$\d+/g, '');
  return text.split('\n').map((line) => (line ? indent + line : line)).join('\n');
}

describe('VS Code settings', () => {
  const settings = read('settings.json');

  it('recommends the generic LSP client that starts our language server, and the YAML extension for org.yml', () => {
    expect(read('extensions.json').recommendations).toEqual(['zsol.vscode-glspc', 'redhat.vscode-yaml']);
    // The YAML extension never read front matter in Markdown; org.yml names its schema in its first line.
    // Only the forms registry, a YAML file, is mapped: front matter never reached the YAML extension.
    expect(settings['yaml.schemas']).toEqual({ './schemas/json/forms.schema.json': ['processes/**/forms.yml'] });
    expect(readFileSync(new URL('../../processes/org.yml', import.meta.url), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/json/org.schema.json');
    expect(settings['glspc.server.languageId']).toEqual(['markdown']);
  });

  it('starts the language server with the command it gives, from the repository root', async () => {
    const client = new LspClient({ root: ROOT, command: [settings['glspc.server.command'], ...settings['glspc.server.commandArguments']] });
    try {
      expect((await client.initialize()).serverInfo?.name).toBe('processlint');
    } finally {
      await client.stop();
    }
    expect(client.errors).toBe('');
  });
});

describe('snippets', () => {
  it('offers a step, a decision, an approval, a KPI and an exception, in Markdown and YAML files', () => {
    const prefixes = Object.values(snippets).flatMap((s) => s.prefix);
    expect(prefixes).toEqual(expect.arrayContaining(['step', 'decision', 'approval', 'kpi', 'exception', 'history']));
    for (const snippet of Object.values(snippets)) expect(snippet.scope).toBe('markdown,yaml');
  });

  const snippet = (prefix: string) => Object.values(snippets).find((s) => s.prefix.includes(prefix))!.body;
  const valid = (text: string) => {
    const loaded = loadSpec('processes/management/expense-claim.md', text);
    expect(loaded.problems.map((p) => `${p.line}: ${p.messageId} ${JSON.stringify(p.data)}`)).toEqual([]);
    return loaded.spec!;
  };

  it('a step and a decision expand into valid steps', () => {
    const steps = [snippet('step'), snippet('decision')].map((body) => expand(body, '  ')).join('');
    const spec = valid(edit(SPEC, ['lifecycle:\n', `${steps}lifecycle:\n`]));
    expect(spec.steps.slice(-2).map((s) => s.id)).toEqual(['step-id', 'decide']);
    expect(spec.steps.at(-1)!.branches).toEqual([
      { when: '金额≤5万元', to: 'manager-approval' },
      { when: '金额>5万元', to: 'director-approval' },
    ]);
  });

  it('an approval expands into an approval step with both outcomes, the rejection sent back', () => {
    const spec = valid(edit(SPEC, ['lifecycle:\n', `${expand(snippet('approval'), '  ')}lifecycle:\n`]));
    expect(spec.steps.at(-1)).toMatchObject({ id: 'approve', kind: 'approval' });
    expect(spec.steps.at(-1)!.branches).toEqual([
      { when: '同意', outcome: 'approved', to: 'next-step-id' },
      { when: '不同意，退回修改', outcome: 'rejected', to: 'request-step-id', loop: true },
    ]);
  });

  it('a KPI, an exception and a history entry expand into valid entries', () => {
    const spec = valid(
      edit(
        SPEC,
        ['steps:\n', `${expand(snippet('kpi'), '  ')}steps:\n`],
        ['lifecycle:\n', `exceptions:\n${expand(snippet('exception'), '  ')}lifecycle:\n`],
        ['    change: 首次发布。\n', `    change: 首次发布。\n${expand(snippet('history'), '  ')}`],
      ),
    );
    expect(spec.kpis!.at(-1)).toEqual({ id: 'kpi-id', name: '投诉解决率', target: '>= 95%', frequency: '每月', source: '数据来源' });
    expect(spec.exceptions![0]).toMatchObject({ when: '资料不全', role: 'role-id', deadline: '1个工作日内', step: 'step-id' });
    expect(spec.history!.at(-1)).toEqual({ version: '1.1.0', date: '2026-06-01', author: '修订人', change: '修订内容' });
  });
});

describe('lint task', () => {
  it("its problem matcher reads the linter's github output", () => {
    const task = read('tasks.json').tasks.find((t: { command: string }) => t.command.includes('--format github'));
    const pattern = task.problemMatcher.pattern;
    const finding = { file: 'processes/business/customer-complaint.md', ruleId: 'step-deadline', messageId: 'unparseable', data: { deadline: '尽快', where: '步骤 `reply` ', reason: '无法识别“尽快”', forms: '2个工作日内' }, severity: 'error' as const, line: 54, column: 15, endLine: 54, endColumn: 20 };
    const output = formatted(github, [{ file: finding.file, errorCount: 1, warningCount: 0, fixableCount: 0, findings: [finding] }], { locale: 'zh-CN', color: false, docsUrl: () => undefined });
    const match = new RegExp(pattern.regexp).exec(output.trim())!;
    expect(match).not.toBeNull();
    expect([match[pattern.severity], match[pattern.file], match[pattern.line], match[pattern.column], match[pattern.code], match[pattern.message]]).toEqual([
      'error',
      'processes/business/customer-complaint.md',
      '54',
      '15',
      'step-deadline',
      messageOf(finding, 'zh-CN'),
    ]);
  });
});
