import { github } from './github.ts';
import { json } from './json.ts';
import { junit } from './junit.ts';
import { sarif } from './sarif.ts';
import { stylish } from './stylish.ts';
import type { Formatter } from './types.ts';

export const formatters: Record<string, Formatter> = { github, json, junit, sarif, stylish };
export type { Formatter, FormatOptions } from './types.ts';
