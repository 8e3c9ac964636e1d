import rule from '../../scripts/rules/translation-complete.ts';
import { ruleTester } from '../rule-tester.ts';
import { HEAD, STEPS } from './spec.ts';

/** HEAD declared translated, with English for its own texts (lines 9–12); `steps:` is on line 13. */
const TRANSLATED = `${HEAD.replace('scope: { start: 员工提交报销单, end: 报销款到账 }\n', '')}titleEn: Expense claims
translations: [en]
goalEn: Expenses are refunded within five workdays.
scope: { start: 员工提交报销单, startEn: A claim is submitted, end: 报销款到账, endEn: The refund is paid }
`;

ruleTester.run('translation-complete', rule, {
  valid: [
    { name: 'no declaration: English is optional', code: HEAD + STEPS },
    {
      name: 'declared, and every text a reader sees has English',
      code: `${TRANSLATED}steps:
  - id: submit
    name: 提交报销
    nameEn: Submit the claim
    action: 员工在 OA 填写报销单。
    actionEn: Fill in the claim in the OA system.
    controls: [发票真实, 一票一报]
    controlsEn: [Invoices are genuine, One claim per invoice]
    branches:
      - { when: 金额≤5万元, whenEn: "50,000 yuan or less", to: pay }
      - { when: 金额>5万元, whenEn: "over 50,000 yuan", to: pay }
  - { id: pay, name: 付款, nameEn: Pay, role: cashier }
kpis:
  - { id: cycle, name: 报销周期, nameEn: Cycle time, target: "<= 5 workdays", frequency: 每月 }
exceptions:
  - { when: 资料不全, whenEn: Documents missing, action: 退回补充, actionEn: Send back for completion, role: accountant, deadline: 当日 }
`,
    },
  ],
  invalid: [
    {
      name: 'a step name, an action and an exception without English',
      code: `${TRANSLATED}steps:
  - { id: submit, name: 提交报销, action: 员工在 OA 填写报销单。, role: employee }
exceptions:
  - { when: 资料不全, whenEn: Documents missing, action: 退回补充, role: accountant, deadline: 当日 }
`,
      errors: [
        { messageId: 'missingEnglish', line: 14, column: 19 },
        { messageId: 'missingEnglish', line: 14, column: 31 },
        { messageId: 'missingEnglish', line: 16, column: 46 },
      ],
    },
    {
      name: 'an English list of another length, and a frequency that is no period',
      code: `${TRANSLATED}steps:
  - { id: submit, name: 提交, nameEn: Submit, controls: [发票真实, 一票一报], controlsEn: [Invoices are genuine] }
kpis:
  - { id: cycle, name: 报销周期, nameEn: Cycle time, target: "<= 5 workdays", frequency: 每个项目 }
`,
      errors: [
        { messageId: 'countMismatch', line: 14, column: 81 },
        { messageId: 'missingEnglish', line: 16, column: 75 },
      ],
    },
    {
      name: 'the title and goal of a declared process',
      code: `${HEAD.replace('scope: { start: 员工提交报销单, end: 报销款到账 }', 'scope: { start: a, startEn: a, end: b, endEn: b }')}translations: [en]\n${STEPS.replace('提交报销,', '提交报销, nameEn: Submit,').replace('部门审批,', '部门审批, nameEn: Approve,').replace('财务付款,', '财务付款, nameEn: Pay,')}`,
      errors: [
        { messageId: 'missingEnglish', line: 2, column: 1 },
        { messageId: 'missingEnglish', line: 8, column: 1 },
      ],
    },
  ],
});
