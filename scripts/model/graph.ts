import { deadlineMinutes } from './deadline.ts';
import { resolveAnchor, type Edge, type ProcessModel, type StepNode } from './process-model.ts';

/** Steps reachable from the first step, following edges forward. */
export function reachableFromStart(model: ProcessModel): Set<string> {
  return model.start ? reachableFrom(model, model.start.step.id) : new Set();
}

/**
 * Steps reachable from `from` (itself included). With `loops: false` declared loops are
 * not followed: what is left is the forward flow, the graph the time checks walk.
 */
export function reachableFrom(model: ProcessModel, from: string, options: { loops?: boolean } = {}): Set<string> {
  const followLoops = options.loops ?? true;
  const seen = new Set<string>();
  const queue = [from];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const edge of model.outgoing.get(id) ?? []) if (followLoops || !edge.loop) queue.push(edge.to);
  }
  return seen;
}

/** Steps from which some end of the process can be reached. */
export function canReachEnd(model: ProcessModel): Set<string> {
  const seen = new Set<string>();
  const queue = model.ends.map((node) => node.step.id);
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const edge of model.incoming.get(id) ?? []) queue.push(edge.from);
  }
  return seen;
}

/**
 * Cycles made of edges that are not declared loops, each as the list of step
 * ids around it (reported once, starting at its first step in spec order).
 */
export function undeclaredCycles(model: ProcessModel): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const seenKeys = new Set<string>();
  const visit = (id: string) => {
    state.set(id, 'open');
    stack.push(id);
    for (const edge of forwardEdges(model, id)) {
      const mark = state.get(edge.to);
      if (mark === 'open') {
        const cycle = stack.slice(stack.indexOf(edge.to));
        const key = [...cycle].sort().join('\u0000');
        if (!seenKeys.has(key)) {
          seenKeys.add(key);
          cycles.push(cycle);
        }
      } else if (mark === undefined) {
        visit(edge.to);
      }
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const node of model.steps) if (!state.has(node.step.id)) visit(node.step.id);
  return cycles;
}

function forwardEdges(model: ProcessModel, id: string): Edge[] {
  return (model.outgoing.get(id) ?? []).filter((edge) => !edge.loop);
}

export interface CriticalPath {
  /** Working minutes along the longest path. */
  minutes: number;
  /** Step ids along it, in order. */
  path: string[];
  /** Steps on the path whose deadline adds no duration (recurring dates, lead times) or has none. */
  uncounted: string[];
}

/**
 * The longest path of step deadlines from `from` (default: the first step) to
 * `to` (default: any end), ignoring declared loops. Parallel branches and
 * decisions both take the longest alternative, so a parallel section counts
 * once (its slowest branch), never summed. A relative deadline (`30m after X`)
 * finishes its step at X's finish plus the duration. `undefined` when the graph
 * has an undeclared cycle or `to` cannot be reached.
 */
export function criticalPath(model: ProcessModel, workdayHours: number, from?: string, to?: string): CriticalPath | undefined {
  const startId = from ?? model.start?.step.id;
  if (!startId || !model.byId.has(startId)) return undefined;
  const order = topologicalOrder(model, startId);
  if (!order) return undefined;

  const finish = new Map<string, number>();
  const previous = new Map<string, string | undefined>();
  for (const id of order) {
    const node = model.byId.get(id)!;
    const incoming = id === startId ? [] : (model.incoming.get(id) ?? []).filter((edge) => !edge.loop && finish.has(edge.from));
    let begin = 0;
    let via: string | undefined;
    for (const edge of incoming) {
      if (finish.get(edge.from)! >= begin) [begin, via] = [finish.get(edge.from)!, edge.from];
    }
    const deadline = node.deadline?.ok ? node.deadline.value : undefined;
    const minutes = deadline ? deadlineMinutes(deadline, workdayHours) ?? 0 : 0;
    let end = begin + minutes;
    if (deadline?.kind === 'within' && deadline.anchor?.relation === 'after' && deadline.anchor.ref) {
      const anchor = resolveAnchor(model, deadline.anchor.ref, node.index);
      const anchorFinish = anchor ? finish.get(anchor.step.id) : undefined;
      if (anchorFinish !== undefined) end = Math.max(begin, anchorFinish + minutes);
    }
    finish.set(id, end);
    previous.set(id, via);
  }

  const targets = to ? [to] : model.ends.map((node) => node.step.id);
  let last: string | undefined;
  for (const id of targets) if (finish.has(id) && (last === undefined || finish.get(id)! > finish.get(last)!)) last = id;
  if (last === undefined) return undefined;

  const path: string[] = [];
  for (let id: string | undefined = last; id !== undefined; id = previous.get(id)) path.unshift(id);
  const uncounted = path.filter((id) => {
    const deadline = model.byId.get(id)!.deadline;
    return !deadline?.ok || deadlineMinutes(deadline.value, workdayHours) === undefined;
  });
  return { minutes: finish.get(last)!, path, uncounted };
}

/** Kahn's order of the steps reachable from `startId`; `undefined` if they hold an undeclared cycle. */
function topologicalOrder(model: ProcessModel, startId: string): string[] | undefined {
  const reachable = new Set<string>();
  const queue = [startId];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (reachable.has(id)) continue;
    reachable.add(id);
    for (const edge of forwardEdges(model, id)) queue.push(edge.to);
  }
  const indegree = new Map<string, number>([...reachable].map((id) => [id, 0]));
  for (const id of reachable) for (const edge of forwardEdges(model, id)) indegree.set(edge.to, indegree.get(edge.to)! + 1);
  const ready = [...reachable].filter((id) => indegree.get(id) === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    const id = ready.shift()!;
    order.push(id);
    for (const edge of forwardEdges(model, id)) {
      const left = indegree.get(edge.to)! - 1;
      indegree.set(edge.to, left);
      if (left === 0) ready.push(edge.to);
    }
  }
  return order.length === reachable.size ? order : undefined;
}

const flowOrders = new WeakMap<ProcessModel, StepNode[]>();

/**
 * The steps in the order a reader follows them: every step after the steps that lead to it
 * (declared loops aside), the first branch's chain before the second's, and steps the start
 * cannot reach last, in file order. Step numbers in the table, the flowchart, the role pages
 * and the diff are positions in this order, so a step added at the end of the file still gets
 * its number from where it sits in the flow.
 */
export function flowOrder(model: ProcessModel): StepNode[] {
  const known = flowOrders.get(model);
  if (known) return known;
  const seen = new Set<string>();
  const order: StepNode[] = [];
  // Reverse postorder of a depth-first walk is a topological order; visiting successors last
  // first puts the first branch's chain first.
  const walk = (root: StepNode) => {
    const postorder: StepNode[] = [];
    const successors = (node: StepNode) => forwardEdges(model, node.step.id).map((edge) => model.byId.get(edge.to)!).reverse();
    const stack = [{ node: root, next: successors(root) }];
    seen.add(root.step.id);
    while (stack.length > 0) {
      const top = stack.at(-1)!;
      const target = top.next.shift();
      if (!target) {
        postorder.push(top.node);
        stack.pop();
      } else if (!seen.has(target.step.id)) {
        seen.add(target.step.id);
        stack.push({ node: target, next: successors(target) });
      }
    }
    order.push(...postorder.reverse());
  };
  if (model.start) walk(model.start);
  // Steps the start does not reach keep their file order, each followed by what only it reaches.
  for (const node of model.steps) if (!seen.has(node.step.id) && model.byId.get(node.step.id) === node) walk(node);
  flowOrders.set(model, order);
  return order;
}

/** A step's number as readers see it: its 1-based position in `flowOrder`. */
export function stepNumbers(model: ProcessModel): Map<string, number> {
  return new Map(flowOrder(model).map((node, index) => [node.step.id, index + 1]));
}
