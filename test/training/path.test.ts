import { readFileSync } from 'node:fs';
import { globSync } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { loadOrg } from '../../scripts/core/load-org.ts';
import { loadSpec } from '../../scripts/core/load-spec.ts';
import { buildHandbook } from '../../scripts/model/handbook.ts';
import { indexOrg } from '../../scripts/model/org-index.ts';
import type { Process } from '../../schemas/process.ts';
import { learningPath, readingMinutes } from '../../scripts/training/path.ts';

const org = indexOrg(loadOrg('processes/org.yml', readFileSync('processes/org.yml')).org!);
const specs = globSync('processes/**/*.md')
  .sort()
  .map((file) => ({ file, spec: loadSpec(file, readFileSync(file)).spec! }));
const handbook = buildHandbook(specs, org);
const RANK = { R: 0, A: 1, C: 2, I: 3 };

describe('a role’s learning path', () => {
  it('lists every process in force the role takes part in, R before A before C before I', () => {
    for (const role of org.org.roles) {
      const path = learningPath(handbook, role.id);
      const expected = new Set((handbook.duties.get(role.id) ?? []).filter((d) => d.process.spec.status === 'published').map((d) => d.process.spec.id));
      expect(new Set(path.map((stop) => stop.entry.spec.id))).toEqual(expected);
      expect(path).toHaveLength(expected.size);
      const ranks = path.map((stop) => RANK[stop.letter]);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      for (const stop of path) {
        const carried = stop.entry.spec.steps.filter((step) => step.role === role.id).map((step) => step.id);
        expect(new Set(stop.steps)).toEqual(new Set(carried));
        expect(stop.letter === 'R').toBe(carried.length > 0);
      }
    }
  });

  it('puts a process before the ones its scope names downstream, whatever the catalogue order', () => {
    // Two processes where the accountant does steps: expense reimbursement names accounting-cost downstream.
    const reversed = [...handbook.entries].sort((a, b) => b.spec.id.localeCompare(a.spec.id));
    const ids = learningPath(handbook, 'accountant', reversed).map((stop) => stop.entry.spec.id);
    expect(ids.indexOf('expense-reimbursement')).toBeLessThan(ids.indexOf('accounting-cost'));
    expect(ids.indexOf('expense-reimbursement')).toBeGreaterThanOrEqual(0);
  });

  it('leaves out drafts', () => {
    const expense = specs.find(({ spec }) => spec.id === 'expense-reimbursement')!;
    const draft: Process = { ...expense.spec, status: 'draft' };
    const book = buildHandbook(specs.map((entry) => (entry === expense ? { ...entry, spec: draft } : entry)), org);
    expect(learningPath(book, 'accountant').map((stop) => stop.entry.spec.id)).not.toContain('expense-reimbursement');
  });

  it('estimates reading time from what the path shows: more of the role’s own steps, more minutes', () => {
    const entry = handbook.byId.get('expense-reimbursement')![0]!;
    const all = entry.spec.steps.map((step) => step.id);
    expect(readingMinutes(entry, all, 'zh-CN')).toBeGreaterThan(readingMinutes(entry, [], 'zh-CN'));
    expect(readingMinutes(entry, [], 'en')).toBeGreaterThanOrEqual(1);
  });
});
