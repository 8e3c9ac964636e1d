/**
 * Phase one and the handbook phase run in worker threads, the main thread and browsers (the
 * in-browser editor): nothing they import, transitively, may import a `node:` module.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(new URL('../../', import.meta.url).pathname);
const BROWSER_MODULES = path.join(ROOT, 'scripts/core/optional-modules.browser.ts');

/** Every module reachable from `entry` by value imports, and the `node:` imports among them. */
function imports(entry: string): { modules: Set<string>; node: string[] } {
  const modules = new Set<string>();
  const node: string[] = [];
  const walk = (file: string) => {
    if (modules.has(file)) return;
    modules.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/^import\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
      const specifier = match[1]!;
      if (specifier.startsWith('node:')) node.push(`${path.relative(ROOT, file)} imports ${specifier}`);
      else if (specifier === '#optional-modules') walk(BROWSER_MODULES);
      else if (specifier.startsWith('.')) walk(path.resolve(path.dirname(file), specifier));
    }
  };
  walk(path.join(ROOT, entry));
  return { modules, node };
}

describe('the phases that run in a browser', () => {
  it.each([
    'scripts/lint/check-file.ts',
    'scripts/lint/environment.ts',
    'scripts/lint/resolve.ts',
    'scripts/lint/findings.ts',
    // The in-browser editor's worker: the linter, the preview and the change summary.
    'site/scripts/editor/session.ts',
  ])('%s imports nothing from node:', (entry) => {
    const found = imports(entry);
    expect(found.modules.size).toBeGreaterThan(1);
    expect(found.node).toEqual([]);
  });

  it('the check notices a node: import', () => {
    expect(imports('scripts/lint/project.ts').node.length).toBeGreaterThan(0);
  });
});
