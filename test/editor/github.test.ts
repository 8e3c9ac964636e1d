import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { handbookRepository } from '../../site/lib/repository.ts';
import { githubLink, MAX_PREFILLED_URL } from '../../site/scripts/editor/github.ts';

describe('where a proposal goes on GitHub', () => {
  const repository = { url: 'https://github.com/acme/handbook', branch: 'main' };
  const root = mkdtempSync(path.join(tmpdir(), 'handbook-repository-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const withConfig = (text: string | undefined) => {
    rmSync(path.join(root, 'processlint.config.yml'), { force: true });
    if (text !== undefined) writeFileSync(path.join(root, 'processlint.config.yml'), text);
    return handbookRepository(root);
  };

  it('reads the repository and branch from the handbook configuration, and makes none up', () => {
    expect(withConfig('handbook:\n  repository: https://github.com/corp/ops-handbook\n  branch: release/2027\n')).toEqual({ url: 'https://github.com/corp/ops-handbook', branch: 'release/2027' });
    expect(withConfig('handbook:\n  repository: https://github.com/corp/ops-handbook\n')).toEqual({ url: 'https://github.com/corp/ops-handbook', branch: 'main' });
    expect(withConfig('handbook:\n  branch: main\n')).toBeUndefined();
    expect(withConfig(undefined)).toBeUndefined();
  });

  it('opens the web editor of an existing spec (its text is pasted)', () => {
    expect(githubLink(repository, 'processes/business/customer-complaint.md', 'text', true)).toEqual({ href: 'https://github.com/acme/handbook/edit/main/processes/business/customer-complaint.md', needsPaste: true });
  });

  it('fills in the new-file page of a new spec, name and text', () => {
    const text = '---\nid: 新流程 & <x>\n---\n';
    const link = githubLink(repository, 'processes/business/new-thing.md', text, false);
    expect(link.needsPaste).toBe(false);
    const url = new URL(link.href);
    expect(url.origin + url.pathname).toBe('https://github.com/acme/handbook/new/main/processes/business');
    expect(url.searchParams.get('filename')).toBe('new-thing.md');
    expect(url.searchParams.get('value')).toBe(text);
  });

  it('leaves a text too long for an address to the clipboard', () => {
    const link = githubLink(repository, 'processes/business/long.md', '流程'.repeat(2000), false);
    expect(link).toEqual({ href: 'https://github.com/acme/handbook/new/main/processes/business?filename=long.md', needsPaste: true });
    expect(`${link.href}&value=${encodeURIComponent('流程'.repeat(2000))}`.length).toBeGreaterThan(MAX_PREFILLED_URL);
  });
});
