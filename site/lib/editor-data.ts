import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE } from '../../scripts/lint/config.ts';
import { readEnvironment } from '../../scripts/lint/environment.ts';
import { diskSource, lintProject } from '../../scripts/lint/project.ts';
import type { EditorHandbook } from '../scripts/editor/protocol.ts';
import { getSiteHandbook } from './handbook.ts';
import { handbookRepository } from './repository.ts';
import { displayPath, processesDir, specFiles } from './source.ts';
import { today } from './today.ts';

/**
 * What the in-browser editor needs to lint a spec exactly as CI does, written once per build to
 * `/edit/handbook.json`: the texts phase one reads besides the spec (the config, the org registries,
 * CODEOWNERS) and the handbook phase's index (every spec's outline). Specs' own texts are served one
 * by one at `/edit/source/<file>` (the published version the change summary compares against).
 */
export async function editorHandbook(): Promise<EditorHandbook> {
  const root = process.cwd();
  const specs = editableSpecs();
  const source = diskSource(root);
  const { setup } = readEnvironment(source, specs, { today: today() });
  const files: Record<string, string> = Object.fromEntries(setup.orgs);
  const config = source.read(CONFIG_FILE);
  if (typeof config === 'string' || config instanceof Uint8Array) files[CONFIG_FILE] = typeof config === 'string' ? config : new TextDecoder().decode(config);
  if (setup.codeowners !== undefined) files['.github/CODEOWNERS'] = setup.codeowners;
  const lint = await lintProject({ source, specs, today: today(), cacheRoot: root });
  const site = await getSiteHandbook();
  return {
    files,
    index: lint.outlines,
    processes: site.entries.map((entry) => ({ id: entry.spec.id, file: entry.file, title: entry.spec.title, ...(entry.spec.titleEn ? { titleEn: entry.spec.titleEn } : {}) })),
    specFolder: displayPath(processesDir()),
    ...(process.env.HANDBOOK_TODAY ? { today: today() } : {}),
    repository: handbookRepository(),
  };
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
