#!/usr/bin/env node
// Runs the TypeScript source through tsx's loader; only this file sets the exit code.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../cli.ts');
process.exitCode = await run(process.argv.slice(2));
