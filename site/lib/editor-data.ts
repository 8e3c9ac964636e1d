import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE } from '../../scripts/lint/config.ts';
import { readEnvironment } from '../../scripts/lint/environment.ts';
import { diskSource, lintProject } from '../../scripts/lint/project.ts';
import type { EditorHandbook } from '../scripts/editor/protocol.ts';
import { displayPath, specFiles } from './source.ts';

/**
 * What the in-browser editor needs to lint a spec exactly as CI does, written once per build to
 * `/edit/handbook.json`: the texts phase one reads besides the spec (the config, the org and forms
 * registries, CODEOWNERS) and the handbook phase's index (every spec's outline), from the same `lintProject`
 * run the CLI makes. Specs' own texts are served one by one at `/edit/source/<file>` (the published
 * version the change summary compares against).
 */
export async function editorLintData(root: string, specs: string[], today: string): Promise<Pick<EditorHandbook, 'files' | 'index'>> {
  const source = diskSource(root);
  const { setup } = readEnvironment(source, specs, { today });
  const files: Record<string, string> = Object.fromEntries([...setup.orgs, ...setup.forms]);
  const config = source.read(CONFIG_FILE);
  if (typeof config === 'string') files[CONFIG_FILE] = config;
  else if (config instanceof Uint8Array) files[CONFIG_FILE] = new TextDecoder().decode(config);
  if (setup.codeowners !== undefined) files['.github/CODEOWNERS'] = setup.codeowners;
  const lint = await lintProject({ source, specs, today, cacheRoot: root });
  return { files, index: lint.outlines };
}

/** Every spec of the handbook, relative to the project root (where the linter's config and CODEOWNERS are). */
export function editableSpecs(): string[] {
  return specFiles()
    .map(displayPath)
    .filter((file) => !file.startsWith('../'));
}

/** A spec's text as published (the built revision). */
export function publishedText(file: string): string {
  return readFileSync(path.resolve(file), 'utf8');
}
