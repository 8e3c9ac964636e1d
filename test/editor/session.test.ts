import type { Element } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../scripts/core/load-spec.ts';
import { lintProject, memorySource } from '../../scripts/lint/project.ts';
import { STEP_TABLE_STRINGS } from '../../site/lib/step-table.ts';
import { EditorSession } from '../../site/scripts/editor/session.ts';
import { bumped } from '../../site/scripts/editor/version.ts';
import { cliFindings, comparable, editorHandbook, HANDBOOKS, tableStrings, textOf, TODAY } from './handbooks.ts';

/**
 * The editor's worker logic in Node (the browser bundle of the same code is held to the CLI in
 * test/e2e/editor.test.ts): findings, repairs, the preview and the proposal.
 */
describe.each(Object.entries(HANDBOOKS))('the editor session on %s', (_name, specsOf) => {
  it('finds in every spec exactly what the CLI finds, in both languages', async () => {
    const specs = specsOf();
    const handbook = await editorHandbook(specs);
    for (const locale of ['zh-CN', 'en'] as const) {
      const expected = await cliFindings(specs, locale);
      const session = new EditorSession(handbook, locale, TODAY, tableStrings(locale));
      for (const file of specs) expect({ file, findings: session.check(file, textOf(file)).findings.map(comparable) }).toEqual({ file, findings: expected.get(file) });
    }
  });
});

/** The table row with `id`. */
function rowOf(table: Element, id: string): Element {
  const rows = table.children.filter((c): c is Element => c.type === 'element').flatMap((t) => t.children).filter((c): c is Element => c.type === 'element' && c.tagName === 'tbody').flatMap((b) => b.children);
  return rows.find((r): r is Element => r.type === 'element' && r.properties.id === id)!;
}

describe('editing customer-complaint', () => {
  const file = 'processes/business/customer-complaint.md';
  const text = textOf(file);
  let published: EditorSession | undefined;
  const s0 = (t: string) => published!.check(file, t).preview!.table;
  const session = async () => {
    const s = new EditorSession(await editorHandbook(HANDBOOKS.processes()), 'zh-CN', TODAY, tableStrings('zh-CN'));
    s.setPublished(file, text);
    return s;
  };

  it('reports a step without a role where the CLI does, and the table shows the step without one', async () => {
    // classify's role, the first complaint-supervisor of the file.
    const edited = text.replace('    role: complaint-supervisor\n    deadline: 接收后30分钟内', '    deadline: 接收后30分钟内');
    expect(edited).not.toBe(text);
    published = await session();
    const checked = published.check(file, edited);
    const cli = await lintProject({ source: memorySource({ [file]: edited, 'processes/org.yml': textOf('processes/org.yml'), 'processlint.config.yml': textOf('processlint.config.yml') }), specs: [file], today: TODAY });
    const owner = checked.findings.filter((f) => f.ruleId === 'step-owner');
    expect(owner).toHaveLength(1);
    expect(owner[0]!.line).toBe(cli.results[0]!.findings.find((f) => f.ruleId === 'step-owner')!.line);
    const row = rowOf(checked.preview!.table, 'step-classify');
    expect(toHtml(row.children[2]!)).toBe('<td data-label="责任部门/岗位">—</td>');
    expect(toHtml(rowOf(s0(text), 'step-classify').children[2]!)).toContain('投诉主管');
    // The summary says what the pull-request comment would: the role removed, the finding new.
    const lines = checked.summary!.sections.flatMap((section) => section.lines.map((line) => JSON.stringify(line.parts)));
    expect(lines.some((line) => line.includes('责任岗位（R）') && line.includes('未指定'))).toBe(true);
  });

  it('updates the critical path and the summary when a deadline changes', async () => {
    const s = await session();
    const before = s.check(file, text).preview!.criticalPath;
    const after = s.check(file, text.replace('deadline: 2h\n    inputs: [《投诉结案归档表》]', 'deadline: 4h\n    inputs: [《投诉结案归档表》]'));
    expect(before).toBe('4 个工作日 3 小时 30 分钟');
    expect(after.preview!.criticalPath).toBe('4 个工作日 5 小时 30 分钟');
    const words = JSON.stringify(after.summary);
    expect(words).toContain('关键路径总时长：');
    expect(words).toContain('「2h」 → 「4h」');
  });

  it('offers the --fix repair of a finding and applies it', async () => {
    const s = await session();
    // Two lifecycle stages swapped: lifecycle-stages can put them back in order.
    const swapped = text.replace(/( {2}define:\n(?: {4}.*\n)+)( {2}analyze:\n(?: {4}.*\n)+)/, '$2$1');
    expect(swapped).not.toBe(text);
    const findings = s.check(file, swapped).findings;
    const index = findings.findIndex((f) => f.ruleId === 'lifecycle-stages' && f.fixable);
    expect(index).toBeGreaterThanOrEqual(0);
    const fixed = s.fix(file, swapped, index);
    expect(s.check(file, fixed).findings.filter((f) => f.ruleId === 'lifecycle-stages')).toEqual([]);
  });

  it('proposes text with the version bumped and a history entry, which lints clean', async () => {
    const s = await session();
    const changed = text.replace('deadline: 2h\n    inputs: [《投诉结案归档表》]', 'deadline: 4h\n    inputs: [《投诉结案归档表》]');
    expect(s.check(file, changed).summary!.sections[0]!.title).toBe('⚠️ 需要处理');
    const [, published, major, minor] = /^version: ((\d+)\.(\d+)\.\d+)$/m.exec(text)!;
    const next = `${major}.${Number(minor) + 1}.0`;
    const proposal = s.submit(file, changed, 'minor', '客服经理', '归档时限改为 4 小时。');
    expect(proposal.version).toBe(next);
    // Clean but for the English this process still lacks (its translation is under way: the same findings as published).
    expect(proposal.findings.filter((f) => f.ruleId !== 'translation-complete')).toEqual([]);
    expect(proposal.findings.map((f) => f.message)).toEqual(s.check(file, text).findings.map((f) => f.message));
    expect(proposal.text).toContain(`\nversion: ${next}\n`);
    expect(proposal.text).toContain(`  - version: ${next}\n    date: 2026-11-23\n    author: 客服经理\n    change: 归档时限改为 4 小时。\n---\n`);
    // A change to the flow goes back through review (stages 3–6), as CONTRIBUTING walks through; nothing else moves.
    const before = loadSpec(file, changed).spec!;
    const after = loadSpec(file, proposal.text).spec!;
    expect(after.status).toBe('review');
    expect(after.lifecycle!.design).toMatchObject({ status: 'done', date: TODAY });
    expect(after.lifecycle!.review).toEqual({ ...before.lifecycle!.review, status: 'in-progress', date: undefined, approvedBy: undefined });
    expect(after.lifecycle!.release).toEqual({ ...before.lifecycle!.release, status: 'planned', date: undefined, effective: undefined });
    const { version: _v, status: _s, lifecycle: _l, history, ...rest } = after;
    const { version: _v0, status: _s0, lifecycle: _l0, history: history0, ...rest0 } = before;
    expect(rest).toEqual(rest0);
    expect(history).toEqual([...history0!, { version: next, date: TODAY, author: '客服经理', change: '归档时限改为 4 小时。' }]);
    expect(proposal.text).toContain('deadline: 4h\n    inputs: [《投诉结案归档表》]');
    expect(JSON.stringify(s.check(file, proposal.text).summary)).not.toContain('⚠️');
  });
});

describe('the UI strings the page sends the worker', () => {
  it('are every string the table asks for, on every process in both languages', async () => {
    const handbook = await editorHandbook(HANDBOOKS.processes());
    for (const locale of ['zh-CN', 'en'] as const) {
      const asked = new Set<string>();
      const strings = new Proxy(tableStrings(locale), {
        get(target, key) {
          asked.add(String(key));
          return Reflect.get(target, key);
        },
      });
      const session = new EditorSession(handbook, locale, TODAY, strings);
      for (const file of HANDBOOKS.processes()) session.check(file, textOf(file));
      expect(asked.size).toBeGreaterThan(10);
      expect([...asked].filter((key) => !(STEP_TABLE_STRINGS as readonly string[]).includes(key))).toEqual([]);
    }
  });
});

describe('bumped', () => {
  it.each([
    ['2.1.0', 'patch', '2.1.1'],
    ['2.1.0', 'minor', '2.2.0'],
    ['2.1.3', 'major', '3.0.0'],
    ['0.1.0', 'none', '0.1.0'],
    ['1.0.0-rc.1', 'patch', '1.0.1'],
    ['v1', 'minor', undefined],
  ] as const)('%s, %s → %s', (version, bump, next) => expect(bumped(version, bump)).toBe(next));
});
