import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintPaths } from '../../scripts/lint/api.ts';

describe('the handbook', () => {
  it('lints clean with the repository config (recommended)', async () => {
    const run = await lintPaths(['processes'], { cwd: path.resolve('.'), today: '2026-11-23', cache: false, locale: 'en' });
    const problems = run.results.flatMap((r) => r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId} ${d.message}`));
    expect(problems).toEqual([]);
    expect(run.results.length).toBeGreaterThan(0);
  });
});
