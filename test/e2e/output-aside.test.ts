import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { setAside } from '../../site/lib/output-aside.ts';

describe('setAside (emptying the output folder in the background)', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'output-aside-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const out = path.join(work, 'dist');
  const aside = path.join(work, 'cache', 'output-aside');

  it('leaves the output folder empty but for .git at once, and deletes the old files and those of a build that stopped', async () => {
    for (const file of ['index.html', 'processes/leave/index.html', 'pagefind/index/a.pf_index', '.git/HEAD']) {
      mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
      writeFileSync(path.join(out, file), file);
    }
    mkdirSync(path.join(aside, 'stopped-build', 'processes'), { recursive: true });
    writeFileSync(path.join(aside, 'stopped-build', 'processes', 'old.html'), 'old');

    const deleted = setAside(out, aside);
    expect(readdirSync(out)).toEqual(['.git']);
    expect(readdirSync(path.join(out, '.git'))).toEqual(['HEAD']);
    await deleted;
    expect(readdirSync(aside)).toEqual([]);
  });

  it('does nothing when there is no output yet', async () => {
    await setAside(path.join(work, 'none'), aside);
    expect(readdirSync(work).sort()).toEqual(['cache', 'dist']);
  });
});
