import { readFileSync } from 'node:fs';

/** The linter's version: the package's. */
export const VERSION: string = (() => {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
})();

export const TOOL_NAME = 'processlint';

/**
 * The documentation page of a rule under `base`, where the handbook's site publishes its rule
 * pages (`rulesBase` of the handbook's settings). None for the engine's own checks such as
 * `read-error`, and none when the handbook names no site.
 */
export function docsUrl(ruleId: string, base: string | undefined): string | undefined {
  if (base === undefined || ruleId === 'read-error' || ruleId === 'rule-error' || ruleId === 'reference-unchecked') return undefined;
  return `${base}${ruleId}/`;
}
