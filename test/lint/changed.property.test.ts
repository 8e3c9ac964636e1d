import { describe, expect, it } from 'vitest';
import { lintProject, memorySource } from '../../scripts/lint/project.ts';
import { checkChangedProperty } from './changed-property.ts';
import { ORG, spec } from './helpers.ts';

// A bounded run for every `npm test`; `npm run fuzz` runs the same property for long.
const RUNS = Number(process.env.CHANGED_TEST_RUNS ?? 150);
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);

describe('--changed reports every spec a change affects, as a full lint does', () => {
  it(`on random handbooks and edits (${RUNS} cases)`, { timeout: 120_000 }, async () => {
    await checkChangedProperty(RUNS, SEED);
  });

  it('a form renamed in one spec reaches the spec that links to it (the slip the gate once let through)', async () => {
    const producer = (form: string) => spec('b', `    outputs: [《${form}》]\n`);
    const linker = spec('a', '', '填写[《费用报销单》](form:费用报销单)。\n');
    const before = new Map([['processes/org.yml', ORG], ['processes/a.md', linker], ['processes/b.md', producer('费用报销单')]]);
    const after = new Map([...before, ['processes/b.md', producer('报销申请单')]]);
    const run = await lintProject({ source: memorySource(after), specs: ['processes/a.md', 'processes/b.md'], today: '2026-06-01', changed: { base: memorySource(before), paths: ['processes/b.md'] } });
    const reported = run.results.map((result) => [result.file, result.findings.filter((finding) => finding.ruleId === 'body-links').map((finding) => finding.messageId)]);
    expect(reported).toEqual([
      ['processes/a.md', ['unknownForm']],
      ['processes/b.md', []],
    ]);
  });
});
