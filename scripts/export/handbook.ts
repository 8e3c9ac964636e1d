import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Process } from '../../schemas/process.ts';
import { loadOrg } from '../core/load-org.ts';
import { loadSpec } from '../core/load-spec.ts';
import type { Locale } from '../core/messages.ts';
import { renderCore } from '../core/render.ts';
import { specFilesIn } from '../core/spec-files.ts';
import { buildHandbook, type Handbook } from '../model/handbook.ts';
import { indexOrg } from '../model/org-index.ts';

/** The handbook as the exports read it: the valid specs of a folder, and what kept the others out. */
export interface ExportHandbook {
  handbook: Handbook;
  /** Markdown body per process id. */
  bodies: Map<string, string>;
  /** `file:line:column message` for every spec or registry that could not be read. */
  problems: string[];
}

const CATEGORY_ORDER = ['business', 'management', 'information'];

/**
 * Reads `dir` (the handbook's `processes/`): the org registry beside it and every spec below it, in
 * the site's catalogue order (category, then title). A spec that does not load is named in `problems`
 * with its position, never silently dropped.
 */
export function readExportHandbook(dir: string, locale: Locale = 'zh-CN'): ExportHandbook {
  const shown = (absolute: string) => path.relative(process.cwd(), absolute).split(path.sep).join('/');
  const problems: string[] = [];
  const orgFile = path.join(dir, 'org.yml');
  let orgText: Buffer | undefined;
  try {
    orgText = readFileSync(orgFile);
  } catch (error) {
    problems.push(`${shown(orgFile)}:1:1 ${error instanceof Error ? error.message : String(error)}`);
  }
  const loadedOrg = orgText ? loadOrg(shown(orgFile), orgText) : undefined;
  for (const p of loadedOrg?.problems ?? []) problems.push(`${loadedOrg!.file}:${p.line}:${p.column} ${renderCore(p.messageId, p.data, locale)}`);
  const specs: Array<{ file: string; spec: Process }> = [];
  const bodies = new Map<string, string>();
  for (const absolute of specFilesIn(dir)) {
    const file = shown(absolute);
    const loaded = loadSpec(file, readFileSync(absolute));
    for (const p of loaded.problems) problems.push(`${file}:${p.line}:${p.column} ${renderCore(p.messageId, p.data, locale)}`);
    if (!loaded.spec) continue;
    specs.push({ file, spec: loaded.spec });
    bodies.set(loaded.spec.id, loaded.body);
  }
  specs.sort((a, b) => CATEGORY_ORDER.indexOf(a.spec.category) - CATEGORY_ORDER.indexOf(b.spec.category) || a.spec.title.localeCompare(b.spec.title, 'zh-CN') || a.spec.id.localeCompare(b.spec.id));
  return { handbook: buildHandbook(specs, loadedOrg?.org ? indexOrg(loadedOrg.org) : undefined), bodies, problems };
}
