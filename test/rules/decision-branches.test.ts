import rule from '../../scripts/rules/decision-branches.ts';
import { ruleTester } from '../rule-tester.ts';
import { HEAD } from './spec.ts';

const decision = (branches: string, extra = '') => `${HEAD}steps:
  - id: approve
    name: 审批${extra}
    branches:
${branches}  - { id: manager, name: 经理审批 }
  - { id: director, name: 总监审批 }
`; // approve on line 11, branches key on 13 (or 14 with one extra line), first branch after it

ruleTester.run('decision-branches', rule, {
  valid: [
    decision('      - { when: 金额≤5万元, to: manager }\n      - { when: 金额>5万元, to: director }\n'),
    { name: 'an explicit kind', code: decision('      - { when: 金额≤5万元, to: manager }\n      - { when: 金额>5万元, to: director }\n', '\n    kind: decision') },
    { name: 'a plain task has no branches', code: `${HEAD}steps:\n  - { id: submit, name: 提交, next: pay }\n  - { id: pay, name: 付款 }\n` },
  ],
  invalid: [
    {
      name: 'one branch',
      code: decision('      - { when: 金额≤5万元, to: manager }\n'),
      errors: [{ messageId: 'tooFewBranches', line: 13, column: 5 }],
    },
    {
      name: 'a branch without a condition',
      code: decision('      - { when: 金额≤5万元, to: manager }\n      - { to: director }\n'),
      errors: [{ messageId: 'branchWithoutWhen', line: 15, column: 9 }],
    },
    {
      name: 'a blank condition',
      code: decision('      - { when: 金额≤5万元, to: manager }\n      - { when: " ", to: director }\n'),
      errors: [{ messageId: 'branchWithoutWhen', line: 15, column: 9 }],
    },
    {
      name: 'next beside branches',
      code: decision('      - { when: 金额≤5万元, to: manager }\n      - { when: 金额>5万元, to: director }\n', '\n    next: manager'),
      errors: [{ messageId: 'nextAndBranches', line: 13, column: 5 }],
    },
    {
      name: 'a decision without branches',
      code: `${HEAD}steps:\n  - { id: approve, name: 审批, kind: decision, next: pay }\n  - { id: pay, name: 付款 }\n`,
      errors: [{ messageId: 'decisionWithoutBranches', line: 11, column: 36 }],
    },
  ],
});
