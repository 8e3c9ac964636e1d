import type { Repository } from '../../lib/repository.ts';

/**
 * Longest new-file address that carries the text itself (`?value=`): longer ones are refused by
 * servers and proxies along the way, so the text goes on the clipboard instead.
 */
export const MAX_PREFILLED_URL = 8000;

/**
 * Where the writer turns the text into a pull request on GitHub: the web editor of an existing spec
 * (GitHub cannot fill it in, so the text is pasted), or the new-file page with the file name and,
 * when it fits in the address, the text filled in.
 */
export function githubLink(repository: Repository, file: string, text: string, existing: boolean): { href: string; needsPaste: boolean } {
  const base = repository.url.replace(/\/+$/, '');
  const branch = repository.branch.split('/').map(encodeURIComponent).join('/');
  const path = (value: string) => value.split('/').map(encodeURIComponent).join('/');
  if (existing) return { href: `${base}/edit/${branch}/${path(file)}`, needsPaste: true };
  const folder = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  const name = file.slice(file.lastIndexOf('/') + 1);
  const page = `${base}/new/${branch}/${path(folder)}?filename=${encodeURIComponent(name)}`;
  const filled = `${page}&value=${encodeURIComponent(text)}`;
  return filled.length <= MAX_PREFILLED_URL ? { href: filled, needsPaste: false } : { href: page, needsPaste: true };
}
