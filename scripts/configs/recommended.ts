import { engineRules } from '../lint/registry.ts';
import type { RawConfig } from '../lint/config.ts';

/**
 * Every rule on at its declared severity: the process rules (and suppression
 * checks) as errors, so a pull request cannot merge with them; `codeowners` as a
 * warning, since only an administrator can regenerate that file, and
 * `cross-department-review`, since the record of who reviewed may lag the meeting;
 * `step-accountable`, which asks for a decision the process owner may need time to make;
 * and `form-registered`, since registering a form (what it is, where it lives) may lag the step naming it.
 */
export function recommended(): RawConfig {
  return { rules: Object.fromEntries(Object.entries(engineRules()).map(([id, rule]) => [id, rule.meta.severity])) };
}
