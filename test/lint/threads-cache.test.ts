import { execFileSync } from 'node:child_process';
import { rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gitChange } from '../../scripts/lint/changed.ts';
import { handbook, lintDisk, ORG, spec } from './helpers.ts';

// A handbook with cross-process links, an error, a duplicate id and a suppression, large enough for worker threads (PARALLEL_THRESHOLD).
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
  // A file name that is not its id.
  out['processes/b/mis.md'] = spec('p-other');
  out['processes/a/p11.md'] = out['processes/a/p11.md']!.replace('  upstream: [p10]', '  upstream: [mis]');
  return out;
}

const strip = (run: Awaited<ReturnType<typeof lintDisk>>) => JSON.stringify(run.results);

describe('worker threads and the cache', () => {
  let root: string;
  let single: string;
  beforeAll(async () => {
    root = handbook(files(240));
    // One thread, no cache: the reference.
    single = strip(await lintDisk(root));
  });

  it('gives byte-identical results on two worker threads and in this thread', async () => {
    const reference = JSON.parse(single) as Array<{ file: string; findings: Array<{ messageId: string }> }>;
    expect(reference.find((r) => r.file === 'processes/a/p11.md')!.findings.map((d) => d.messageId)).toContain('unknownProcess');
    expect(strip(await lintDisk(root, { threads: 2 }))).toBe(single);
  });

  it('answers a repeated run from the cache with the same results, and never from a stale entry', async () => {
    rmSync(path.join(root, '.cache'), { recursive: true, force: true });
    const options = { threads: 2, cacheRoot: root } as const;
    expect(strip(await lintDisk(root, options))).toBe(single);
    expect(strip(await lintDisk(root, options))).toBe(single);
    // p0 disappears as a process: p1 (which names it) must now be reported, though p1 itself did not change.
    const p0 = path.join(root, 'processes/b/p0.md');
    writeFileSync(p0, spec('p0').replace('id: p0', 'id: p0-renamed'));
    const after = await lintDisk(root, options);
    const fresh = await lintDisk(root);
    expect(strip(after)).toBe(strip(fresh));
    expect(after.results.find((r) => r.file === 'processes/a/p1.md')!.errorCount).toBeGreaterThan(0);
    // Same size and timestamps, different content: the content hash still catches it.
    const same = spec('p0').replace('id: p0', 'id: p0-renamex');
    writeFileSync(p0, same);
    utimesSync(p0, new Date('2020-01-01'), new Date('2020-01-01'));
    expect(strip(await lintDisk(root, options))).toBe(strip(await lintDisk(root)));
  });

  it('--changed lints the changed spec and the specs whose references it changes', async () => {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'pipe' });
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.email=a@b', '-c', 'user.name=t', 'commit', '-qm', 'init');
    const changed = () => gitChange('HEAD', root);
    // A change that no other spec's reference notices: only the spec itself.
    writeFileSync(path.join(root, 'processes/a/p5.md'), spec('p5', 'summary: 改\n', '见[上一个](p4.md#receive)。\n').replace('  end: 结束\n', '  end: 结束\n  upstream: [p4]\n'));
    for (const threads of [1, 2]) {
      const run = await lintDisk(root, { threads, changed: changed() });
      expect(run.results.map((r) => r.file)).toEqual(['processes/a/p5.md']);
    }
    // Renaming its step breaks p6's link to it: p6 is checked too, with the same findings as a full lint.
    writeFileSync(path.join(root, 'processes/a/p5.md'), spec('p5').replace('id: receive', 'id: accept'));
    const run = await lintDisk(root, { changed: changed() });
    expect(run.results.map((r) => r.file)).toEqual(['processes/a/p5.md', 'processes/b/p6.md']);
    const full = await lintDisk(root);
    expect(JSON.stringify(run.results)).toBe(JSON.stringify(full.results.filter((r) => r.file === 'processes/a/p5.md' || r.file === 'processes/b/p6.md')));
  });
});
