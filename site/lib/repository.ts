import { editBase, repositoryOf, type Repository } from '../../scripts/core/handbook-config.ts';
import { readHandbookConfig } from '../../scripts/core/read-handbook-config.ts';
import { handbookSettings } from './source.ts';

export type { Repository } from '../../scripts/core/handbook-config.ts';

/**
 * The GitHub repository the handbook lives in and the branch pull requests go to: the handbook
 * configuration's `repository` and `branch` (processlint.config.yml), as the site's "edit this page"
 * links have them. `undefined` when the configuration names no repository: then nothing links to
 * GitHub (there is no made-up default), and the editor offers copy and download.
 */
export function handbookRepository(root = process.cwd()): Repository | undefined {
  return repositoryOf(readHandbookConfig(root));
}

/**
 * "Edit this page" target for a file in the handbook's repository and branch; none when the handbook's
 * settings name no repository. (Here, not in urls.ts: the editor's worker builds site paths in the
 * browser, where the configuration file cannot be read.)
 */
export function editUrl(file: string): string | undefined {
  const base = editBase(handbookSettings());
  return base === undefined ? undefined : new URL(file, base).href;
}
