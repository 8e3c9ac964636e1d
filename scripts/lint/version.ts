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
export const INFORMATION_URI = 'https://handbook.example.com/rules/';

/** Where the rules are documented; the handbook's site publishes a page per rule there. */
export const DOCS_BASE_URL = INFORMATION_URI;

/** The documentation page of a rule (engine checks such as `read-error` have none). */
export function docsUrl(ruleId: string): string | undefined {
  return ruleId === 'read-error' || ruleId === 'rule-error' || ruleId === 'reference-unchecked' ? undefined : `${DOCS_BASE_URL}${ruleId}/`;
}
