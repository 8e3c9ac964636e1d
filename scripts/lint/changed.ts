import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { ProjectSource } from './environment.ts';
import { UsageError } from './messages.ts';

/**
 * `--changed REF` on git: which files changed against REF (committed, staged, unstaged, untracked or
 * deleted), and the handbook as it was at REF, read from git's objects.
 */

function git(args: string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

function failure(ref: string, error: unknown): UsageError {
  const detail = error instanceof Error && 'stderr' in error ? String((error as { stderr: unknown }).stderr).trim().split('\n')[0]! : String(error);
  return new UsageError('usage.git', { ref, detail });
}

/** Paths relative to `root` of every file changed against `ref`. */
export function gitChanged(ref: string, root: string): string[] {
  try {
    const top = git(['rev-parse', '--show-toplevel'], root).trim();
    const diff = git(['diff', '--name-only', '--no-renames', ref, '--'], top).split('\n');
    const untracked = git(['ls-files', '--others', '--exclude-standard'], top).split('\n');
    return [...diff, ...untracked].filter(Boolean).map((file) => path.relative(root, path.resolve(top, file)).split(path.sep).join('/'));
  } catch (error) {
    throw failure(ref, error);
  }
}

/** The files below `root` as they are at `ref` (a file git does not have there reads as missing). */
export function gitSource(ref: string, root: string): ProjectSource {
  let prefix: string;
  try {
    git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], root);
    prefix = git(['rev-parse', '--show-prefix'], root).trim();
  } catch (error) {
    throw failure(ref, error);
  }
  return {
    read(file) {
      try {
        return execFileSync('git', ['show', `${ref}:${prefix}${file}`], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
      } catch {
        return undefined;
      }
    },
  };
}
