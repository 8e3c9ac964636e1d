import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateOrg, generateSpec } from '../../scripts/bench/corpus.ts';
import { loadOrg } from '../../scripts/core/load-org.ts';
import { loadSpec } from '../../scripts/core/load-spec.ts';
import { renderCore } from '../../scripts/core/render.ts';
import { buildCase, caseRecipe, handbookSources, hostileText } from './arbitraries.ts';
import { checkResult, runFuzz } from './harness.ts';
import { loadSubject, type Subject } from './subject.ts';

// A bounded run for every `npm test`; `npm run fuzz` runs the same property for long.
const RUNS = Number(process.env.FUZZ_TEST_RUNS ?? 200);
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);

let subject: Subject;
beforeAll(async () => {
  subject = await loadSubject();
});

describe('fuzz: loader and linter on random and mutated specs', () => {
  it(`ends in diagnostics for every input: no throw, no hang, no lost file, deterministic (${RUNS} cases)`, async () => {
    const { cases } = await runFuzz(subject, { runs: RUNS, seed: SEED, caseLimitMs: 5_000, hangLimitMs: 20_000 });
    expect(cases).toBeGreaterThanOrEqual(RUNS);
  }, 120_000);

  it('the generator of valid specs produces specs the schema accepts', () => {
    const org = generateOrg();
    for (let i = 0; i < 200; i++) {
      const spec = generateSpec(i * 37, 10_000, org, 3);
      const loaded = loadSpec(spec.path, spec.text);
      expect(loaded.problems, spec.path).toEqual([]);
      expect(loaded.spec?.id).toBe(spec.id);
    }
  });

  it('the property itself notices a lost file and a rule crash', () => {
    // Guards against a property that cannot fail.
    const input = buildCase({ files: [{ source: { from: 'generated', seed: 1 }, objectMutations: [], textMutations: [] }], org: 'bench', locale: 'en' }, handbookSources());
    expect(() => checkResult(input, [])).toThrow(/files in ≠ files out/);
    const crash = [{ file: input.files[0]!.file, errorCount: 1, warningCount: 0, diagnostics: [{ ruleId: 'rule-error', messageId: 'ruleFailed', severity: 'error' as const, file: input.files[0]!.file, line: 1, column: 1, message: 'x' }] }];
    expect(() => checkResult(input, crash)).toThrow(/a rule threw/);
  });
});

describe('fuzz: the loader on arbitrary bytes and text', () => {
  it('never throws and positions every problem inside the file', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 2_000 }).map((bytes) => ({ bytes })), fc.string({ unit: 'binary', maxLength: 2_000 }).map((text) => ({ text }))), (input) => {
        const content = 'bytes' in input ? input.bytes : `---\n${input.text}\n---\n`;
        const loaded = loadSpec('processes/x/y.md', content);
        const lines = loaded.text.split('\n').length;
        for (const problem of loaded.problems) {
          expect(problem.line).toBeGreaterThanOrEqual(1);
          expect(problem.line).toBeLessThanOrEqual(Math.max(lines, 1) + 1);
          expect(renderCore(problem.messageId, problem.data, 'en').length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300, seed: SEED },
    );
  });

  it('reads any org.yml text without throwing', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText, fc.string({ unit: 'binary', maxLength: 500 })), (text) => {
        const org = loadOrg('processes/org.yml', `departments:\n  - id: ${text}\n    name: x\nroles: ${text}\n`);
        expect(org.org === undefined || org.problems.length >= 0).toBe(true);
        if (!org.org) expect(org.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 200, seed: SEED },
    );
  });

  it('case recipes build without throwing', () => {
    const handbook = handbookSources();
    fc.assert(fc.property(caseRecipe, (recipe) => void buildCase(recipe, handbook)), { numRuns: 100, seed: SEED });
  });
});
