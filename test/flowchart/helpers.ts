import type { Process } from '../../schemas/process.ts';
import { indexOrg } from '../../scripts/model/org-index.ts';
import { buildModel } from '../../scripts/model/process-model.ts';

export const org = indexOrg({
  departments: [
    { id: 'customer-service', name: '客服部', nameEn: 'Customer Service' },
    { id: 'quality', name: '品控部', nameEn: 'Quality Control' },
  ],
  roles: [
    { id: 'cs-agent', name: '客服专员', nameEn: 'Agent', department: 'customer-service' },
    { id: 'qc-specialist', name: '品控专员', department: 'quality' },
  ],
});

/** A small valid process; `steps` replaces the default steps. */
export function spec(steps?: Process['steps'], extra: Partial<Process> = {}): Process {
  return {
    id: 'sample',
    title: '样例流程',
    category: 'business',
    department: 'customer-service',
    owner: 'cs-agent',
    version: '1.0.0',
    status: 'published',
    goal: '目标',
    scope: { start: '开始', end: '结束' },
    steps: steps ?? [
      { id: 'receive', name: '接收', role: 'cs-agent', next: 'check' },
      { id: 'check', name: '检查', role: 'qc-specialist', branches: [{ when: '合格', to: 'close' }, { when: '不合格', to: 'receive', loop: true }] },
      { id: 'close', name: '归档', role: 'cs-agent' },
    ],
    ...extra,
  };
}

export const model = (steps?: Process['steps'], extra?: Partial<Process>) => buildModel(spec(steps, extra));
