import { beforeAll, describe, expect, it } from 'vitest';
import { lintPaths } from '../../scripts/lint/api.ts';
import { handbook, ORG, spec } from './helpers.ts';

// Enough specs for both lanes to get batches; each links to a step of a spec at the other end of the
// run, which the other lane reads, so the first pass cannot answer and the second pass must run.
const COUNT = 300;
function files(): Record<string, string> {
  const out: Record<string, string> = { 'processes/org.yml': ORG, 'processlint.config.yml': 'extends: recommended\nrules:\n  codeowners: off\n' };
  for (let i = 0; i < COUNT; i++) {
    const other = COUNT - 1 - i;
    const step = i % 10 === 3 ? 'no-such-step' : 'receive';
    out[`processes/c/p${String(i).padStart(3, '0')}.md`] = spec(`p${String(i).padStart(3, '0')}`, '', `见[对端](p${String(other).padStart(3, '0')}.md#${step})。\n`);
  }
  return out;
}

describe('two passes without a cache', () => {
  let root: string;
  let reference: Awaited<ReturnType<typeof lintPaths>>;
  beforeAll(async () => {
    root = handbook(files());
    // Loaded all at once in this thread (as for --fix): the reference.
    reference = await lintPaths(['processes'], { cwd: root, today: '2026-06-01', cache: false, locale: 'en', withFixes: true });
  });

  it('finds the broken cross-lane links', () => {
    const broken = reference.results.flatMap((r) => r.diagnostics).filter((d) => d.ruleId === 'body-links');
    expect(broken).toHaveLength(COUNT / 10);
  });

  it('gives the same results on one and two threads, the outlines collected from the lanes', async () => {
    const single = await lintPaths(['processes'], { cwd: root, today: '2026-06-01', cache: false, locale: 'en', threads: 1 });
    const all = JSON.stringify((await lintPaths(['processes'], { cwd: root, today: '2026-06-01', cache: false, locale: 'en', threads: 2 })).results);
    expect(JSON.stringify(single.results)).toBe(all);
    expect(JSON.stringify(reference.results)).toBe(all);
    expect(all).toContain('no-such-step');
  });
});
