import { describe, expect, it } from 'vitest';
import { escapeLabel, plainLabel } from '../../scripts/flowchart/escape.ts';
import { buildDiagram } from '../../scripts/flowchart/diagram.ts';
import { toMermaid } from '../../scripts/flowchart/to-mermaid.ts';
import { model, org } from './helpers.ts';

/** The label text of node `id` as written in the diagram (between the shape's quotes). */
function labelOf(text: string, id: string): string {
  const line = text.split('\n').find((l) => l.trim().startsWith(`${id}[`) || l.trim().startsWith(`${id}{`));
  return /"(.*)"/.exec(line ?? '')?.[1] ?? '';
}

describe('escapeLabel', () => {
  it('entity-escapes quotes so a label cannot close its string', () => {
    expect(escapeLabel('a "b" c')).toBe('a #quot;b#quot; c');
  });
  it('escapes angle brackets and ampersands so no HTML reaches the renderer', () => {
    expect(escapeLabel('<script>alert(1)</script> & <img src=x onerror=alert(1)>')).toBe(
      '#lt;script#gt;alert(1)#lt;/script#gt; #amp; #lt;img src=x onerror=alert(1)#gt;',
    );
  });
  it('escapes # first, so existing entity-looking text stays literal', () => {
    expect(escapeLabel('#quot; #35;')).toBe('#35;quot#59; #35;35#59;');
  });
  it('keeps labels mentioning style or classDef out of the reach of Mermaid’s line rewriting, which drops a `;`', () => {
    const escaped = escapeLabel('style done fill:#f00 "x"');
    expect(escaped).not.toMatch(/style.*:\S*#.*;/);
    expect(escaped).toBe('#115;tyle done fill:#35;f00 #quot;x#quot;');
    expect(escapeLabel('classDef a')).toBe('#99;lassDef a');
  });
  it('escapes semicolons, which end Mermaid statements', () => {
    expect(escapeLabel('a;b')).toBe('a#59;b');
  });
  it('neutralises %% (comments and %%{init}%% directives) and backticks (markdown strings)', () => {
    const escaped = escapeLabel('%%{init: {"securityLevel": "loose"}}%% `**x**`');
    expect(escaped).not.toContain('%');
    expect(escaped).not.toContain('`');
    expect(escaped).not.toContain('"');
  });
  it('flattens newlines and strips bidi overrides', () => {
    expect(plainLabel('a\nb\r\nc\u2028d\u202Ee')).toBe('a b c de');
  });
  it('keeps brackets and braces, which are harmless inside quotes', () => {
    expect(escapeLabel('[x] {y} (z) |w|')).toBe('[x] {y} (z) |w|');
  });
  it('cuts very long labels', () => {
    expect(Array.from(plainLabel('长'.repeat(10_000))).length).toBe(60);
  });
});

describe('toMermaid', () => {
  const nodeOf = (steps: Parameters<typeof model>[0], step: string) => buildDiagram(model(steps), org).stepNodes.get(step)!;

  it('draws a swimlane diagram flowing downwards, one lane per department, start and end inside the lanes', () => {
    const text = toMermaid(model(), org);
    expect(text).toContain('\nswimlane-beta TD\n');
    expect(text).toMatch(/ {2}subgraph lane0\["客服部"\]\n {4}start\(\("开始"\)\)\n/);
    expect(text).toMatch(/subgraph lane1\["品控部"\]/);
    expect(text).toMatch(/ {4}finish\(\(\("结束"\)\)\)\n {2}end\n/);
    expect(text).toContain(`start --> ${nodeOf(undefined, 'receive')}`);
    expect(text).toContain(`${nodeOf(undefined, 'close')} --> finish`);
  });
  it('ranks steps by every edge, cross-lane ones included (in the diagram’s own config, so GitHub reads it too)', () => {
    expect(toMermaid(model(), org)).toMatch(/^---\nconfig:\n {2}securityLevel: strict\n {2}swimlane:\n {4}ignoreCrossLaneEdges: false\n---\n/);
  });
  it('uses generated node ids, never spec text, and numbers each step as the table does', () => {
    const text = toMermaid(model(), org);
    expect(text).not.toMatch(/\breceive\b|\bcheck\b/);
    expect(labelOf(text, nodeOf(undefined, 'receive'))).toBe('1.\u00a0接收<br/>客服专员');
    expect(labelOf(text, nodeOf(undefined, 'close'))).toBe('3.\u00a0归档<br/>客服专员');
  });
  it('draws decisions as diamonds with conditions on the edges, loops dashed', () => {
    const text = toMermaid(model(), org);
    const [receive, check, close] = ['receive', 'check', 'close'].map((step) => nodeOf(undefined, step));
    expect(text).toContain(`    ${check}{"2.\u00a0检查"}`);
    expect(text).toContain(`${check} -->|"合格"| ${close}`);
    expect(text).toContain(`${check} -.->|"不合格"| ${receive}`);
  });
  it('draws approvals with both outcomes, from a choice diamond', () => {
    const steps = [
      { id: 'a', name: 'A', role: 'cs-agent', next: 'ok' },
      { id: 'ok', name: '审批', kind: 'approval' as const, role: 'qc-specialist', branches: [{ when: '批准', to: 'b' }, { when: '驳回', to: 'a', loop: true }] },
      { id: 'b', name: 'B', role: 'cs-agent' },
    ];
    const text = toMermaid(model(steps), org);
    expect(text).toContain(`    ${nodeOf(steps, 'ok')}[["2.\u00a0审批<br/>品控专员"]]`);
    const choice = /^ {4}(a\d+)\{" "\}$/m.exec(text)?.[1];
    expect(choice).toBeDefined();
    expect(text).toContain(`${choice} -->|"批准"| ${nodeOf(steps, 'b')}`);
    expect(text).toContain(`${choice} -.->|"驳回"| ${nodeOf(steps, 'a')}`);
  });
  it('draws a parallel split and its join as bars', () => {
    const text = toMermaid(
      model([
        { id: 'a', name: 'A', role: 'cs-agent', next: ['b', 'c'] },
        { id: 'b', name: 'B', role: 'cs-agent', next: 'd' },
        { id: 'c', name: 'C', role: 'qc-specialist', next: 'd' },
        { id: 'd', name: 'D', role: 'cs-agent' },
      ]),
      org,
    );
    expect(text).toMatch(/^ {4}a\d+@\{ shape: fork \}$/m);
    expect(text).toMatch(/^ {4}a\d+@\{ shape: join \}$/m);
  });
  it('puts steps with an unknown or missing role in an "unassigned" lane', () => {
    const text = toMermaid(model([{ id: 'a', name: 'A', role: 'nobody' }, { id: 'b', name: 'B' }]), org);
    expect(text).toContain('subgraph lane0["未指定"]');
    expect(toMermaid(model([{ id: 'a', name: 'A' }]), org, { locale: 'en' })).toContain('subgraph lane0["Unassigned"]');
  });
  it('leaves out edges to steps that do not exist', () => {
    const text = toMermaid(model([{ id: 'a', name: 'A', role: 'cs-agent', next: 'ghost' }]), org);
    expect(text).not.toContain('ghost');
    expect(text.match(/-->/g)).toHaveLength(1);
  });
  it('escapes hostile step names, conditions and role names', () => {
    const hostile = 'x"]; click s0 call alert(1); classDef a fill:red %%{init:{"securityLevel":"loose"}}%%\n<script>';
    const steps = [{ id: 'a', name: hostile, role: 'cs-agent', branches: [{ when: hostile, to: 'b' }] }, { id: 'b', name: 'B' }];
    const text = toMermaid(model(steps), org);
    const lines = text.split('\n');
    // Every line starts with generated syntax; no spec text starts a statement.
    expect(lines.filter((l) => /^\s*(click|classDef a|%%)/.test(l))).toEqual([]);
    expect(text).not.toContain('<script>');
    expect(text).not.toContain('%%{');
    expect(labelOf(text, nodeOf(steps, 'a'))).not.toContain('"');
  });
  it('accessible title and description come from the spec, on one line each', () => {
    const text = toMermaid(model(undefined, { title: '标题\n%%{init}%%' }), org);
    expect(text).toMatch(/^ {2}accTitle: 标题 ％％｛init｝％％$/m);
    expect(text).toMatch(/^ {2}accDescr: .*3 个步骤/m);
  });
  it('marks highlighted steps for a comparison', () => {
    const text = toMermaid(model(), org, { highlight: { receive: 'added', close: 'removed' } });
    expect(text).toContain(`class ${nodeOf(undefined, 'receive')} added`);
    expect(text).toContain(`class ${nodeOf(undefined, 'close')} removed`);
    expect(text).toMatch(/classDef removed .*stroke-dasharray/);
  });
  it('is a pure function of its input', () => {
    expect(toMermaid(model(), org)).toBe(toMermaid(model(), org));
  });
});
