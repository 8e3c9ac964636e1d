import rule from '../../scripts/rules/approval-outcomes.ts';
import { ruleTester } from '../rule-tester.ts';
import { HEAD, STEPS } from './spec.ts';

/** submit (line 11), approve (12; `branches:` on 17, the branches from 18), pay and a refusal notice after them. */
const approval = (branches: string, extra = '') => `${HEAD}steps:
  - { id: submit, name: 提交报销, role: employee, deadline: 即时, next: approve }
  - id: approve
    name: 部门审批
    kind: approval
    role: department-head
    deadline: 1 workday${extra}
    branches:
${branches}  - { id: pay, name: 财务付款, role: cashier, deadline: 2 workdays }
  - { id: refuse, name: 告知不予报销, role: department-head, deadline: 当日 }
`;

const APPROVED = '      - { when: 同意, outcome: approved, to: pay }\n';
const SENT_BACK = '      - { when: 单据不全，退回补充, outcome: rejected, to: submit, loop: true }\n';
const REFUSED = '      - { when: 不符合报销规定, outcome: rejected, to: refuse }\n';

ruleTester.run('approval-outcomes', rule, {
  valid: [
    { name: 'approved, or sent back for rework', code: approval(APPROVED + SENT_BACK) },
    { name: 'approved, or refused and ended', code: approval(APPROVED + REFUSED) },
    { name: 'two approved ways by amount and two rejections', code: approval(`${APPROVED}      - { when: 同意，金额>5万元, outcome: approved, to: refuse }\n${SENT_BACK}`) },
    {
      name: 'a rejection that goes to a rework step which loops back',
      code: `${HEAD}steps:
  - { id: draft, name: 起草, role: employee, deadline: 1 workday, next: approve }
  - { id: approve, name: 审批, kind: approval, role: department-head, deadline: 1 workday, branches: [{ when: 同意, outcome: approved, to: issue }, { when: 退回, outcome: rejected, to: revise }] }
  - { id: revise, name: 修改, role: employee, deadline: 1 workday, next: approve, loop: true }
  - { id: issue, name: 印发, role: cashier, deadline: 1 workday }
`,
    },
    { name: 'decisions and tasks need no outcomes', code: `${HEAD}steps:\n  - { id: check, name: 判断金额, branches: [{ when: 小额, to: pay }, { when: 大额, to: pay }] }\n  - { id: pay, name: 付款 }\n` },
  ],
  invalid: [
    {
      name: 'an approval with one way on',
      code: HEAD + STEPS,
      errors: [{ messageId: 'singleWay', line: 12, column: 92 }],
    },
    {
      name: 'an approval that ends the process without saying how it refuses',
      code: `${HEAD}steps:\n  - { id: submit, name: 提交, next: approve }\n  - { id: approve, name: 审批, kind: approval }\n`,
      errors: [{ messageId: 'singleWay', line: 12, column: 36 }],
    },
    {
      name: 'a branch without its outcome',
      code: approval(`${APPROVED}      - { when: 单据不全，退回补充, to: submit, loop: true }\n`),
      errors: [
        { messageId: 'noRejection', line: 17, column: 5 },
        { messageId: 'missingOutcome', line: 19, column: 9 },
      ],
    },
    {
      name: 'every branch approves',
      code: approval(`${APPROVED}      - { when: 单据不全, outcome: approved, to: submit, loop: true }\n`),
      errors: [{ messageId: 'noRejection', line: 17, column: 5 }],
    },
    {
      name: 'nothing is approved',
      code: approval(SENT_BACK + REFUSED),
      errors: [{ messageId: 'noApproved', line: 17, column: 5 }],
    },
    {
      name: 'a rejection that carries on to the approved step',
      code: approval(`${APPROVED}      - { when: 不同意, outcome: rejected, to: refuse }\n`).replace('deadline: 当日 }', 'deadline: 当日, next: pay }'),
      errors: [{ messageId: 'rejectionGoesOn', line: 19, column: 45 }],
    },
    {
      name: 'outcomes on a step that is not an approval',
      code: approval(APPROVED + SENT_BACK).replace('    kind: approval\n', '    kind: decision\n'),
      errors: [{ messageId: 'outcomeOutsideApproval', line: 18, column: 30 }],
    },
  ],
});
