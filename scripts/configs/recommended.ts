import { engineRules } from '../lint/registry.ts';
import type { RawConfig } from '../lint/config.ts';

/** Every rule on, as an error: what a handbook must meet before a pull request merges. */
export function recommended(): RawConfig {
  return { rules: Object.fromEntries(Object.keys(engineRules()).map((id) => [id, 'error'])) };
}
