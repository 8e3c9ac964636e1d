import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { restOf, type PackedReport } from './packed.ts';
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

/** How a report is kept on disk: all but its `rest`, and where that sits (UTF-8 JSON) in the bodies file. */
interface StoredEntry extends Omit<CachedReport, 'report'> {
  report: Omit<PackedReport, 'rest'>;
  at: number;
  length: number;
}

interface StoredIndex {
  entries: Map<string, StoredEntry>;
  /** The file holding every body, named by the run that wrote it. */
  bodies: string;
}

/**
 * Opens the cache for an environment; `environment` lists everything besides a spec that decides its
 * report. The entries (hash, file metadata, outline, references) are one file; the rest of each report
 * is in another, read only when that report is reported: `--changed` reads the first for every spec
 * and the second for a few.
 */
export function openCache(root: string, environment: string[]): Cache {
  const dir = path.join(root, '.cache', 'processlint');
  const key = createHash('sha1').update(linterCodeHash()).update(environment.join('\0')).digest('hex').slice(0, 20);
  const file = path.join(dir, `${key}.bin`);
  const entries = new Map<string, CachedReport>();
  try {
    const index = deserialize(readFileSync(file)) as StoredIndex;
    if (!(index.entries instanceof Map) || typeof index.bodies !== 'string') throw new Error('not a cache index');
    let blob: Uint8Array | undefined;
    const bodies = () => (blob ??= readFileSync(path.join(dir, path.basename(index.bodies))));
    // Each stored entry becomes the cached report itself, given a way to its body (its `at` and `length`
    // stay on it, unused): copying 10,000 entries into new objects cost as much as reading them.
    for (const [name, entry] of index.entries) {
      const { at, length, report } = entry;
      if (typeof report?.references !== 'string' || !Number.isInteger(at) || !Number.isInteger(length)) throw new Error('not a cache entry');
      (report as PackedReport).rest = () => bodies().subarray(at, at + length);
      entries.set(name, entry as StoredEntry & CachedReport);
    }
  } catch {
    // No cache yet, or an unreadable one: start afresh.
    entries.clear();
  }
  return {
    entries,
    save(next) {
      try {
        mkdirSync(dir, { recursive: true });
        const chunks: Uint8Array[] = [];
        const stored = new Map<string, StoredEntry>();
        let at = 0;
        for (const [name, { report, ...entry }] of next) {
          const { rest: _rest, ...kept } = report;
          const bytes = restOf(report);
          chunks.push(bytes);
          stored.set(name, { ...entry, report: kept, at, length: bytes.length });
          at += bytes.length;
        }
        // The bodies first, under a name of their own: the index never names a bodies file that is not complete.
        const bodies = `${key}.${process.pid}-${Date.now()}.bodies`;
        writeFileSync(path.join(dir, bodies), Buffer.concat(chunks));
        const temp = `${file}.${process.pid}.tmp`;
        writeFileSync(temp, serialize({ entries: stored, bodies } satisfies StoredIndex));
        renameSync(temp, file);
        // One environment is kept: the one the handbook is in now, with its current bodies.
        for (const name of readdirSync(dir)) if (name !== `${key}.bin` && name !== bodies) rmSync(path.join(dir, name), { force: true });
      } catch {
        // A cache that cannot be written only costs time.
      }
    },
  };
}
