import { describe, expect, it } from 'vitest';
import { buildDiagram, END_NODE, START_NODE, type Diagram } from '../../scripts/flowchart/diagram.ts';
import { stepNumbers } from '../../scripts/model/graph.ts';
import { model, org } from './helpers.ts';

const nodes = (diagram: Diagram) => diagram.lanes.flatMap((lane) => lane.nodes);
const nodeOf = (diagram: Diagram, step: string) => diagram.stepNodes.get(step)!;
/** Edges as `from -> to` with steps named by their ids, other nodes by their kind. */
function edges(diagram: Diagram): string[] {
  const name = new Map(nodes(diagram).map((node) => [node.id, node.step?.step.id ?? node.kind]));
  return diagram.edges.map((edge) => `${name.get(edge.from)} -> ${name.get(edge.to)}${edge.when ? ` [${edge.when}]` : ''}${edge.loop ? ' (loop)' : ''}`);
}

describe('buildDiagram', () => {
  it('draws one lane per department in order of first appearance, start and end in the lanes of the first and last steps', () => {
    const diagram = buildDiagram(model([
      { id: 'check', name: '检查', role: 'qc-specialist', next: 'receive' },
      { id: 'receive', name: '接收', role: 'cs-agent' },
    ]), org);
    expect(diagram.lanes.map((lane) => [lane.name, lane.nodes.map((node) => node.step?.step.id ?? node.kind)])).toEqual([
      ['品控部', ['start', 'check']],
      ['客服部', ['receive', 'end']],
    ]);
    expect(buildDiagram(model(), org, 'en').lanes.map((lane) => lane.name)).toEqual(['Customer Service', 'Quality Control']);
  });

  it('numbers each step as the responsibility table does (stepNumbers)', () => {
    const m = model([
      { id: 'a', name: 'A', role: 'cs-agent', next: 'late' },
      { id: 'b', name: 'B', role: 'cs-agent' },
      { id: 'late', name: 'Written last, done second', role: 'cs-agent', next: 'b' },
    ]);
    const numbers = stepNumbers(m);
    const drawn = nodes(buildDiagram(m, org)).filter((node) => node.step);
    expect(drawn.map((node) => [node.step!.step.id, node.number])).toEqual([...numbers]);
    expect(numbers.get('late')).toBe(2);
  });

  it('puts steps whose role has no known department in an "unassigned" lane', () => {
    expect(buildDiagram(model([{ id: 'a', name: 'A', role: 'nobody' }, { id: 'b', name: 'B' }]), org).lanes.map((lane) => lane.name)).toEqual(['未指定']);
  });

  it('gives a decision its conditions on its own edges, and a loop back its flag', () => {
    expect(edges(buildDiagram(model(), org))).toEqual(['start -> receive', 'receive -> check', 'check -> close [合格]', 'close -> end', 'check -> receive [不合格] (loop)']);
  });

  it('follows an approval with a choice diamond carrying both outcomes', () => {
    const diagram = buildDiagram(model([
      { id: 'apply', name: '申请', role: 'cs-agent', next: 'approve' },
      { id: 'approve', name: '审批', kind: 'approval', role: 'qc-specialist', branches: [{ when: '批准', to: 'do' }, { when: '驳回', to: 'apply', loop: true }] },
      { id: 'do', name: '执行', role: 'cs-agent' },
    ]), org);
    expect(edges(diagram)).toEqual(['start -> apply', 'apply -> approve', 'approve -> choice', 'choice -> do [批准]', 'do -> end', 'choice -> apply [驳回] (loop)']);
    // The diamond sits in the approver's lane, right after the approval.
    expect(diagram.lanes[1]!.nodes.map((node) => node.kind)).toEqual(['approval', 'choice']);
  });

  it('loops a step that repeats itself through a repeat circle below it, both ways dashed (Mermaid cannot draw an edge from a node to itself)', () => {
    const diagram = buildDiagram(model([
      { id: 'plan', name: '计划', role: 'cs-agent', next: 'track' },
      { id: 'track', name: '跟踪', kind: 'decision', role: 'cs-agent', branches: [{ when: '下周继续', to: 'track', loop: true }, { when: '完成', to: 'close' }] },
      { id: 'close', name: '归档', role: 'cs-agent' },
    ]), org);
    expect(edges(diagram)).toEqual(['start -> plan', 'plan -> track', 'track -> close [完成]', 'close -> end', 'track -> repeat [下周继续] (loop)', 'repeat -> track (loop)']);
    expect(diagram.lanes[0]!.nodes.map((node) => node.step?.step.id ?? node.kind)).toEqual(['start', 'plan', 'track', 'repeat', 'close', 'end']);
    expect(diagram.edges.every((edge) => edge.from !== edge.to)).toBe(true);
  });

  it('names the nodes so that a layout walking them in name order meets a loop target before the loop that returns to it, even past a repeating step', () => {
    // document-management's shape: the revision the approval sends back to is also a way in from the start.
    const diagram = buildDiagram(model([
      { id: 'intake', name: '判定', kind: 'decision', role: 'cs-agent', branches: [{ when: '新建', to: 'create' }, { when: '修改', to: 'revise' }] },
      { id: 'create', name: '创建', role: 'cs-agent', next: 'review' },
      { id: 'revise', name: '修改', role: 'cs-agent', next: 'review' },
      { id: 'review', name: '审核', kind: 'approval', role: 'qc-specialist', branches: [{ when: '通过', to: 'backup' }, { when: '需修改', to: 'revise', loop: true }] },
      { id: 'backup', name: '备份', kind: 'decision', role: 'cs-agent', branches: [{ when: '下周继续', to: 'backup', loop: true }, { when: '月末', to: 'close' }] },
      { id: 'close', name: '归档', role: 'cs-agent' },
    ]), org);
    const node = (step: string) => diagram.stepNodes.get(step)!;
    expect(node('revise') < node('create')).toBe(true);
    expect(node('revise') < node('review')).toBe(true);
  });

  it('draws a parallel split through a fork bar and the branches into a join bar before the step where they meet', () => {
    const diagram = buildDiagram(model([
      { id: 'a', name: 'A', role: 'cs-agent', next: ['b', 'c'] },
      { id: 'b', name: 'B', role: 'cs-agent', next: 'b2' },
      { id: 'b2', name: 'B2', role: 'cs-agent', next: 'd' },
      { id: 'c', name: 'C', role: 'qc-specialist', next: 'd' },
      { id: 'd', name: 'D', role: 'cs-agent' },
    ]), org);
    expect(edges(diagram)).toEqual(['start -> a', 'a -> fork', 'fork -> b', 'fork -> c', 'b -> b2', 'b2 -> join', 'c -> join', 'join -> d', 'd -> end']);
  });

  it('draws no join when parallel branches end separately, or when one branch leads into the other', () => {
    const separate = buildDiagram(model([
      { id: 'a', name: 'A', role: 'cs-agent', next: ['b', 'c'] },
      { id: 'b', name: 'B', role: 'cs-agent' },
      { id: 'c', name: 'C', role: 'cs-agent' },
    ]), org);
    expect(nodes(separate).map((node) => node.kind)).not.toContain('join');
    expect(edges(separate)).toContain('b -> end');
    expect(edges(separate)).toContain('c -> end');
    const chained = buildDiagram(model([
      { id: 'a', name: 'A', role: 'cs-agent', next: ['b', 'c'] },
      { id: 'b', name: 'B', role: 'cs-agent', next: 'c' },
      { id: 'c', name: 'C', role: 'cs-agent' },
    ]), org);
    expect(nodes(chained).map((node) => node.kind)).not.toContain('join');
  });

  it('sends only the branches of a split through its join; other ways into the meeting step go straight to it', () => {
    const diagram = buildDiagram(model([
      { id: 'a', name: 'A', role: 'cs-agent', branches: [{ when: 'x', to: 'split' }, { when: 'y', to: 'meet' }] },
      { id: 'split', name: 'S', role: 'cs-agent', next: ['b', 'c'] },
      { id: 'b', name: 'B', role: 'cs-agent', next: 'meet' },
      { id: 'c', name: 'C', role: 'cs-agent', next: 'meet' },
      { id: 'meet', name: 'M', role: 'cs-agent' },
    ]), org);
    expect(edges(diagram)).toEqual(expect.arrayContaining(['a -> meet [y]', 'b -> join', 'c -> join', 'join -> meet']));
  });

  it('leaves out edges to steps that do not exist', () => {
    expect(edges(buildDiagram(model([{ id: 'a', name: 'A', role: 'cs-agent', next: 'ghost' }]), org))).toEqual(['start -> a']);
  });

  it('numbers node ids in the order of a walk that meets every loop target before the loop that returns to it', () => {
    // `revise` is reached from the start by a way of its own, not only through the loop back to it:
    // the walk must take that way before the one that reaches the loop's source.
    const diagram = buildDiagram(model([
      { id: 'intake', name: '判定', role: 'cs-agent', branches: [{ when: '新建', to: 'create' }, { when: '修改', to: 'revise' }] },
      { id: 'create', name: '创建', role: 'cs-agent', next: 'review' },
      { id: 'revise', name: '修改', role: 'cs-agent', next: 'review' },
      { id: 'review', name: '审核', role: 'qc-specialist', branches: [{ when: '通过', to: 'store' }, { when: '需修改', to: 'revise', loop: true }] },
      { id: 'store', name: '存储', role: 'cs-agent' },
    ]), org);
    // Replay Mermaid's walk, as version 12 and as GitHub's 11.17 start it: it turns around exactly the loop.
    const loops = diagram.edges.filter((edge) => edge.loop).map((edge) => `${edge.from}->${edge.to}`);
    expect(turnedAround(diagram, 'sources')).toEqual(loops);
    expect(turnedAround(diagram, 'sorted')).toEqual(loops);
    expect(nodeOf(diagram, 'revise') < nodeOf(diagram, 'create')).toBe(true);
    expect([START_NODE, END_NODE].every((id) => nodes(diagram).some((node) => node.id === id))).toBe(true);
  });

  it('names nodes so that a walk from the smallest id starts at the first step, not at a label', () => {
    // A rework step sent back from a decision: GitHub's Mermaid starts its walk at the smallest id.
    const diagram = buildDiagram(model([
      { id: 'check', name: '审核', role: 'cs-agent', branches: [{ when: '合规', to: 'record' }, { when: '不合规', to: 'fix' }] },
      { id: 'record', name: '记账', role: 'cs-agent', next: 'close' },
      { id: 'close', name: '结账', role: 'cs-agent' },
      { id: 'fix', name: '补正', role: 'qc-specialist', next: 'check', loop: true },
    ]), org);
    const loops = diagram.edges.filter((edge) => edge.loop).map((edge) => `${edge.from}->${edge.to}`);
    expect(loops).toEqual([`${nodeOf(diagram, 'fix')}->${nodeOf(diagram, 'check')}`]);
    expect(turnedAround(diagram, 'sorted')).toEqual(loops);
    expect(turnedAround(diagram, 'sources')).toEqual(loops);
  });
});

/**
 * Replays the cycle breaking of Mermaid's swimlane layout: a depth-first walk taking each node's
 * successors in id order, where a labelled edge passes through a node `edge-label-<from>-<to>-<id>`,
 * starting from the nodes nothing leads to (Mermaid 12) or from the smallest id (Mermaid 11.17).
 * Returns the drawn edges it turns around.
 */
function turnedAround(diagram: Diagram, seeds: 'sources' | 'sorted' = 'sources'): string[] {
  const ids = nodes(diagram).map((node) => node.id);
  const out = new Map<string, Array<{ to: string; edge: string }>>();
  const add = (from: string, to: string, edge: string) => out.set(from, [...(out.get(from) ?? []), { to, edge }]);
  diagram.edges.forEach((edge, index) => {
    const name = `${edge.from}->${edge.to}`;
    if (edge.when === undefined) return add(edge.from, edge.to, name);
    const label = `edge-label-${edge.from}-${edge.to}-L_${edge.from}_${edge.to}_${index}`;
    ids.push(label);
    add(edge.from, label, name);
    add(label, edge.to, name);
  });
  for (const list of out.values()) list.sort((a, b) => a.to.localeCompare(b.to));
  const state = new Map<string, 'open' | 'done'>();
  const back: string[] = [];
  const visit = (id: string) => {
    state.set(id, 'open');
    for (const { to, edge } of out.get(id) ?? []) {
      if (state.get(to) === 'open') back.push(edge);
      else if (!state.has(to)) visit(to);
    }
    state.set(id, 'done');
  };
  const incoming = new Set([...out.values()].flat().map((edge) => edge.to));
  const order = seeds === 'sources' ? [...ids.filter((id) => !incoming.has(id)), ...ids] : [...ids].sort((a, b) => a.localeCompare(b));
  for (const id of order) if (!state.has(id)) visit(id);
  return back;
}
