import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintDisk, worded } from '../lint/helpers.ts';

describe('the handbook', () => {
  it('lints clean with the repository config (recommended)', async () => {
    const run = await lintDisk(path.resolve('.'), { today: '2026-11-23' });
    const problems = run.results.flatMap((r) => worded(r).map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId} ${d.message}`));
    expect(problems).toEqual([]);
    expect(run.results.length).toBeGreaterThan(0);
  });
});
