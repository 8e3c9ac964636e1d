import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { CachedReport } from './runner.ts';

/**
 * The content-hash cache in `.cache/processlint/`: each spec's phase-one report, keyed by the hash
 * of its bytes, in one file per environment (the linter's code, the config, the org registries,
 * CODEOWNERS and today), which is all a report depends on besides the spec. Reports are data, so
 * nothing in the cache depends on the language findings are shown in.
 */
export interface Cache {
  entries: Map<string, CachedReport>;
  save(entries: ReadonlyMap<string, CachedReport>): void;
}

const SOURCE_DIRS = ['../core', '../model', '../rules', '../lint', '../configs', '../../schemas'];
let codeHash: string | undefined;

/** A hash of the linter's own code, so that a changed rule never reuses old results. */
function linterCodeHash(): string {
  if (codeHash) return codeHash;
  const digest = createHash('sha1');
  const here = path.dirname(fileURLToPath(import.meta.url));
  const walk = (dir: string) => {
    let names: string[] = [];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const absolute = path.join(dir, name);
      if (name.endsWith('.ts')) digest.update(absolute).update(readFileSync(absolute));
      else if (!name.includes('.')) walk(absolute);
    }
  };
  for (const dir of SOURCE_DIRS) walk(path.resolve(here, dir));
  return (codeHash = digest.digest('base64url'));
}

/** Opens the cache for an environment; `environment` lists everything besides a spec that decides its report. */
export function openCache(root: string, environment: string[]): Cache {
  const dir = path.join(root, '.cache', 'processlint');
  const key = createHash('sha1').update(linterCodeHash()).update(environment.join('\0')).digest('hex').slice(0, 20);
  const file = path.join(dir, `${key}.bin`);
  let entries = new Map<string, CachedReport>();
  try {
    const value = deserialize(readFileSync(file)) as unknown;
    if (value instanceof Map) entries = value as Map<string, CachedReport>;
  } catch {
    // No cache yet, or an unreadable one: start afresh.
  }
  return {
    entries,
    save(next) {
      try {
        mkdirSync(dir, { recursive: true });
        const temp = `${file}.${process.pid}.tmp`;
        writeFileSync(temp, serialize(new Map(next)));
        renameSync(temp, file);
        // One environment is kept: the one the handbook is in now.
        for (const name of readdirSync(dir)) if (name.endsWith('.bin') && name !== `${key}.bin`) rmSync(path.join(dir, name), { force: true });
      } catch {
        // A cache that cannot be written only costs time.
      }
    },
  };
}
