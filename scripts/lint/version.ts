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
