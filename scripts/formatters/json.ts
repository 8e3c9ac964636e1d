import type { Formatter } from './types.ts';

/** The results as JSON: one object per file, diagnostics with rule id, position, message and docs link. */
export const json: Formatter = (results) => `${JSON.stringify(results, null, 2)}\n`;
