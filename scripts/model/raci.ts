import type { Process } from '../../schemas/process.ts';
import type { StepNode } from './process-model.ts';

/** Where a step's accountable role comes from: the spec, or one of the documented defaults. */
export type AccountableSource = 'explicit' | 'approver' | 'owner';

export interface Accountable {
  /** The accountable roles (A); exactly one unless the spec lists none or several. */
  roles: string[];
  source: AccountableSource;
}

/**
 * The accountable role (A) of a step. The spec's `accountable` when it has one; otherwise the
 * documented defaults: an approval is answered for by the role that gives it, and any other step by
 * the process owner, who answers for the process as a whole. The RACI matrix, the role pages and
 * the `step-accountable` rule read the same answer.
 */
export function accountableOf(node: StepNode, spec: Pick<Process, 'owner'>): Accountable {
  if (node.step.accountable !== undefined) return { roles: [...new Set(node.accountable)], source: 'explicit' };
  const fallback = defaultAccountable(node, spec);
  return { roles: [fallback.role], source: fallback.source };
}

/** The accountable role a step has when its spec names none. */
export function defaultAccountable(node: StepNode, spec: Pick<Process, 'owner'>): { role: string; source: Exclude<AccountableSource, 'explicit'> } {
  return node.kind === 'approval' && node.step.role ? { role: node.step.role, source: 'approver' } : { role: spec.owner, source: 'owner' };
}
