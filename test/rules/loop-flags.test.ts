import rule from '../../scripts/rules/loop-flags.ts';
import { ruleTester } from '../rule-tester.ts';
import { HEAD } from './spec.ts';

const steps = (lines: string) => `${HEAD}steps:\n${lines}`; // the first step on line 11

ruleTester.run('loop-flags', rule, {
  valid: [
    {
      name: 'a branch back to an earlier step',
      code: steps(`  - { id: submit, name: 提交, next: check }
  - { id: check, name: 审核, branches: [{ when: 齐全, to: pay }, { when: 不全, to: submit, loop: true }] }
  - { id: pay, name: 付款 }
`),
    },
    {
      name: 'rework whose next goes back to the inspection',
      code: steps(`  - { id: inspect, name: 检验, branches: [{ when: 合格, to: store }, { when: 不合格, to: rework }] }
  - { id: rework, name: 返工, next: inspect, loop: true }
  - { id: store, name: 入库 }
`),
    },
    {
      name: 'a recurring step that repeats itself until its cycle ends',
      code: steps(`  - { id: monitor, name: 月度监控, branches: [{ when: 下月继续, to: monitor, loop: true }, { when: 年末, to: close }] }
  - { id: close, name: 决算 }
`),
    },
    {
      name: 'a back edge into a cycle entered from two places',
      code: steps(`  - { id: route, name: 分流, branches: [{ when: 新建, to: create }, { when: 修改, to: revise }] }
  - { id: create, name: 新建, next: review }
  - { id: revise, name: 修改, next: review }
  - { id: review, name: 审核, branches: [{ when: 通过, to: store }, { when: 需修改, to: revise, loop: true }] }
  - { id: store, name: 存储 }
`),
    },
  ],
  invalid: [
    {
      name: 'the flag on the forward branch, the way back a plain next',
      code: steps(`  - { id: monitor, name: 执行监控, next: review }
  - { id: review, name: 季度复盘, branches: [{ when: 按计划执行, to: close }, { when: 需调整, to: change, loop: true }] }
  - { id: change, name: 变更申请, next: approve }
  - { id: approve, name: 变更审批, next: monitor }
  - { id: close, name: 年度总结 }
`),
      errors: [{ messageId: 'forwardLoop', line: 12, column: 101 }],
    },
    {
      name: 'the flag on the step before the rework instead of on the rework',
      code: steps(`  - { id: inspect, name: 检验, branches: [{ when: 合格, to: store }, { when: 不合格, to: rework, loop: true }] }
  - { id: rework, name: 返工, next: inspect }
  - { id: store, name: 入库 }
`),
      errors: [{ messageId: 'forwardLoop', line: 11, column: 97 }],
    },
    {
      name: 'a flag on a step whose next goes forward',
      code: steps(`  - { id: submit, name: 提交, next: check, loop: true }
  - { id: check, name: 审核, branches: [{ when: 齐全, to: pay }, { when: 不全, to: submit, loop: true }] }
  - { id: pay, name: 付款 }
`),
      errors: [{ messageId: 'forwardLoop', line: 11, column: 48 }],
    },
    {
      name: 'a flag on a branch to a later step that never comes back',
      code: steps(`  - { id: check, name: 审核, branches: [{ when: 小额, to: pay, loop: true }, { when: 大额, to: approve }] }
  - { id: approve, name: 审批, next: pay }
  - { id: pay, name: 付款 }
`),
      errors: [{ messageId: 'notBack', line: 11, column: 66 }],
    },
    {
      name: 'a flag on a step without next',
      code: steps(`  - { id: submit, name: 提交, next: pay }
  - { id: pay, name: 付款, loop: true }
`),
      errors: [{ messageId: 'loopWithoutNext', line: 12, column: 32 }],
    },
  ],
});
