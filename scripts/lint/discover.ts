import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { specFilesIn } from '../core/spec-files.ts';
import { UsageError } from './messages.ts';

const IGNORE = ['**/node_modules/**', '**/.git/**', '**/.cache/**', '**/dist/**'];

/** The repository root: the nearest folder above `cwd` with a config file, `.git` or package.json. */
export function findRoot(cwd: string): string {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (['processlint.config.yml', '.git', 'package.json'].some((name) => existsSync(path.join(dir, name)))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(cwd);
  }
}

/** Files, folders and globs → absolute paths of specs (`*.md`), sorted, each once. */
export async function expandPatterns(patterns: string[], cwd: string): Promise<string[]> {
  const found = new Set<string>();
  for (const pattern of patterns) {
    const absolute = path.resolve(cwd, pattern);
    let stat: ReturnType<typeof statSync> | undefined;
    try {
      stat = statSync(absolute);
    } catch {
      stat = undefined;
    }
    if (stat?.isFile()) {
      found.add(absolute);
    } else if (stat?.isDirectory()) {
      for (const file of specFilesIn(absolute)) found.add(file);
    } else if (isDynamicPattern(pattern)) {
      for (const file of await glob(pattern, { cwd, absolute: true, ignore: IGNORE, followSymbolicLinks: false })) if (file.endsWith('.md')) found.add(path.resolve(file));
    } else {
      throw new UsageError('usage.missingPath', { path: pattern });
    }
  }
  return [...found].sort();
}

/** A path as shown in reports: relative to cwd with forward slashes. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return (relative.startsWith('..') || path.isAbsolute(relative) ? file : relative).split(path.sep).join('/');
}
