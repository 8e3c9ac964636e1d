import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locale } from '../core/messages.ts';
import { m, UsageError } from './messages.ts';

function git(args: string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

/**
 * The specs to lint for a pull request: those changed against `ref` (committed, staged,
 * unstaged or untracked), plus every spec that names one of them (upstream, downstream,
 * body links). Naming is found by a plain text search for the changed ids, which may
 * include a few extra specs but never misses one.
 */
export async function changedSpecs(files: string[], ref: string, root: string, locale: Locale): Promise<string[]> {
  const listed = gitChanged(ref, root, locale);
  const changedSet = new Set(listed);
  const changed = files.filter((f) => changedSet.has(f));
  if (changed.length === 0) return [];
  const ids = changedIds(listed);
  const pattern = new RegExp(`(?<![A-Za-z0-9-])(?:${[...ids].map(escape).join('|')})(?![A-Za-z0-9-])`);
  const selected = new Set(changed);
  for (const file of files) {
    if (selected.has(file)) continue;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      selected.add(file);
      continue;
    }
    if (pattern.test(text)) selected.add(file);
  }
  return files.filter((f) => selected.has(f));
}

/** Ids of changed specs: the file name (the id must equal it), deleted and renamed ones included. */
export function changedIds(listed: string[]): Set<string> {
  return new Set(listed.filter((f) => f.endsWith('.md')).map((f) => path.basename(f, '.md')));
}

/** Absolute paths changed against `ref`: committed, staged, unstaged, deleted or untracked. */
export function gitChanged(ref: string, root: string, locale: Locale): string[] {
  try {
    const top = git(['rev-parse', '--show-toplevel'], root).trim();
    const diff = git(['diff', '--name-only', '--no-renames', ref || 'HEAD', '--'], top).split('\n');
    const untracked = git(['ls-files', '--others', '--exclude-standard'], top).split('\n');
    return [...diff, ...untracked].filter(Boolean).map((f) => path.resolve(top, f));
  } catch (error) {
    const detail = error instanceof Error && 'stderr' in error ? String((error as { stderr: unknown }).stderr).trim().split('\n')[0] : String(error);
    throw new UsageError(m(locale, 'usage.git', { ref: ref || 'HEAD', detail }));
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
