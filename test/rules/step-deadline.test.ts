import rule from '../../scripts/rules/step-deadline.ts';
import { describe, expect, it } from 'vitest';
import { ruleTester, runCase } from '../rule-tester.ts';
import { HEAD, STEPS } from './spec.ts';

/** Steps on lines 11, 12, 13 with the given deadlines (`-` leaves it out). */
const steps = (a: string, b: string, c: string) => {
  const field = (d: string) => (d === '-' ? '' : `, deadline: "${d}"`);
  return `${HEAD}steps:
  - { id: receive, name: 投诉接收, role: cs-agent${field(a)}, next: classify }
  - { id: classify, name: 投诉分类, role: complaint-supervisor${field(b)}, next: dispatch }
  - { id: dispatch, name: 分派处理, role: complaint-supervisor${field(c)} }
`;
};

ruleTester.run('step-deadline', rule, {
  valid: [
    HEAD + STEPS,
    steps('即时', '接收后30分钟内', '分类后1小时内'),
    steps('immediately', '30m after receive', '1 workday'),
    steps('每月25日', '12月20日前', '提前1个工作日'),
    { name: 'exception deadlines that parse', code: `${HEAD + STEPS}exceptions:\n  - { when: 单据不全, action: 退回, role: accountant, deadline: 1个工作日内 }\n` },
  ],
  invalid: [
    {
      name: 'a step without a deadline',
      code: steps('即时', '-', '1h'),
      errors: [{ messageId: 'missing', line: 12, column: 5 }],
    },
    {
      name: 'a deadline that does not parse',
      code: steps('即时', '尽快', '1h'),
      errors: [{ messageId: 'unparseable', line: 12, column: 71 }],
    },
    {
      name: 'a relative deadline naming no step',
      code: steps('即时', '审核后30分钟内', '1h'),
      errors: [{ messageId: 'unknownAnchor', line: 12, column: 71 }],
    },
    {
      name: 'a relative deadline counting from a later step',
      code: steps('即时', '30m after dispatch', '1h'),
      errors: [{ messageId: 'anchorNotBefore', line: 12, column: 71 }],
    },
    {
      name: 'a relative deadline counting from its own step',
      code: steps('即时', '分类后30分钟内', '1h'),
      errors: [{ messageId: 'anchorNotBefore', line: 12, column: 71 }],
    },
    {
      name: 'an exception deadline that does not parse, and one naming no step',
      code: `${HEAD + STEPS}exceptions:
  - { when: 单据不全, action: 退回, role: accountant, deadline: 尽早 }
  - { when: 超时, action: 催办, role: accountant, deadline: 审核后1天内 }
`,
      errors: [
        { messageId: 'unparseable', line: 15, column: 59 },
        { messageId: 'unknownAnchor', line: 16, column: 57 },
      ],
    },
  ],
});

describe('step-deadline reasons', () => {
  it('gives the parser\'s reason in the reader\'s language', () => {
    const { findings } = runCase(rule, { code: steps('即时', '尽快', '1h') });
    expect(findings.en[0]!.message).toContain('cannot read "尽快" as a time requirement');
    expect(findings['zh-CN'][0]!.message).toContain('无法识别“尽快”');
    const month = runCase(rule, { code: steps('即时', '13月20日前', '1h') });
    expect(month.findings['zh-CN'][0]!.message).toContain('没有 13 月');
  });
});
