#!/usr/bin/env -S node --max-semi-space-size=8 --no-allocation-site-pretenuring
// V8 options, measured with `npm run bench`: the young generation capped (left to grow, it takes
// 128 MB on a large handbook for 5 % less time), and no pretenuring (a parse that survives one
// collection would send every later parse's garbage straight to the old generation: 1,000 specs
// peaked at 148 MB with it, 120 MB without). `npm run lint` passes the same (a test keeps them equal).
// Runs the TypeScript source: natively where Node strips types (faster start, less memory),
// else through tsx's loader. Only this file (and `tsx scripts/cli.ts`) sets the exit code.
import module from 'node:module';

// Reuse compiled code across runs (CI lints on every push): a faster start and less memory.
module.enableCompileCache?.();
if (!process.features.typescript) {
  const { register } = await import('tsx/esm/api');
  register();
}
const { run } = await import('../cli.ts');
process.exitCode = await run(process.argv.slice(2));
