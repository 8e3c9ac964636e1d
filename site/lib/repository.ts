import { editBase as configuredEditBase } from '../../scripts/core/handbook-config.ts';
import { handbookOrDefault } from '../../scripts/core/read-handbook-config.ts';

/**
 * The GitHub repository the handbook lives in and the branch pull requests go to: the handbook
 * configuration's `repository` and `branch` (processlint.config.yml), else HANDBOOK_EDIT_BASE (the
 * base of the "edit this page" links, `https://github.com/<owner>/<repo>/edit/<branch>/`).
 * Everything that builds a GitHub link for the handbook asks here.
 */
export interface Repository {
  /** e.g. `https://github.com/acme/handbook` */
  url: string;
  branch: string;
}

export const DEFAULT_EDIT_BASE = 'https://github.com/acme/handbook/edit/main/';

export function handbookRepository(editBase = configuredEditBase(handbookOrDefault(process.cwd())) ?? process.env.HANDBOOK_EDIT_BASE ?? DEFAULT_EDIT_BASE): Repository {
  const match = /^(https:\/\/[^/]+\/[^/]+\/[^/]+)\/edit\/(.+?)\/?$/.exec(editBase);
  return match ? { url: match[1]!, branch: match[2]! } : { url: 'https://github.com/acme/handbook', branch: 'main' };
}
