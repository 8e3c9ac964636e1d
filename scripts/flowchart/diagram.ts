import type { Locale } from '../core/messages.ts';
import { flowOrder, stepNumbers } from '../model/graph.ts';
import { lanesOf } from '../model/lanes.ts';
import type { OrgIndex } from '../model/org-index.ts';
import type { Edge, ProcessModel, StepNode } from '../model/process-model.ts';

/**
 * What a process's flowchart shows, before it is written in any diagram syntax: one lane per
 * department, the steps numbered as in the responsibility table, and the meaning of the flow
 * made visible with nodes of its own. A step that is not a decision but has branches (an
 * approval's approve/refuse) is followed by a choice diamond carrying the conditions; a
 * parallel split goes through a fork bar and its branches meet at a join bar, so "one of
 * them happens" and "all of them happen" look different. A step that repeats itself (a loop
 * back to the same step, "next week, again") loops through a small circle of its own below it:
 * Mermaid's swimlane layout cannot draw an edge from a node to itself.
 */

export type DiagramNodeKind = 'start' | 'end' | 'task' | 'approval' | 'decision' | 'choice' | 'fork' | 'join' | 'repeat';

export interface DiagramNode {
  /** Generated (`s3`, `f3`, `start` …), never spec text. */
  id: string;
  kind: DiagramNodeKind;
  /** The step a step node draws. */
  step?: StepNode;
  /** The step's number, the same as its row in the responsibility table. */
  number?: number;
}

export interface DiagramEdge {
  from: string;
  to: string;
  /** A branch's condition, as written in the spec. */
  when?: string;
  /**
   * A declared loop back: drawn dashed, the one kind of edge that may run against the flow. A
   * step's loop to itself is two of them, down to its repeat circle and back up.
   */
  loop: boolean;
}

export interface DiagramLane {
  /** The department id, '' for steps without a known department. */
  id: string;
  name: string;
  /** In flow order, with start first and end last where they sit in this lane. */
  nodes: DiagramNode[];
}

export interface Diagram {
  lanes: DiagramLane[];
  /** Forward edges in flow order of their source, then the declared loops. */
  edges: DiagramEdge[];
  /** The node of each step, by step id. */
  stepNodes: Map<string, string>;
}

export const START_NODE = 'start';
export const END_NODE = 'finish';

const UNASSIGNED: Record<Locale, string> = { 'zh-CN': '未指定', en: 'Unassigned' };

const WORDS = {
  'zh-CN': { start: '开始', end: '结束', describe: (title: string, steps: number, lanes: string) => `${title}流程图：共 ${steps} 个步骤，泳道：${lanes}。各步骤的说明、责任岗位与时间要求见下方职责表。` },
  en: { start: 'Start', end: 'End', describe: (title: string, steps: number, lanes: string) => `Flowchart of ${title}: ${steps} steps in lanes ${lanes}. The responsibility table below describes each step, its role and its time requirement.` },
} satisfies Record<Locale, unknown>;

/** What a flowchart says in `locale` besides the spec's own words: its start and end, and its description for screen readers. */
export const diagramWords = (locale: Locale) => WORDS[locale];

export function buildDiagram(model: ProcessModel, org: OrgIndex | undefined, locale: Locale = 'zh-CN'): Diagram {
  const order = flowOrder(model);
  const numbers = stepNumbers(model);
  const laneOf = new Map<string, DiagramLane>();
  const lanes = lanesOf(model, org).map((lane): DiagramLane => {
    const name = lane.department ? (locale === 'en' ? lane.department.nameEn ?? lane.department.name : lane.department.name) : UNASSIGNED[locale];
    const drawn = { id: lane.id, name, nodes: [] };
    for (const node of lane.steps) laneOf.set(node.step.id, drawn);
    return drawn;
  });

  const outgoing = (node: StepNode) => model.outgoing.get(node.step.id) ?? [];
  const parallel = (node: StepNode) => outgoing(node).filter((edge) => edge.type === 'parallel');
  const branches = (node: StepNode) => outgoing(node).filter((edge) => edge.type === 'branch');
  const hasFork = (node: StepNode) => parallel(node).length > 1;
  const hasChoice = (node: StepNode) => node.kind !== 'decision' && branches(node).length > 1;
  const repeats = (node: StepNode) => outgoing(node).some((edge) => edge.to === node.step.id);
  const joins = joinsOf(model, order);
  const ends = order.filter((node) => model.ends.includes(node));
  const first = model.start;
  const last = ends.at(-1);

  for (const node of order) {
    const lane = laneOf.get(node.step.id)!;
    const id = `s${node.index}`;
    if (node === first) lane.nodes.push({ id: START_NODE, kind: 'start' });
    if (joins.has(node.step.id)) lane.nodes.push({ id: `j${node.index}`, kind: 'join' });
    lane.nodes.push({ id, kind: node.kind, step: node, number: numbers.get(node.step.id)! });
    if (hasFork(node)) lane.nodes.push({ id: `f${node.index}`, kind: 'fork' });
    if (hasChoice(node)) lane.nodes.push({ id: `c${node.index}`, kind: 'choice' });
    if (repeats(node)) lane.nodes.push({ id: `r${node.index}`, kind: 'repeat' });
    if (node === last) lane.nodes.push({ id: END_NODE, kind: 'end' });
  }

  const forward: DiagramEdge[] = [];
  const loops: DiagramEdge[] = [];
  if (first) forward.push({ from: START_NODE, to: `s${first.index}`, loop: false });
  for (const node of order) {
    const id = `s${node.index}`;
    const targetOf = (edge: Edge) => {
      const join = joins.get(edge.to);
      const target = model.byId.get(edge.to)!;
      return join && !edge.loop && join.has(node.step.id) ? `j${target.index}` : `s${target.index}`;
    };
    if (joins.has(node.step.id)) forward.push({ from: `j${node.index}`, to: id, loop: false });
    if (hasFork(node)) forward.push({ from: id, to: `f${node.index}`, loop: false });
    if (hasChoice(node)) forward.push({ from: id, to: `c${node.index}`, loop: false });
    for (const edge of outgoing(node)) {
      const from = edge.type === 'parallel' && hasFork(node) ? `f${node.index}` : edge.type === 'branch' && hasChoice(node) ? `c${node.index}` : id;
      const when = edge.when?.trim() ? { when: edge.when } : {};
      if (edge.to === node.step.id) {
        loops.push({ from, to: `r${node.index}`, ...when, loop: true }, { from: `r${node.index}`, to: id, loop: true });
        continue;
      }
      const drawn: DiagramEdge = { from, to: targetOf(edge), ...when, loop: edge.loop };
      (edge.loop ? loops : forward).push(drawn);
    }
    if (model.ends.includes(node)) forward.push({ from: id, to: END_NODE, loop: false });
  }
  const edges = [...forward, ...loops];
  const ids = layoutIds(lanes.flatMap((lane) => lane.nodes.map((node) => node.id)), edges);
  const rename = (id: string) => ids.get(id) ?? id;
  return {
    lanes: lanes.map((lane) => ({ ...lane, nodes: lane.nodes.map((node) => ({ ...node, id: rename(node.id) })) })),
    edges: edges.map((edge) => ({ ...edge, from: rename(edge.from), to: rename(edge.to) })),
    stepNodes: new Map(order.map((node) => [node.step.id, rename(`s${node.index}`)])),
  };
}

/**
 * Node ids for Mermaid's swimlane layout, which makes the graph acyclic with a depth-first
 * walk that turns around every edge leading back to a node on its current path. For a declared
 * loop to be the edge it turns around, the walk must pass the loop's target before it reaches
 * the loop's source. The walk takes each node's successors in the order of their ids, and an
 * edge with a label goes through a node of its own named `edge-label-…`; it starts from the
 * nodes nothing leads to (Mermaid 12) or from the smallest id (Mermaid 11.17, GitHub's).
 *
 * So the ids (`a00`, `a01` …, which sort before `edge-label-…`) number the nodes in the order
 * of such a walk, taken here from the start: unlabelled ways before labelled ones (a valid spec
 * never mixes them), forward edges before loops and, among ways of the same sort, first the
 * one that leads to a loop target not yet visited (of a loop that closes a cycle). Start and end keep their names (nothing
 * leads to the start, and the end is the only way on from a last step).
 */
function layoutIds(declared: string[], edges: DiagramEdge[]): Map<string, string> {
  const out = new Map<string, DiagramEdge[]>();
  for (const edge of edges) out.set(edge.from, [...(out.get(edge.from) ?? []), edge]);
  const reach = new Map<string, Set<string>>();
  const reachable = (from: string): Set<string> => {
    let seen = reach.get(from);
    if (seen) return seen;
    reach.set(from, (seen = new Set([from])));
    for (const edge of out.get(from) ?? []) if (!edge.loop) for (const id of reachable(edge.to)) seen.add(id);
    return seen;
  };
  // Only a loop whose target leads on to its source closes a cycle the walk must enter at the target
  // (a step's loop through its repeat circle does not: the circle leads nowhere but back).
  const loopTargets = new Set(edges.filter((edge) => edge.loop && reachable(edge.to).has(edge.from)).map((edge) => edge.to));
  const walked: string[] = [];
  const visited = new Set<string>();
  const visit = (id: string) => {
    visited.add(id);
    walked.push(id);
    const edges = out.get(id) ?? [];
    for (;;) {
      const open = edges.filter((edge) => !edge.loop && !visited.has(edge.to));
      if (open.length === 0) break;
      const unlabelled = open.filter((edge) => edge.when === undefined);
      const ways = (unlabelled.length > 0 ? unlabelled : open).map((edge) => edge.to);
      const pending = [...loopTargets].filter((target) => !visited.has(target));
      visit(ways.find((way) => pending.some((target) => reachable(way).has(target))) ?? ways[0]!);
    }
    for (const edge of edges) if (edge.loop && !visited.has(edge.to)) visit(edge.to);
  };
  const incoming = new Set(edges.map((edge) => edge.to));
  for (const id of [...declared.filter((id) => !incoming.has(id)), ...declared]) if (!visited.has(id)) visit(id);
  const width = String(walked.length).length;
  return new Map(walked.filter((id) => id !== START_NODE && id !== END_NODE).map((id, index) => [id, `a${String(index).padStart(width, '0')}`]));
}

/**
 * Where parallel branches meet: for each step that splits into parallel branches, the first
 * step (in flow order) that every branch reaches. The result maps each such step to the steps
 * inside the branches whose edges into it go through its join bar. No join when the branches
 * never meet, or when one branch leads into another.
 */
function joinsOf(model: ProcessModel, order: StepNode[]): Map<string, Set<string>> {
  const joins = new Map<string, Set<string>>();
  const forward = (id: string) => (model.outgoing.get(id) ?? []).filter((edge) => !edge.loop).map((edge) => edge.to);
  const reach = (from: string, stop?: string) => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id) || id === stop) continue;
      seen.add(id);
      stack.push(...forward(id));
    }
    return seen;
  };
  for (const node of order) {
    const targets = (model.outgoing.get(node.step.id) ?? []).filter((edge) => edge.type === 'parallel').map((edge) => edge.to);
    if (targets.length < 2) continue;
    const reached = targets.map((target) => reach(target));
    const join = order.find((candidate) => reached.every((set) => set.has(candidate.step.id)));
    if (!join || targets.includes(join.step.id)) continue;
    const inside = joins.get(join.step.id) ?? new Set<string>();
    for (const target of targets) for (const id of reach(target, join.step.id)) inside.add(id);
    joins.set(join.step.id, inside);
  }
  return joins;
}
