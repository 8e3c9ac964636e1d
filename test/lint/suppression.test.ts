import { describe, expect, it } from 'vitest';
import { parseDirectives } from '../../scripts/lint/suppressions.ts';
import { lintTexts, ONLY_SCHEMA, spec, worded } from './helpers.ts';

const lint = async (extra: string, locale: 'en' | 'zh-CN' = 'en') =>
  worded((await lintTexts([{ file: 'a/x.md', text: spec('x', extra) }], { config: ONLY_SCHEMA, today: '2026-06-01' }))[0], locale).map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`);

// `titel` is an unknown key: a schema finding on the line after the directive (line 18 of the file).
describe('inline suppression', () => {
  it('reports the finding when nothing suppresses it', async () => {
    expect(await lint('titel: x\n')).toEqual(['18:1 schema Unknown field `titel` — did you mean `title`?']);
  });

  it('suppresses the named rule on the next line, with a reason', async () => {
    expect(await lint('# processlint-disable-next-line schema -- 迁移期间保留旧字段\ntitel: x\n')).toEqual([]);
  });

  it('reports a suppression without a reason (and still suppresses)', async () => {
    expect(await lint('# processlint-disable-next-line schema\ntitel: x\n')).toEqual([
      '18:1 suppression The suppression of schema gives no reason. Add ` -- ` and why the finding is accepted.',
    ]);
  });

  it('stops suppressing after the expiry date and reports it', async () => {
    expect(await lint('# processlint-disable-next-line schema until 2026-05-31 -- 待迁移\ntitel: x\n')).toEqual([
      '18:1 suppression The suppression of schema expired on 2026-05-31 and no longer applies. Fix the finding, or extend the date with a reason.',
      '19:1 schema Unknown field `titel` — did you mean `title`?',
    ]);
    expect(await lint('# processlint-disable-next-line schema until 2026-06-01 -- 待迁移\ntitel: x\n')).toEqual([]);
  });

  it('reports a suppression that suppresses nothing, and an unknown rule id', async () => {
    expect(await lint('# processlint-disable-next-line schema -- 不需要\nsummary: x\n')).toEqual(['18:1 suppression The suppression of schema suppresses nothing on the next line. Remove it.']);
    expect(await lint('# processlint-disable-next-line schemaa -- x\nsummary: x\n')).toEqual(['18:1 suppression The suppression names an unknown rule "schemaa" — did you mean "schema"?']);
  });

  it('speaks Chinese', async () => {
    expect(await lint('# processlint-disable-next-line schema\ntitel: x\n', 'zh-CN')).toEqual(['18:1 suppression 对 schema 的抑制没有写明理由。请在后面加上 ` -- ` 和接受该问题的原因。']);
  });

  it('parses several rules, an expiry and a reason; stacked directives share the next line', async () => {
    const text = '---\n# processlint-disable-next-line a, b until 2030-01-02 -- 理由 -- 含破折号\n# processlint-disable-next-line c -- r\nid: x\n---\n';
    expect(parseDirectives(text, 5)).toEqual([
      { line: 2, column: 1, endColumn: 68, target: 4, rules: ['a', 'b'], until: '2030-01-02', reason: '理由 -- 含破折号' },
      { line: 3, column: 1, endColumn: 39, target: 4, rules: ['c'], reason: 'r' },
    ]);
  });
});
