import type { Process, Step } from '../../schemas/process.ts';
import { parseDeadline, type DeadlineParse } from './deadline.ts';

export type StepKind = 'task' | 'approval' | 'decision';

export interface StepNode {
  step: Step;
  index: number;
  kind: StepKind;
  /** The parsed time requirement; `undefined` when the step has none. */
  deadline?: DeadlineParse;
  /** Accountable roles as a list (the spec allows one id or a list). */
  accountable: string[];
}

export interface Edge {
  from: string;
  to: string;
  /** `next` edges with more than one target are parallel branches. */
  type: 'next' | 'parallel' | 'branch';
  when?: string;
  /** A declared loop back (e.g. documents incomplete → submit again). */
  loop: boolean;
  /** Index of the branch or next target in the spec, for positions. */
  index: number;
}

/** The step graph of one process: what rules, the flowchart and the diff all read. */
export interface ProcessModel {
  spec: Process;
  steps: StepNode[];
  byId: Map<string, StepNode>;
  edges: Edge[];
  /** Edges whose target exists, grouped by source. */
  outgoing: Map<string, Edge[]>;
  incoming: Map<string, Edge[]>;
  /** The first step: where the process starts. */
  start?: StepNode;
  /** Steps with no outgoing edge: where the process ends. */
  ends: StepNode[];
}

export function buildModel(spec: Process): ProcessModel {
  const steps = spec.steps.map((step, index): StepNode => ({
    step,
    index,
    kind: step.kind ?? (step.branches?.length ? 'decision' : 'task'),
    ...(step.deadline !== undefined ? { deadline: parseDeadline(step.deadline) } : {}),
    accountable: step.accountable === undefined ? [] : Array.isArray(step.accountable) ? step.accountable : [step.accountable],
  }));
  const byId = new Map<string, StepNode>();
  for (const node of steps) if (!byId.has(node.step.id)) byId.set(node.step.id, node);

  const edges: Edge[] = [];
  for (const { step } of steps) {
    const next = step.next === undefined ? [] : Array.isArray(step.next) ? step.next : [step.next];
    next.forEach((to, index) => edges.push({ from: step.id, to, type: next.length > 1 ? 'parallel' : 'next', loop: step.loop === true, index }));
    step.branches?.forEach((branch, index) =>
      edges.push({ from: step.id, to: branch.to, type: 'branch', ...(branch.when !== undefined ? { when: branch.when } : {}), loop: branch.loop === true, index }),
    );
  }

  const outgoing = new Map<string, Edge[]>();
  const incoming = new Map<string, Edge[]>();
  for (const edge of edges) {
    if (!byId.has(edge.to)) continue;
    push(outgoing, edge.from, edge);
    push(incoming, edge.to, edge);
  }
  const ends = steps.filter((node) => !edges.some((edge) => edge.from === node.step.id));
  return { spec, steps, byId, edges, outgoing, incoming, ...(steps[0] ? { start: steps[0] } : {}), ends };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The step a relative deadline counts from: a step id (`30m after receive`), or
 * Chinese text naming a step (`接收后30分钟内` → the step whose name contains 接收).
 * Prefers steps before `from`; `undefined` when nothing matches.
 */
export function resolveAnchor(model: ProcessModel, ref: string, from: number): StepNode | undefined {
  const exact = model.byId.get(ref);
  if (exact) return exact;
  const named = model.steps.filter((node) => node.step.name === ref || node.step.name.includes(ref));
  const before = named.filter((node) => node.index < from);
  return before.at(-1) ?? named[0];
}
