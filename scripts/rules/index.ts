import type { Rule } from '../lint/rule.ts';
import codeowners from './codeowners.ts';
import schema from './schema.ts';

/** Every rule, by id (keys sorted). */
export const rules: Record<string, Rule<any>> = {
  codeowners,
  schema,
};
