import { rules } from '../rules/index.ts';
import type { Rule } from './rule.ts';

/** Every rule the linter knows, by sorted id. */
export function engineRules(): Record<string, Rule<any>> {
  return rules;
}
