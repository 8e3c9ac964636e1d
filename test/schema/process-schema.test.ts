import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../scripts/core/load-spec.ts';
import { renderCore } from '../../scripts/core/render.ts';
import { ProcessSchema } from '../../schemas/process.ts';
import { OrgSchema } from '../../schemas/org.ts';
import { parseYaml } from '../../scripts/core/yaml-source.ts';
import { loadOrg } from '../../scripts/core/load-org.ts';

const text = readFileSync(new URL('../../processes/business/customer-complaint.md', import.meta.url), 'utf8');
const base = loadSpec('customer-complaint.md', text).data as Record<string, any>;
const issuePaths = (data: unknown) => {
  const result = ProcessSchema.safeParse(data);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
};

describe('ProcessSchema', () => {
  it('accepts a complete spec', () => {
    expect(issuePaths(base)).toEqual([]);
  });

  it('leaves a missing role or deadline to the rules, which say more', () => {
    const steps = base.steps.map((step: Record<string, unknown>, index: number) => {
      if (index !== 0) return step;
      const { role: _role, deadline: _deadline, ...rest } = step;
      return rest;
    });
    expect(issuePaths({ ...base, steps })).toEqual([]);
  });

  it.each([
    ['an id that is not kebab-case', { id: 'Customer_Complaint' }, 'id'],
    ['an unknown category', { category: 'sales' }, 'category'],
    ['a version that is not semver', { version: 'v2' }, 'version'],
    ['a status outside the four', { status: 'active' }, 'status'],
    ['no steps', { steps: [] }, 'steps'],
    ['an unknown top-level key', { owners: ['x'] }, ''],
    ['a stage status outside the four', { lifecycle: { define: { status: 'finished' } } }, 'lifecycle.define.status'],
    ['a date that is not YYYY-MM-DD', { lifecycle: { release: { status: 'done', effective: '2025/05/06' } } }, 'lifecycle.release.effective'],
    ['a stage field on the wrong stage', { lifecycle: { define: { status: 'done', approvedBy: 'x' } } }, 'lifecycle.define'],
    ['a branch without a target', { steps: [{ id: 'a', name: 'A', branches: [{ when: 'x' }] }] }, 'steps.0.branches.0.to'],
    ['an approval outcome outside the two', { steps: [{ id: 'a', name: 'A', branches: [{ when: 'x', to: 'a', outcome: 'maybe' }] }] }, 'steps.0.branches.0.outcome'],
    ['a duty that is not an id', { steps: [{ id: 'a', name: 'A', duties: ['会计记录'] }] }, 'steps.0.duties.0'],
  ])('rejects %s', (_, change, path) => {
    expect(issuePaths({ ...base, ...change })).toContain(path);
  });
});

describe('OrgSchema', () => {
  it('accepts the handbook registry', () => {
    const { data } = parseYaml(readFileSync(new URL('../../processes/org.yml', import.meta.url), 'utf8'), 1);
    expect(OrgSchema.safeParse(data).success).toBe(true);
  });

  it('rejects a role without a department and a malformed GitHub handle', () => {
    const result = OrgSchema.safeParse({
      departments: [{ id: 'finance', name: '财务部' }],
      roles: [{ id: 'cashier', name: '出纳' }, { id: 'cfo', name: '财务总监', department: 'finance', github: ['acme/finance'] }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['roles.0.department', 'roles.1.github.0']);
  });

  it('rejects an unknown level and a pair of incompatible duties that is not a pair', () => {
    const result = OrgSchema.safeParse({
      departments: [{ id: 'finance', name: '财务部' }],
      roles: [{ id: 'cashier', name: '出纳', department: 'finance', level: 'boss' }],
      duties: [{ id: 'cash', name: '资金收付' }],
      incompatibleDuties: [{ duties: ['cash'], reason: '钱账分管' }],
    });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['roles.0.level', 'incompatibleDuties.0.duties']);
  });
});

describe('loadOrg', () => {
  const org = (extra: string) => `departments:
  - id: finance
    name: 财务部
roles:
  - id: cashier
    name: 出纳
    department: finance
    duties: [cash]
${extra}`;

  it('accepts duties that roles and pairs name', () => {
    const loaded = loadOrg('org.yml', org('duties:\n  - { id: cash, name: 资金收付 }\n  - { id: record, name: 会计记录 }\nincompatibleDuties:\n  - { duties: [cash, record], reason: 钱账分管 }\n'));
    expect(loaded.problems).toEqual([]);
    expect(loaded.org?.incompatibleDuties).toEqual([{ duties: ['cash', 'record'], reason: '钱账分管' }]);
  });

  it('reports a duty no entry of duties declares, where it is named, and a duty declared twice', () => {
    const loaded = loadOrg('org.yml', org('duties:\n  - { id: record, name: 会计记录 }\n  - { id: record, name: 记账 }\nincompatibleDuties:\n  - { duties: [cash, record], reason: 钱账分管 }\n'));
    expect(loaded.problems.map((p) => `${p.line}:${p.column} ${renderCore(p.messageId, p.data, 'en')}`)).toEqual([
      '8:14 The duty `cash` is not in duties. Add it to duties or correct the id.',
      '13:16 The duty `cash` is not in duties. Add it to duties or correct the id.',
      '11:11 The id `record` is used twice; make it unique.',
    ]);
  });
});
