import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrg } from '../../scripts/core/load-org.ts';
import { reviewersFor, run } from '../../scripts/codeowners.ts';
import { edit, ORG, SPEC } from './fixtures.ts';

let root: string;
const io = () => {
  const out: string[] = [];
  return { out, io: { out: (t: string) => out.push(t), err: (t: string) => out.push(t) } };
};

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'codeowners-'));
  mkdirSync(join(root, 'processes/management'), { recursive: true });
  writeFileSync(join(root, 'processes/org.yml'), ORG);
  writeFileSync(join(root, 'processes/management/expense-claim.md'), SPEC);
  writeFileSync(join(root, 'processes/management/broken.md'), '---\nid: [\n---\n');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('npm run codeowners', () => {
  it('writes .github/CODEOWNERS, skipping (and naming) specs it cannot read', () => {
    const { out, io: streams } = io();
    expect(run(['--admin', '@acme/admins'], root, streams)).toBe(0);
    const text = readFileSync(join(root, '.github/CODEOWNERS'), 'utf8');
    expect(text).toContain('/processes/org.yml @acme/admins\n');
    expect(text).toContain('/processes/management/expense-claim.md @acme/finance-leads\n');
    expect(out.join('\n')).toMatch(/processes\/management\/broken\.md/);
  });

  it('--check passes when current, keeps the admins, and fails (exit 1) once an owner changes', () => {
    expect(run(['--check'], root, io().io)).toBe(0);
    writeFileSync(join(root, 'processes/management/expense-claim.md'), edit(SPEC, ['owner: finance-manager', 'owner: accountant']));
    const { out, io: streams } = io();
    expect(run(['--check'], root, streams)).toBe(1);
    expect(out.join('\n')).toMatch(/CODEOWNERS/);
    expect(run([], root, io().io)).toBe(0);
    const text = readFileSync(join(root, '.github/CODEOWNERS'), 'utf8');
    expect(text).toContain('/processes/management/expense-claim.md @acme/finance\n');
    expect(text).toContain('/processes/org.yml @acme/admins\n');
  });

  it('a bad option is a usage error', () => {
    expect(run(['--nope'], root, io().io)).toBe(2);
  });
});

describe('reviewersFor: who is asked about work newly given to a role', () => {
  const org = loadOrg(
    'org.yml',
    `${ORG.replace('roles:\n', '  - id: administration\n    name: 行政部\n  - id: legal\n    name: 法务部\n    github: ["@acme/legal"]\nroles:\n')}  - id: archivist
    name: 档案管理员
    department: administration
  - id: admin-manager
    name: 行政经理
    department: administration
    github: ["@acme/administration"]
  - id: seal-keeper
    name: 印章管理员
    department: administration
    github: ["@carol"]
  - id: counsel
    name: 法务专员
    department: legal
`,
  ).org!;

  it('the role’s own handles, else its department’s, else those of its department’s roles; none for a role without any', () => {
    expect(reviewersFor('seal-keeper', org)).toEqual(['@carol']);
    expect(reviewersFor('counsel', org)).toEqual(['@acme/legal']);
    expect(reviewersFor('archivist', org)).toEqual(['@acme/administration', '@carol']);
    expect(reviewersFor('employee', org)).toEqual([]);
    expect(reviewersFor('no-such-role', org)).toEqual([]);
  });
});
