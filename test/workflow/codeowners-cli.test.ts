import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../scripts/codeowners.ts';
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
