import { describe, expect, it } from 'vitest';
import type { Process } from '../../schemas/process.ts';
import { buildHandbook } from '../../scripts/model/handbook.ts';
import { buildModel } from '../../scripts/model/process-model.ts';
import { accountableOf } from '../../scripts/model/raci.ts';

const spec = {
  id: 'p', title: 'p', category: 'business', department: 'd', owner: 'finance-manager', version: '1.0.0', status: 'draft', goal: 'g', scope: { start: 's', end: 'e' },
  steps: [
    { id: 'submit', name: '提交', role: 'employee', next: 'approve' },
    { id: 'approve', name: '审批', kind: 'approval', role: 'department-head', next: 'pay' },
    { id: 'pay', name: '付款', role: 'cashier', accountable: 'finance-director', next: 'none' },
    { id: 'none', name: '无人负责', role: 'cashier', accountable: [] },
  ],
} as Process;
const model = buildModel(spec);
const of = (id: string) => accountableOf(model.byId.get(id)!, spec);

describe('accountableOf', () => {
  it('takes the spec\'s accountable role when it names one', () => {
    expect(of('pay')).toEqual({ roles: ['finance-director'], source: 'explicit' });
    expect(of('none')).toEqual({ roles: [], source: 'explicit' });
  });

  it('makes an approval accountable to its approver and any other step to the process owner', () => {
    expect(of('approve')).toEqual({ roles: ['department-head'], source: 'approver' });
    expect(of('submit')).toEqual({ roles: ['finance-manager'], source: 'owner' });
  });

  it('is what the duties index lists as A', () => {
    const duties = buildHandbook([{ file: 'p.md', spec }]).duties;
    expect(duties.get('finance-manager')?.map((d) => `${d.node.step.id}:${d.letters.join('')}`)).toEqual(['submit:A']);
    expect(duties.get('department-head')?.map((d) => `${d.node.step.id}:${d.letters.join('')}`)).toEqual(['approve:RA']);
  });
});
