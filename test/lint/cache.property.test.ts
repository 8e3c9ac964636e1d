import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { handbook, lintDisk, ORG, spec } from './helpers.ts';

/**
 * The cache keeps each spec's phase-one report by its content. Whatever the handbook, and after one
 * spec changes, a run answered from the cache must say exactly what a fresh run says.
 */

type Link = { kind: 'step'; to: number; step: 'receive' | 'nope' } | { kind: 'path'; to: number; folder: 'a' | 'b' | 'x' } | { kind: 'form'; form: number } | { kind: 'missing' };

interface SpecPlan {
  folder: 'a' | 'b';
  /** The id differs from the file name. */
  renamed: boolean;
  /** Not a valid spec at all. */
  broken: boolean;
  /** Forms its step produces. */
  makes: number[];
  upstream: number[];
  links: Link[];
}

const link = (count: number): fc.Arbitrary<Link> =>
  fc.oneof(
    fc.record({ kind: fc.constant('step' as const), to: fc.nat(count - 1), step: fc.constantFrom('receive' as const, 'nope' as const) }),
    fc.record({ kind: fc.constant('path' as const), to: fc.nat(count - 1), folder: fc.constantFrom('a' as const, 'b' as const, 'x' as const) }),
    fc.record({ kind: fc.constant('form' as const), form: fc.nat(5) }),
    fc.constant({ kind: 'missing' as const }),
  );

const plan = fc.integer({ min: 2, max: 14 }).chain((count) =>
  fc.array(
    fc.record({
      folder: fc.constantFrom('a' as const, 'b' as const),
      renamed: fc.nat(9).map((n) => n < 2),
      broken: fc.nat(9).map((n) => n < 2),
      makes: fc.array(fc.nat(5), { maxLength: 2 }),
      upstream: fc.array(fc.nat(count), { maxLength: 2 }),
      links: fc.array(link(count), { maxLength: 3 }),
    }),
    { minLength: count, maxLength: count },
  ),
);

function files(plans: SpecPlan[]): Record<string, string> {
  const out: Record<string, string> = { 'processes/org.yml': ORG, 'processlint.config.yml': 'extends: recommended\nrules:\n  codeowners: off\n' };
  const where = (i: number) => `${plans[i]!.folder}/q${i}.md`;
  plans.forEach((p, i) => {
    const body = p.links
      .map((l) => {
        if (l.kind === 'step') return `[步骤](../${where(l.to)}#${l.step})`;
        if (l.kind === 'path') return `[流程](../${l.folder}/q${l.to}.md)`;
        if (l.kind === 'form') return `[表单](form:表${l.form})`;
        return '[缺失](nowhere.md)';
      })
      .join('，');
    const outputs = p.makes.length ? `    outputs: [${p.makes.map((f) => `《表${f}》`).join(', ')}]\n` : '';
    const upstream = p.upstream.length ? p.upstream.map((u) => `q${u}`).join(', ') : '';
    let text = spec(p.renamed ? `q${i}-x` : `q${i}`, outputs, `${body || '正文'}。\n`);
    if (upstream) text = text.replace('  end: 结束\n', `  end: 结束\n  upstream: [${upstream}]\n`);
    if (p.broken) text = text.replace('title:', 'titel:');
    out[`processes/${where(i)}`] = text;
  });
  return out;
}

describe('the cache agrees with a fresh lint', () => {
  it('on random handbooks with links, forms, renamed and broken specs, before and after an edit', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(plan, async (plans) => {
        const root = handbook(files(plans));
        try {
          const fresh = async () => JSON.stringify((await lintDisk(root)).results);
          const cached = async () => JSON.stringify((await lintDisk(root, { cacheRoot: root })).results);
          const whole = await fresh();
          // Twice with the cache: written, then read; then one spec changes and the cache must follow.
          expect(await cached()).toBe(whole);
          expect(await cached()).toBe(whole);
          const first = path.join(root, 'processes', `${plans[0]!.folder}/q0.md`);
          writeFileSync(first, spec('q0', '', '改写后的正文。\n'));
          expect(await cached()).toBe(await fresh());
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      }),
      { numRuns: 40, seed: 20261123 },
    );
  });
});
