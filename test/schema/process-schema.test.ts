import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../scripts/core/load-spec.ts';
import { ProcessSchema } from '../../schemas/process.ts';
import { OrgSchema } from '../../schemas/org.ts';
import { parseYaml } from '../../scripts/core/yaml-source.ts';

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
});
