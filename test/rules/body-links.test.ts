import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { splitFrontMatter } from '../../scripts/core/source.ts';
import rule from '../../scripts/rules/body-links.ts';
import { mayLink, parseLinks, scanLinks } from '../../scripts/rules/support/markdown-links.ts';
import { ruleTester } from '../rule-tester.ts';
import { HEAD, STEPS } from './spec.ts';

/** A whole file: front matter on lines 1–15, the body from line 16. */
const file = (body: string, steps = STEPS.replace('deadline: 即时,', 'deadline: 即时, outputs: [《费用报销单》],')) => `---\n${HEAD}${steps}---\n\n${body}`;

const complaint = `${HEAD.replace('id: expense-claim', 'id: customer-complaint').replace('category: management', 'category: business')}steps:
  - { id: receive, name: 投诉接收, next: reply }
  - { id: reply, name: 回复客户 }
`;
const FILES = { 'processes/business/customer-complaint.md': complaint };

ruleTester.run('body-links', rule, {
  valid: [
    file('见[提交报销](#submit)与[付款][pay]。\n\n[pay]: #pay\n'),
    { name: 'a heading of the body', code: file('## 适用范围\n\n见[适用范围](#适用范围)。\n') },
    { name: 'a form some step produces, with or without 《》', code: file('填写[报销单](form:费用报销单)或<form:《费用报销单》>。\n') },
    { name: 'another spec by relative path, with a step', code: file('投诉见[客户投诉](../business/customer-complaint.md#reply)。\n'), files: FILES },
    { name: 'another spec by id', code: file('投诉见[客户投诉](customer-complaint.md)。\n'), files: FILES },
    { name: 'web, mail and other links are not checked', code: file('见 <https://example.com/x.md>、[邮件](mailto:a@example.com)、[图](./flow.png)。\n') },
    { name: 'no links at all', code: file('本流程适用于全体员工。[注意] 以实际为准。\n') },
  ],
  invalid: [
    {
      name: 'a step that does not exist',
      code: file('第一段。\n\n见[审批](#aprove)。\n'),
      errors: [{ messageId: 'unknownStep', line: 19, column: 2 }],
    },
    {
      name: 'a reference definition',
      code: file('见[付款][p]。\n\n[p]: #payment\n'),
      errors: [{ messageId: 'unknownStep', line: 19, column: 1 }],
    },
    {
      name: 'a process that is not in the handbook',
      code: file('见[客户投诉](../business/customer-complaints.md)。\n'),
      files: FILES,
      errors: [{ messageId: 'unknownProcess', line: 17, column: 2 }],
    },
    {
      name: 'a step of another process that does not exist',
      code: file('见[客户投诉](../business/customer-complaint.md#close)。\n'),
      files: FILES,
      errors: [{ messageId: 'unknownStepInProcess', line: 17, column: 2 }],
    },
    {
      name: 'a form nobody uses',
      code: file('1. 填写\n2. 提交[借款单](form:借款单)\n'),
      errors: [{ messageId: 'unknownForm', line: 18, column: 6 }],
    },
  ],
});

describe('body-links without link syntax', () => {
  it('skips the Markdown parse when no link can be there', () => {
    expect(mayLink('纯文字正文，没有链接。[方括号]也不是链接。\n')).toBe(false);
    expect(mayLink('见[付款](#pay)')).toBe(true);
    expect(mayLink('见[付款][p]')).toBe(true);
    expect(mayLink('[p]: #pay')).toBe(true);
    expect(mayLink('<form:费用报销单>')).toBe(true);
  });
});

describe('the link scanner', () => {
  const text = fc.constantFrom('费用报销', 'text', '。', '，', ' ', '*强调*', '**加粗**', '_x_', 'a_b', '!', '[注意]', '(括号)', '（全角）', ']', '[', '(', ')', '#', '- ', '1. ', '> ');
  const link = fc
    .tuple(
      fc.constantFrom('', '!'),
      fc.constantFrom('', '付款', 'a b', '审批*x*', '!', '**a'),
      fc.constantFrom('#pay', 'form:费用报销单', '../a/b.md#c', 'https://e.com/x', '', 'x.md', '#a(b)', '#a b', '<x>'),
    )
    .map(([bang, label, url]) => `${bang}[${label}](${url})`);
  const layout = fc.constantFrom('\n', '\n\n', '\n## ', '\n- ', '\n   ', '\n    ', '\n---\n', '\n===\n', '`', '<', '\\', '&amp;', '][', ']:');
  const body = fc.array(fc.oneof(text, link, link, layout), { maxLength: 24 }).map((parts) => parts.join(''));

  it('finds exactly the links remark finds, whenever it reads a body at all', () => {
    let scanned = 0;
    fc.assert(
      fc.property(body, (markdown) => {
        const fast = scanLinks(markdown);
        if (!fast) return;
        scanned++;
        const parsed = parseLinks(markdown);
        expect(fast.links).toEqual(parsed.links);
      }),
      { numRuns: 2000 },
    );
    // The comparison must have happened often enough to mean something.
    expect(scanned).toBeGreaterThan(500);
  });

  it('reads the handbook\'s bodies as remark does', () => {
    const root = new URL('../../processes/', import.meta.url);
    const bodies = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.md'))
      .map((name) => splitFrontMatter(readFileSync(new URL(name, root), 'utf8')).body);
    expect(bodies.length).toBeGreaterThan(0);
    for (const body of bodies) {
      const fast = scanLinks(body);
      if (fast) expect(fast.links).toEqual(parseLinks(body).links);
    }
  });

  it('leaves bodies with code, HTML, escapes or references to remark', () => {
    for (const markdown of ['`[a](#b)`', '<!-- x -->[a](#b)', '\\[a](#b)', '[a][r]\n\n[r]: #b', '    [a](#b)', '[a](#b "t")', '[a [b]](#c)', '```\n[a](#b)\n```']) {
      expect(scanLinks(markdown), markdown).toBeUndefined();
    }
  });
});
