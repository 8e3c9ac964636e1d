/**
 * The git plumbing of the semantic diff: which specs changed between two
 * revisions (or a revision and the working tree) and their text at each side.
 * Every call is a `git` subprocess with arguments, never a shell string.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export class GitError extends Error {}

export const SPEC_DIR = 'processes';

export function git(args: string[], cwd: string, input?: string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'], ...(input !== undefined ? { input } : {}) });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    throw new GitError(`git ${args.join(' ')}: ${stderr || (error as Error).message}`);
  }
}

export function isRevision(ref: string, cwd: string): boolean {
  return spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd, stdio: 'ignore' }).status === 0;
}

/**
 * The base to compare with: the one asked for, else `origin/main`, `main`, then `HEAD`
 * (`fallback` says which was used instead of `origin/main`). Without an explicit base the
 * comparison starts where the current branch forked from it (`forkPoint`, as a pull request
 * does), so changes made on main since then are not shown as reverted.
 */
export function resolveBase(requested: string | undefined, cwd: string): { ref: string; commit: string; fallback?: string; forkPoint?: string } {
  if (requested !== undefined) {
    if (!isRevision(requested, cwd)) throw new GitError(`unknown revision "${requested}"`);
    return { ref: requested, commit: requested };
  }
  if (spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd, stdio: 'ignore' }).status !== 0) throw new GitError(`${cwd} is not inside a git repository`);
  for (const ref of ['origin/main', 'main', 'HEAD']) {
    if (!isRevision(ref, cwd)) continue;
    const tip = git(['rev-parse', `${ref}^{commit}`], cwd).trim();
    const fork = spawnSync('git', ['merge-base', ref, 'HEAD'], { cwd, encoding: 'utf8' });
    const point = fork.status === 0 ? fork.stdout.trim() : tip;
    return {
      ref,
      commit: point,
      ...(ref === 'origin/main' ? {} : { fallback: ref }),
      ...(point !== tip ? { forkPoint: point.slice(0, 12) } : {}),
    };
  }
  throw new GitError('the repository has no commit yet');
}

export interface ChangedFile {
  status: 'added' | 'deleted' | 'modified' | 'renamed';
  path: string;
  /** The path at the base, for renamed files. */
  oldPath?: string;
}

/** Files under `processes/` changed from `base` to `head` (the working tree, untracked files included, when `head` is undefined). */
export function changedFiles(base: string, head: string | undefined, cwd: string): ChangedFile[] {
  const out = git(['diff', '--name-status', '-z', '-M', base, ...(head ? [head] : []), '--', `${SPEC_DIR}/`], cwd);
  const parts = out.split('\0').filter((p) => p !== '');
  const files: ChangedFile[] = [];
  for (let i = 0; i < parts.length; ) {
    const code = parts[i++]!;
    if (code.startsWith('R') || code.startsWith('C')) {
      const [oldPath, path] = [parts[i++]!, parts[i++]!];
      files.push(code.startsWith('R') ? { status: 'renamed', path, oldPath } : { status: 'added', path });
    } else {
      const path = parts[i++]!;
      files.push({ status: code === 'A' ? 'added' : code === 'D' ? 'deleted' : 'modified', path });
    }
  }
  if (!head) {
    const untracked = git(['ls-files', '-z', '--others', '--exclude-standard', '--', `${SPEC_DIR}/`], cwd).split('\0').filter(Boolean);
    for (const path of untracked) files.push({ status: 'added', path });
  }
  return files;
}

/** Every file under `processes/` at a revision, or in the working tree (tracked and untracked, not ignored). */
export function listFiles(rev: string | undefined, cwd: string): string[] {
  const out = rev
    ? git(['ls-tree', '-r', '-z', '--name-only', rev, '--', `${SPEC_DIR}/`], cwd)
    : git(['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', `${SPEC_DIR}/`], cwd);
  const files = [...new Set(out.split('\0').filter(Boolean))];
  return rev ? files : files.filter((path) => existsSync(join(cwd, path)));
}

/**
 * File contents at a revision (one `git cat-file --batch` for all of them) or from the working tree,
 * as bytes: the loader, not this reader, decides what a file that is not UTF-8 means.
 */
export function readFiles(rev: string | undefined, paths: string[], cwd: string): Map<string, Uint8Array> {
  const texts = new Map<string, Uint8Array>();
  if (paths.length === 0) return texts;
  if (!rev) {
    for (const path of paths) if (existsSync(join(cwd, path))) texts.set(path, readFileSync(join(cwd, path)));
    return texts;
  }
  const objects = readObjects(paths.map((path) => `${rev}:${path}`), cwd);
  for (const path of paths) {
    const bytes = objects.get(`${rev}:${path}`);
    if (bytes) texts.set(path, bytes);
  }
  return texts;
}

/** Blobs by any name git reads (`<rev>:<path>`, a blob id), in one `git cat-file --batch`; missing ones are left out. */
export function readObjects(names: string[], cwd: string): Map<string, Uint8Array> {
  const blobs = new Map<string, Uint8Array>();
  if (names.length === 0) return blobs;
  const result = spawnSync('git', ['cat-file', '--batch'], { cwd, input: names.map((name) => `${name}\n`).join(''), maxBuffer: 1024 * 1024 * 1024 });
  if (result.status !== 0) throw new GitError(`git cat-file --batch: ${String(result.stderr).trim()}`);
  const out = result.stdout;
  let at = 0;
  for (const name of names) {
    const eol = out.indexOf(0x0a, at);
    const header = out.subarray(at, eol).toString('utf8');
    at = eol + 1;
    const match = /^\S+ (\S+) (\d+)$/.exec(header);
    if (!match) continue; // "<object> missing"
    const size = Number(match[2]);
    if (match[1] === 'blob') blobs.set(name, out.subarray(at, at + size));
    at += size + 1;
  }
  return blobs;
}
