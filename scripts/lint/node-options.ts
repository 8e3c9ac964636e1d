import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The linter's command-line entry. */
export const PROCESSLINT_BIN = fileURLToPath(new URL('../bin/processlint.mjs', import.meta.url));

/**
 * The Node options the linter runs with, as its bin's first line gives them
 * (`#!/usr/bin/env -S node --option`): one place for the bin, `npm run lint` and the bench.
 */
export function processlintNodeOptions(): string[] {
  const first = readFileSync(PROCESSLINT_BIN, 'utf8').split('\n', 1)[0] ?? '';
  const match = /^#!\/usr\/bin\/env (?:-S )?node((?: --?\S+)*)\s*$/.exec(first);
  return match?.[1]?.trim().split(/\s+/).filter(Boolean) ?? [];
}
