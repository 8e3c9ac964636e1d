import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import type { ProjectSource } from './environment.ts';
import { phrase } from '../core/render.ts';
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
  // `rev-parse --verify --quiet` says nothing when the ref names no commit.
  return new UsageError('usage.git', { ref, detail: detail || phrase('no branch, tag or commit of this repository has that name', '仓库中没有这个名称的分支、标签或提交') });
}

/** `git` without waiting: the listings walk a large handbook's tree while the linter checks its specs. */
function gitLater(args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => (error ? reject(Object.assign(error, { stderr })) : resolve(stdout)));
  });
}

/**
 * The change against `ref`: the paths (relative to `root`) of every file changed since it, and the
 * handbook as it was there. A `ref` that names no commit fails at once; the two listings (changed
 * and untracked files) each walk the tree, so they run side by side and are awaited only when the
 * linter needs them.
 */
export function gitChange(ref: string, root: string): Promise<{ paths: string[]; base: ProjectSource }> {
  let top: string;
  let prefix: string;
  try {
    // One call: the repository's top, `root` below it, and whether `ref` is a commit (it fails if not).
    [top = '', prefix = ''] = git(['rev-parse', '--show-toplevel', '--show-prefix', '--verify', '--quiet', `${ref}^{commit}`], root).split('\n');
  } catch (error) {
    throw failure(ref, error);
  }
  const listings = [gitLater(['diff', '--name-only', '--no-renames', ref, '--'], top), gitLater(['ls-files', '--others', '--exclude-standard'], top)];
  return Promise.all(listings).then(
    (lists) => {
      const paths = lists.flatMap((list) => list.split('\n')).filter(Boolean).map((file) => path.relative(root, path.resolve(top, file)).split(path.sep).join('/'));
      return { paths, base: revisionSource(ref, prefix, root) };
    },
    (error: unknown) => {
      throw failure(ref, error);
    },
  );
}

/**
 * The files below `root` (at `prefix` in the repository) as they are at `ref`; one git didn't have there
 * reads as missing. Each is read once: a run asks for a changed spec's old text twice (to check it
 * against, and for its outline before the change), and each read is a git process.
 */
function revisionSource(ref: string, prefix: string, root: string): ProjectSource {
  const texts = new Map<string, Uint8Array | undefined>();
  return {
    read(file) {
      if (texts.has(file)) return texts.get(file);
      let content: Uint8Array | undefined;
      try {
        content = execFileSync('git', ['show', `${ref}:${prefix}${file}`], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
      } catch {
        content = undefined;
      }
      texts.set(file, content);
      return content;
    },
  };
}
