import { engineRules } from '../lint/registry.ts';
import type { RawConfig } from '../lint/config.ts';

/** Every rule the linter has, on as an error, including any later rule that `recommended` leaves out. */
export function all(): RawConfig {
  return { rules: Object.fromEntries(Object.keys(engineRules()).map((id) => [id, 'error'])) };
}
