import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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

describe('the cache keeps outlines in a file of their own', () => {
  it('builds the handbook from cached outlines when a changed spec needs it, and starts afresh when that file is gone', async () => {
    const root = handbook(files());
    const options = { cwd: root, today: '2026-06-01', locale: 'en', threads: 2 } as const;
    const fresh = async () => JSON.stringify((await lintPaths(['processes'], { ...options, cache: false })).results);
    const cached = async () => JSON.stringify((await lintPaths(['processes'], options)).results);
    expect(await cached()).toBe(await fresh());
    const dir = path.join(root, '.cache/processlint');
    const outlineFiles = () => readdirSync(dir).filter((name) => name.includes('.outlines-'));
    expect(outlineFiles()).toHaveLength(1);
    const before = outlineFiles()[0]!;
    // A body change: the outline stays, so its file is not rewritten; the link needs the other specs' outlines.
    const p010 = path.join(root, 'processes/c/p010.md');
    writeFileSync(p010, readFileSync(p010, 'utf8').replace('见[对端]', '另见[对端](p001.md#no-such-step)，见[对端]'));
    const afterBody = await cached();
    expect(afterBody).toBe(await fresh());
    expect(afterBody).toContain('no-such-step');
    expect(outlineFiles()).toEqual([before]);
    // A step renamed: the outlines change and are written anew; p001's links to it are reported.
    const p298 = path.join(root, 'processes/c/p298.md');
    writeFileSync(p298, readFileSync(p298, 'utf8').replaceAll('receive', 'intake'));
    expect(await cached()).toBe(await fresh());
    expect(outlineFiles()).not.toEqual([before]);
    // The outline file lost: the run does not trust the rest of the cache.
    const p020 = path.join(root, 'processes/c/p020.md');
    writeFileSync(p020, readFileSync(p020, 'utf8').replace('见[对端]', '又见[对端](p002.md#gone)，见[对端]'));
    for (const name of outlineFiles()) rmSync(path.join(dir, name));
    const afterLoss = await cached();
    expect(afterLoss).toBe(await fresh());
    expect(afterLoss).toContain('`gone`');
  });
});

describe('guesses about forms and about steps of specs read later', () => {
  // Spec i links to a form (made by every fifth spec, or missing) and to a step of spec i + 150,
  // read later in the same lane: pass one guesses both exist, and the guesses are checked after.
  function guessing(): Record<string, string> {
    const out: Record<string, string> = { 'processes/org.yml': ORG, 'processlint.config.yml': 'extends: recommended\nrules:\n  codeowners: off\n' };
    const name = (i: number) => `q${String(i).padStart(3, '0')}`;
    for (let i = 0; i < COUNT; i++) {
      const form = i % 20 === 7 ? '不存在的单' : '接收单';
      const step = i % 30 === 11 ? 'gone' : 'receive';
      const outputs = i % 5 === 0 ? '    outputs: [《接收单》]\n' : '';
      out[`processes/d/${name(i)}.md`] = spec(name(i), outputs, `填写[接收单](form:${form})，再见[后续](${name((i + 150) % COUNT)}.md#${step})。\n`);
    }
    return out;
  }

  it('reports the forms and steps that are not there, as loading everything at once does', async () => {
    const root = handbook(guessing());
    const options = { cwd: root, today: '2026-06-01', locale: 'en', cache: false } as const;
    const reference = await lintPaths(['processes'], { ...options, withFixes: true });
    const messages = reference.results.flatMap((r) => r.diagnostics).filter((d) => d.ruleId === 'body-links').map((d) => d.messageId);
    expect(messages.filter((id) => id === 'unknownForm')).toHaveLength(COUNT / 20);
    expect(messages.filter((id) => id === 'unknownStepInProcess')).toHaveLength(COUNT / 30);
    for (const threads of [1, 2]) expect(JSON.stringify((await lintPaths(['processes'], { ...options, threads })).results)).toBe(JSON.stringify(reference.results));
    // With the cache: a second run answers from it; removing the only producer of the form turns every link to it into a finding.
    const cached = { ...options, cache: true, threads: 1 } as const;
    expect(JSON.stringify((await lintPaths(['processes'], cached)).results)).toBe(JSON.stringify(reference.results));
    // Worker threads answer from the same cache, and fill it the same way.
    expect(JSON.stringify((await lintPaths(['processes'], { ...cached, threads: 2 })).results)).toBe(JSON.stringify(reference.results));
    rmSync(path.join(root, '.cache'), { recursive: true, force: true });
    expect(JSON.stringify((await lintPaths(['processes'], { ...cached, threads: 2 })).results)).toBe(JSON.stringify(reference.results));
    for (let i = 0; i < COUNT; i += 5) {
      const file = path.join(root, `processes/d/q${String(i).padStart(3, '0')}.md`);
      writeFileSync(file, readFileSync(file, 'utf8').replace('    outputs: [《接收单》]\n', ''));
    }
    const after = await lintPaths(['processes'], cached);
    expect(JSON.stringify(after.results)).toBe(JSON.stringify((await lintPaths(['processes'], { ...options, withFixes: true })).results));
    expect(after.results.flatMap((r) => r.diagnostics).filter((d) => d.messageId === 'unknownForm')).toHaveLength(COUNT);
  });
});
