import { describe, expect, it } from 'vitest';
import type { Process } from '../../schemas/process.ts';
import { flowOrder, stepNumbers } from '../../scripts/model/graph.ts';
import { buildModel } from '../../scripts/model/process-model.ts';

const spec = (steps: Process['steps']): Process =>
  ({ id: 'p', title: 'p', category: 'business', department: 'd', owner: 'o', version: '1.0.0', status: 'draft', goal: 'g', scope: { start: 's', end: 'e' }, steps }) as Process;
const ids = (steps: Process['steps']) => flowOrder(buildModel(spec(steps))).map((node) => node.step.id);

describe('flowOrder', () => {
  it('puts a step written last in the file where the flow reaches it', () => {
    // given a step appended to the file but placed between the first two steps
    const steps = [
      { id: 'a', name: 'A', next: 'new' },
      { id: 'b', name: 'B' },
      { id: 'new', name: 'N', next: 'b' },
    ];
    // then it is numbered second
    expect(ids(steps)).toEqual(['a', 'new', 'b']);
    expect(stepNumbers(buildModel(spec(steps))).get('new')).toBe(2);
  });

  it('follows the first branch to its end before the second, and a join after both', () => {
    expect(ids([
      { id: 'a', name: 'A', branches: [{ when: 'x', to: 'b' }, { when: 'y', to: 'c' }] },
      { id: 'c', name: 'C', next: 'f' },
      { id: 'b', name: 'B', next: 'e' },
      { id: 'e', name: 'E' },
      { id: 'f', name: 'F' },
    ])).toEqual(['a', 'b', 'e', 'c', 'f']);
    expect(ids([
      { id: 'a', name: 'A', next: ['b', 'c'] },
      { id: 'b', name: 'B', next: 'd' },
      { id: 'c', name: 'C', next: 'd' },
      { id: 'd', name: 'D' },
    ])).toEqual(['a', 'b', 'c', 'd']);
  });

  it('ignores declared loops and lists unreachable steps last, in file order', () => {
    expect(ids([
      { id: 'a', name: 'A', next: 'b' },
      { id: 'orphan', name: 'O', next: 'a' },
      { id: 'b', name: 'B', branches: [{ when: 'again', to: 'a', loop: true }, { when: 'done', to: 'c' }] },
      { id: 'c', name: 'C' },
    ])).toEqual(['a', 'b', 'c', 'orphan']);
  });

  it('numbers every step once even with an undeclared cycle or a missing target', () => {
    const order = ids([
      { id: 'a', name: 'A', next: ['b', 'ghost'] },
      { id: 'b', name: 'B', next: 'a' },
    ]);
    expect(order).toEqual(['a', 'b']);
  });
});

describe('lanesOf', () => {
  it('makes one lane per department in the order the flow reaches them', async () => {
    const { lanesOf } = await import('../../scripts/model/lanes.ts');
    const { indexOrg } = await import('../../scripts/model/org-index.ts');
    const org = indexOrg({
      departments: [{ id: 'cs', name: '客服部' }, { id: 'qc', name: '品控部' }],
      roles: [{ id: 'agent', name: '客服专员', department: 'cs' }, { id: 'qa', name: '质检员', department: 'qc' }],
    } as never);
    const model = buildModel(spec([
      { id: 'a', name: 'A', role: 'agent', next: 'c' },
      { id: 'b', name: 'B', role: 'agent' },
      { id: 'c', name: 'C', role: 'qa', next: 'd' },
      { id: 'd', name: 'D', next: 'b' },
    ]));
    expect(lanesOf(model, org).map((lane) => [lane.id, lane.steps.map((node) => node.step.id)])).toEqual([
      ['cs', ['a', 'b']],
      ['qc', ['c']],
      ['', ['d']],
    ]);
  });
});
