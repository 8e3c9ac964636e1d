#!/usr/bin/env -S node --max-semi-space-size=8
// The V8 option caps the young generation: left to grow, it takes 128 MB on a large handbook
// for no gain in speed. `npm run lint` passes the same option (a test keeps the two equal).
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
