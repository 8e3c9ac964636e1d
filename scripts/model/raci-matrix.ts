import type { Process } from '../../schemas/process.ts';
import { flowOrder } from './graph.ts';
import type { ProcessModel, StepNode } from './process-model.ts';
import { accountableOf } from './raci.ts';

export interface RaciCell {
  /** R, A, C, I in that order, e.g. "RA". */
  letters: string;
  /** The A comes from a default (approver or owner), not from the spec. */
  defaultA: boolean;
}

/**
 * A process's RACI matrix: its roles in the order the flow first names them (R, then A, C, I of each
 * step), and each step's letters for a role. The site's process page and the Word export show it.
 */
export function raciMatrix(model: ProcessModel, spec: Pick<Process, 'owner'> = model.spec) {
  const order = flowOrder(model);
  const roles = [...new Set(order.flatMap((node) => [node.step.role, ...accountableOf(node, spec).roles, ...(node.step.consulted ?? []), ...(node.step.informed ?? [])]).filter((role): role is string => Boolean(role)))];
  const cell = (node: StepNode, role: string): RaciCell => {
    const accountable = accountableOf(node, spec);
    const letters = [node.step.role === role ? 'R' : '', accountable.roles.includes(role) ? 'A' : '', node.step.consulted?.includes(role) ? 'C' : '', node.step.informed?.includes(role) ? 'I' : ''].join('');
    return { letters, defaultA: accountable.source !== 'explicit' && accountable.roles.includes(role) };
  };
  return { roles, steps: order, cell, anyDefaultA: order.some((node) => accountableOf(node, spec).source !== 'explicit') };
}
