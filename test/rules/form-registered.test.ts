import { describe, expect, it } from 'vitest';
import rule from '../../scripts/rules/form-registered.ts';
import { runCase, ruleTester } from '../rule-tester.ts';
import { HEAD } from './spec.ts';

/** Steps on lines 11–13, naming forms; the registry (test/fixtures/forms.yml) has 费用报销单 and 付款凭证. */
const steps = (submit: string, pay = ', inputs: [《费用报销单》], outputs: [付款凭证]') => `${HEAD}steps:
  - { id: submit, name: 提交报销, role: employee, deadline: 即时, ${submit}next: pay }
  - { id: pay, name: 财务付款, role: cashier, deadline: 2 workdays${pay} }
`;
const VALID = steps('outputs: [《费用报销单》], ');

ruleTester.run('form-registered', rule, {
  valid: [
    { name: 'every form registered, with or without 《》', code: VALID },
    { name: 'steps without forms', code: steps('', '') },
    { name: 'a form: link to a registered form', code: VALID, body: '\n填写[报销单](form:%E8%B4%B9%E7%94%A8%E6%8A%A5%E9%94%80%E5%8D%95)或<form:《付款凭证》>。\n' },
    { name: 'no registry: nothing to check against', code: steps('outputs: [《差旅申请单》], '), forms: null },
  ],
  invalid: [
    {
      name: 'an output the registry lacks, and a misspelt input',
      code: steps('outputs: [《差旅申请单》, 《费用报销单》], ', ', inputs: [《费用报消单》], outputs: [付款凭证]'),
      errors: [
        { messageId: 'unregistered', line: 11, column: 71 },
        { messageId: 'unregistered', line: 12, column: 74 },
      ],
    },
    {
      name: 'a form: link in the body',
      code: VALID,
      body: '\n报销单见[报销单](form:费用报销申请单)。\n',
      errors: [{ messageId: 'unregisteredLink', line: 15, column: 5 }],
    },
  ],
});

describe('form-registered', () => {
  it('suggests the registered name nearest in spelling, as data', () => {
    const { findings } = runCase(rule, { code: steps('outputs: [《费用报消单》], ') });
    expect(findings.en.map((f) => f.data)).toEqual([{ step: 'submit', form: '费用报消单', suggestion: { suggestion: '费用报销单' } }]);
    expect(findings.en[0]!.message).toContain('did you mean `费用报销单`?');
    expect(findings['zh-CN'][0]!.message).toContain('是否应为 `费用报销单`');
  });

  it('offers no suggestion when no registered name is near', () => {
    const { findings } = runCase(rule, { code: steps('outputs: [《差旅申请单》], ') });
    expect(findings.en.map((f) => f.data)).toEqual([{ step: 'submit', form: '差旅申请单', suggestion: { suggestion: null } }]);
  });
});
