#!/usr/bin/env -S node --max-semi-space-size=2 --no-allocation-site-pretenuring
// V8 options, measured with `npm run bench` on 10,000 specs: a small young generation (2 MB
// semi-spaces; left to grow it takes 128 MB, and at 8 MB a run with findings in every spec peaked at
// 165 MB against 146 MB at 2), and no pretenuring (a parse that survives one collection would send
// every later parse's garbage straight to the old generation). `npm run lint` passes the same (a
// test keeps them equal).
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
