import { readdirSync, type Dirent } from 'node:fs';
import path from 'node:path';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.cache', 'dist']);

/**
 * Every spec (`*.md`) below `folder`, absolute and sorted. Folder links are not
 * followed (one can loop back up); a spec that is itself a link is listed, so a
 * dangling or looping one is reported when it is read — never silently dropped.
 * A folder that cannot be read yields nothing.
 */
export function specFilesIn(folder: string): string[] {
  const found: string[] = [];
  // Absolute from the start, so each name is only appended (resolving 10,000 paths took longer than reading the folders).
  const walk = (dir: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(prefix + entry.name);
      } else if (entry.name.endsWith('.md') && (entry.isFile() || entry.isSymbolicLink())) {
        found.push(prefix + entry.name);
      }
    }
  };
  walk(path.resolve(folder));
  return found.sort();
}
