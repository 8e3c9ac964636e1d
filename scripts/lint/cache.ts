import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { fileURLToPath } from 'node:url';
import type { Locale } from '../core/messages.ts';
import type { ResolvedConfig } from './config.ts';
import type { FileResult, LintDiagnostic } from './engine.ts';
import type { FileStat } from './protocol.ts';

/** What the cache remembers of one spec, valid only for the same content. */
export interface CacheEntry {
  hash: string;
  stat?: FileStat;
  statAt?: number;
  /** File names of the specs it points at (for `--changed`: who names a changed spec). */
  mentions?: string;
  outlineHash: string;
  /** The outline as JSON, and the spec's id. */
  outline?: string;
  id?: string;
  /** The final result; when `deferred` (the rules that read the handbook) is non-empty it holds only for `handbookKey`. */
  result?: FileResult;
  /** Cross-process questions the result rests on (JSON array): while the handbook answers them alike, it stands. */
  asked?: string;
  deferred?: string[];
  /** Findings of the rules that did not need the handbook (to re-run only the deferred ones). */
  findings?: LintDiagnostic[];
  handbookKey?: string;
}

export interface Cache {
  /** Entries by display path; `outline` is left out of these (see `outline`). */
  entries: Map<string, CacheEntry>;
  /** The cached outline of a spec (read from its own file on first use: most runs never need one). */
  outline(file: string): string | undefined;
  save(entries: Map<string, CacheEntry>): void;
}

/** The outlines are stored apart, in a file named by their key, and rewritten only when one changed. */
interface Stored {
  entries: Map<string, CacheEntry>;
  outlinesKey: string;
}

/** A cached outline was needed but its file is gone or unreadable: the run starts again without the cache. */
export class CacheIncomplete extends Error {}

const SOURCE_DIRS = ['../core', '../model', '../rules', '../lint', '../configs', '../../schemas'];
let codeHash: string | undefined;

/** A hash of the linter's own code, so that a changed rule never reuses old results. */
function linterCodeHash(): string {
  if (codeHash) return codeHash;
  const hash = createHash('sha1');
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
      if (name.endsWith('.ts')) hash.update(absolute).update(readFileSync(absolute));
      else if (!name.includes('.')) walk(absolute);
    }
  };
  for (const dir of SOURCE_DIRS) walk(path.resolve(here, dir));
  return (codeHash = hash.digest('base64url'));
}

export interface CacheKeyParts {
  config: ResolvedConfig;
  cwd: string;
  today: string;
  locale: Locale;
  codeowners?: string;
  orgTexts(): string[];
}

/**
 * The content-hash cache in `.cache/processlint/`. One file per environment key (linter code,
 * config, org registries, CODEOWNERS, today, locale); inside, entries by spec path keyed by the
 * spec's content hash, and results of rules that read the handbook keyed by the handbook's outline hash.
 */
export function openCache(root: string, parts: CacheKeyParts): Cache {
  const dir = path.join(root, '.cache', 'processlint');
  const key = createHash('sha1')
    .update(linterCodeHash())
    .update(parts.config.hash)
    .update(parts.cwd)
    .update(parts.today)
    .update(parts.locale)
    .update(parts.codeowners ?? '\0')
    .update(parts.orgTexts().join('\0'))
    .digest('hex')
    .slice(0, 20);
  const file = path.join(dir, `${key}.bin`);
  if (process.env.PROCESSLINT_DEBUG) process.stderr.write(`[processlint] cache ${key} code ${linterCodeHash().slice(0, 8)} config ${parts.config.hash.slice(0, 8)}\n`);
  const outlinesFile = (outlinesKey: string) => path.join(dir, `${key}.outlines-${outlinesKey}.bin`);
  let entries = new Map<string, CacheEntry>();
  let outlinesKey = '';
  try {
    const value = deserialize(readFileSync(file)) as Partial<Stored> | undefined;
    if (value?.entries instanceof Map && typeof value.outlinesKey === 'string') ({ entries, outlinesKey } = value as Stored);
  } catch {
    // No cache yet, or an unreadable one: start afresh.
  }
  let outlines: Map<string, string> | undefined;
  const oldOutline = (name: string): string | undefined => {
    if (!outlines) {
      try {
        outlines = deserialize(readFileSync(outlinesFile(outlinesKey))) as Map<string, string>;
        if (!(outlines instanceof Map)) throw new Error('not a map');
      } catch {
        throw new CacheIncomplete(`cached outlines ${outlinesKey} unreadable`);
      }
    }
    return outlines.get(name);
  };
  return {
    entries,
    outline: (name) => (entries.get(name)?.outline !== undefined ? entries.get(name)!.outline : entries.get(name)?.outlineHash ? oldOutline(name) : undefined),
    save(next) {
      try {
        mkdirSync(dir, { recursive: true });
        const nextKey = outlinesKeyOf(next);
        // Outlines first, under their own key: the entries never name an outline file that is not complete.
        if (nextKey !== outlinesKey) {
          const map = new Map<string, string>();
          for (const [name, entry] of next) {
            const outline = entry.outline ?? (entry.outlineHash ? oldOutline(name) : undefined);
            if (outline !== undefined) map.set(name, outline);
          }
          writeAtomic(outlinesFile(nextKey), serialize(map));
        }
        const slim = new Map<string, CacheEntry>();
        for (const [name, entry] of next) {
          const { outline: _outline, ...rest } = entry;
          slim.set(name, rest);
        }
        writeAtomic(file, serialize({ entries: slim, outlinesKey: nextKey } satisfies Stored));
        const keep = new Set([`${key}.bin`, path.basename(outlinesFile(nextKey))]);
        for (const name of readdirSync(dir)) if (name.endsWith('.bin') && !keep.has(name)) rmSync(path.join(dir, name), { force: true });
      } catch {
        // A cache that cannot be written only costs time.
      }
    },
  };
}

function writeAtomic(file: string, data: Uint8Array) {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, data);
  renameSync(temp, file);
}

/** Which outlines the entries stand for: files and their outline hashes. */
function outlinesKeyOf(entries: Map<string, CacheEntry>): string {
  const hash = createHash('sha1');
  for (const [name, entry] of entries) if (entry.outlineHash) hash.update(name).update('\0').update(entry.outlineHash).update('\n');
  return hash.digest('hex').slice(0, 16);
}

export function handbookKeyOf(outlineHashes: Array<[string, string]>): string {
  const hash = createHash('sha1');
  for (const [file, outlineHash] of outlineHashes) hash.update(file).update('\0').update(outlineHash).update('\n');
  return hash.digest('base64url');
}
