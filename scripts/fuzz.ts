/**
 * The long fuzz run: `npm run fuzz` (FUZZ_RUNS cases, default 20,000), then the `--changed` property
 * (CHANGED_RUNS random handbooks and edits, default 2,000). Prints its seed; FUZZ_SEED (and FUZZ_PATH
 * from a failure report) replay a run exactly.
 */
import { checkChangedProperty } from '../test/lint/changed-property.ts';
import { runFuzz } from '../test/fuzz/harness.ts';
import { loadSubject } from '../test/fuzz/subject.ts';

const runs = Number(process.env.FUZZ_RUNS ?? 20_000);
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const path = process.env.FUZZ_PATH;
const changedRuns = Number(process.env.CHANGED_RUNS ?? 2_000);

const subject = await loadSubject();
console.log(`fuzz: ${runs} cases against ${subject.name}, seed ${seed}${path ? `, path ${path}` : ''} (replay: FUZZ_SEED=${seed} npm run fuzz)`);
const start = performance.now();
try {
  const { cases, slowestMs } = await runFuzz(subject, { runs, seed, ...(path ? { path } : {}), caseLimitMs: 10_000, hangLimitMs: 30_000 });
  console.log(`fuzz: ${cases} cases passed in ${((performance.now() - start) / 1000).toFixed(1)} s; slowest lint ${Math.round(slowestMs)} ms`);
  const changedStart = performance.now();
  await checkChangedProperty(changedRuns, seed);
  console.log(`fuzz: --changed matched a full lint on ${changedRuns} random handbooks and edits in ${((performance.now() - changedStart) / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  console.error(`fuzz: FAILED (seed ${seed})`);
  process.exitCode = 1;
}
