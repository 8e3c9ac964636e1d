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
  const walk = (dir: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(full);
      } else if (entry.name.endsWith('.md') && (entry.isFile() || entry.isSymbolicLink())) {
        found.push(path.resolve(full));
      }
    }
  };
  walk(folder);
  return found.sort();
}
