/**
 * The fuzz property, shared by the bounded run in `npm test` and the long run in
 * `npm run fuzz`: whatever the input, the linter ends in diagnostics — no
 * exception, no hang, no lost file, no rule crash — positioned inside the file,
 * sorted, and byte-identical when run twice.
 */
import fc from 'fast-check';
import { compareFindings } from '../../scripts/core/diagnostic.ts';
import { buildCase, caseRecipe, handbookSources, type BuiltCase } from './arbitraries.ts';
import type { FileResultLike, Subject } from './subject.ts';
import { startWatchdog } from './watchdog.ts';

export const FUZZ_TODAY = '2026-11-23';

export class PropertyFailure extends Error {}

function check(condition: unknown, message: () => string): asserts condition {
  if (!condition) throw new PropertyFailure(message());
}

/** Every invariant of one lint result for the given input. */
export function checkResult(input: BuiltCase, results: FileResultLike[]): void {
  check(Array.isArray(results), () => `result is not an array: ${typeof results}`);
  const inputs = input.files.map((file) => file.file).sort();
  const outputs = results.map((result) => result.file);
  check(JSON.stringify([...outputs].sort()) === JSON.stringify(inputs), () => `files in ≠ files out:\n in:  ${inputs.join(', ')}\n out: ${outputs.join(', ')}`);
  check(outputs.every((file, i) => i === 0 || outputs[i - 1]! <= file), () => `results not sorted by file: ${outputs.join(', ')}`);
  for (const result of results) {
    const text = input.files.find((file) => file.file === result.file)!.text;
    const lineCount = text.replace(/^\uFEFF/, '').split(/\r\n?|\n/).length;
    let errors = 0;
    result.diagnostics.forEach((d, i) => {
      const show = () => `${result.file}: ${JSON.stringify(d).slice(0, 400)}`;
      check(d.file === result.file, () => `diagnostic names another file: ${show()}`);
      check(d.ruleId !== 'rule-error', () => `a rule threw: ${show()}`);
      check(typeof d.ruleId === 'string' && d.ruleId.length > 0, () => `no rule id: ${show()}`);
      check(d.severity === 'error' || d.severity === 'warning', () => `bad severity: ${show()}`);
      check(typeof d.message === 'string' && d.message.trim().length > 0, () => `empty message: ${show()}`);
      check(!/\{\{\s*\w+\s*\}\}/.test(d.message) || /\{\{/.test(text), () => `placeholder left in message: ${show()}`);
      check(!/\n\s+at .+:\d+:\d+/.test(d.message), () => `stack trace in message: ${show()}`);
      check(Number.isInteger(d.line) && d.line >= 1 && d.line <= lineCount + 1, () => `line outside the file (${lineCount} lines): ${show()}`);
      check(Number.isInteger(d.column) && d.column >= 1, () => `bad column: ${show()}`);
      if (i > 0) check(compareFindings(result.diagnostics[i - 1]!, d) <= 0, () => `diagnostics not sorted at ${i}: ${show()}`);
      if (d.severity === 'error') errors++;
    });
    check(result.errorCount === errors, () => `${result.file}: errorCount ${result.errorCount} but ${errors} errors`);
    check(result.warningCount === result.diagnostics.length - errors, () => `${result.file}: warningCount ${result.warningCount} does not match`);
  }
}

export interface FuzzRun {
  runs: number;
  seed: number;
  path?: string;
  /** Longest a single lint of one case may take. */
  caseLimitMs: number;
  /** Longest a case may run before the watchdog ends the process as hung. */
  hangLimitMs: number;
}

/** Runs the property; throws fast-check's report (with seed and path) on failure. */
export async function runFuzz(subject: Subject, run: FuzzRun): Promise<{ cases: number; slowestMs: number }> {
  const handbook = handbookSources();
  const watchdog = startWatchdog(run.hangLimitMs, `FUZZ_SEED=${run.seed} FUZZ_PATH={index} npm run fuzz`);
  let cases = 0;
  let slowestMs = 0;
  const timed = async (input: BuiltCase) => {
    const start = performance.now();
    const results = await subject.lint(input.files, { ...(input.org ? { org: input.org } : {}), today: FUZZ_TODAY, locale: input.locale });
    const elapsed = performance.now() - start;
    slowestMs = Math.max(slowestMs, elapsed);
    check(elapsed < run.caseLimitMs, () => `one lint took ${Math.round(elapsed)} ms (limit ${run.caseLimitMs} ms)`);
    return results;
  };
  try {
    await fc.assert(
      fc.asyncProperty(caseRecipe, async (recipe) => {
        const input = buildCase(recipe, handbook);
        watchdog.begin(cases++);
        try {
          let first: FileResultLike[];
          try {
            first = await timed(input);
          } catch (error) {
            if (error instanceof PropertyFailure) throw error;
            throw new PropertyFailure(`the linter threw: ${error instanceof Error ? error.stack : String(error)}`);
          }
          checkResult(input, first);
          const second = await timed(input);
          check(JSON.stringify(second) === JSON.stringify(first), () => 'the same input gave different output on a second run');
        } finally {
          watchdog.end();
        }
      }),
      { numRuns: run.runs, seed: run.seed, ...(run.path ? { path: run.path } : {}), endOnFailure: false, verbose: 1 },
    );
  } finally {
    await watchdog.stop();
  }
  return { cases, slowestMs };
}
