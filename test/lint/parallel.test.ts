import { execFileSync } from 'node:child_process';
import { rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lintPaths } from '../../scripts/lint/api.ts';
import { handbook, ORG, spec } from './helpers.ts';

// A handbook with cross-process links, an error, a duplicate id and a suppression, large enough to matter.
function files(count: number): Record<string, string> {
  const out: Record<string, string> = { 'processes/org.yml': ORG, 'processlint.config.yml': 'extends: recommended\nrules:\n  codeowners: off\n' };
  for (let i = 0; i < count; i++) {
    const id = `p${i}`;
    const up = i > 0 ? `  upstream: [p${i - 1}]\n` : '';
    let text = spec(id, '', `见[上一个](p${Math.max(0, i - 1)}.md#receive)。\n`).replace('  end: 结束\n', `  end: 结束\n${up}`);
    if (i === 7) text = text.replace('title:', 'titel:');
    if (i === 9) text = text.replace('  upstream: [p8]', '  upstream: [p-missing]');
    out[`processes/${i % 2 ? 'a' : 'b'}/${id}.md`] = text;
  }
  out['processes/a/dup.md'] = spec('p3');
  // A file name that is not its id: guesses from file names must be caught and the rule re-run.
  out['processes/b/mis.md'] = spec('p-other');
  out['processes/a/p11.md'] = out['processes/a/p11.md']!.replace('  upstream: [p10]', '  upstream: [mis]');
  return out;
}

const strip = (run: Awaited<ReturnType<typeof lintPaths>>) => JSON.stringify(run.results);

describe('worker threads and the cache', () => {
  let root: string;
  let single: string;
  beforeAll(async () => {
    root = handbook(files(40));
    // Few specs and no thread count: everything loaded at once in this thread, the reference.
    single = strip(await lintPaths(['processes'], { cwd: root, today: '2026-06-01', cache: false, locale: 'en' }));
  });

  it('gives byte-identical results streaming on two worker threads, streaming in this thread, and loading all at once', async () => {
    const reference = JSON.parse(single) as Array<{ file: string; diagnostics: Array<{ messageId: string }> }>;
    expect(reference.find((r) => r.file === 'processes/a/p11.md')!.diagnostics.map((d) => d.messageId)).toContain('unknownProcess');
    for (const threads of [1, 2]) {
      expect(strip(await lintPaths(['processes'], { cwd: root, today: '2026-06-01', threads, cache: false, locale: 'en' }))).toBe(single);
    }
  });

  it('answers a repeated run from the cache with the same results, and never from a stale entry', async () => {
    rmSync(path.join(root, '.cache'), { recursive: true, force: true });
    const options = { cwd: root, today: '2026-06-01', threads: 2, locale: 'en' } as const;
    expect(strip(await lintPaths(['processes'], options))).toBe(single);
    expect(strip(await lintPaths(['processes'], options))).toBe(single);
    // p0 disappears as a process: p1 (which names it) must now be reported, though p1 itself did not change.
    const p0 = path.join(root, 'processes/b/p0.md');
    writeFileSync(p0, spec('p0').replace('id: p0', 'id: p0-renamed'));
    const after = await lintPaths(['processes'], options);
    const fresh = await lintPaths(['processes'], { ...options, cache: false });
    expect(strip(after)).toBe(strip(fresh));
    expect(after.results.find((r) => r.file === 'processes/a/p1.md')!.errorCount).toBeGreaterThan(0);
    // Same size and timestamps, different content: the content hash still catches it.
    const same = spec('p0').replace('id: p0', 'id: p0-renamex');
    writeFileSync(p0, same);
    utimesSync(p0, new Date('2020-01-01'), new Date('2020-01-01'));
    expect(strip(await lintPaths(['processes'], options))).toBe(strip(await lintPaths(['processes'], { ...options, cache: false })));
  });

  it('--changed lints the changed spec and the specs that name it', async () => {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'pipe' });
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.email=a@b', '-c', 'user.name=t', 'commit', '-qm', 'init');
    writeFileSync(path.join(root, 'processes/a/p5.md'), spec('p5', 'summary: 改\n'));
    for (const threads of [1, 2]) {
      const run = await lintPaths(['processes'], { cwd: root, today: '2026-06-01', threads, changed: 'HEAD', locale: 'en' });
      expect(run.results.map((r) => r.file)).toEqual(['processes/a/p5.md', 'processes/b/p6.md']);
    }
  });
});
