import { rules } from '../rules/index.ts';
import type { Rule } from './rule.ts';
import { suppressionRule } from './suppression.ts';

/** Every rule the engine knows: the registry's plus the engine's own `suppression`, by sorted id. */
export function engineRules(): Record<string, Rule<any>> {
  const all: Record<string, Rule<any>> = { ...rules, suppression: suppressionRule };
  return Object.fromEntries(Object.keys(all).sort().map((id) => [id, all[id]!]));
}
