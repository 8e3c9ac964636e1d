import type { Department } from '../../schemas/org.ts';
import { flowOrder } from './graph.ts';
import type { OrgIndex } from './org-index.ts';
import type { ProcessModel, StepNode } from './process-model.ts';

/** One department's share of a process: the lane its steps are drawn in. */
export interface Lane {
  /** The department id, or '' for steps whose role has no known department. */
  id: string;
  department?: Department;
  /** The lane's steps, in flow order. */
  steps: StepNode[];
}

/**
 * The lanes of a process, one per department of the steps' roles, in the order the flow first
 * reaches them; the flowchart, the exports and the role pages draw the same lanes.
 */
export function lanesOf(model: ProcessModel, org: OrgIndex | undefined): Lane[] {
  const lanes = new Map<string, Lane>();
  for (const node of flowOrder(model)) {
    const department = node.step.role ? org?.departmentOf(node.step.role) : undefined;
    const id = department?.id ?? '';
    let lane = lanes.get(id);
    if (!lane) lanes.set(id, (lane = { id, ...(department ? { department } : {}), steps: [] }));
    lane.steps.push(node);
  }
  return [...lanes.values()];
}
