import rule from '../../scripts/rules/lifecycle-outputs.ts';
import { ruleTester } from '../rule-tester.ts';
import { HEAD, STEPS } from './spec.ts';

const BASE = HEAD + STEPS; // lifecycle starts on line 14

ruleTester.run('lifecycle-outputs', rule, {
  valid: [
    `${BASE}lifecycle:\n  define: { status: done, outputs: [《流程目标与范围说明书》] }\n  analyze: { status: in-progress }\n`,
    { name: 'without 《》 and with longer names', code: `${BASE}lifecycle:\n  analyze: { status: done, outputs: [现状调研分析报告（2026版）, 当前流程图 V1] }\n` },
    { name: 'stages not done need nothing', code: `${BASE}lifecycle:\n  design: { status: in-progress }\n  review: { status: planned }\n  release: { status: skipped }\n` },
    { name: 'the list is configurable per stage', code: `${BASE}lifecycle:\n  define: { status: done, outputs: [立项书] }\n`, options: { required: { define: ['立项书'] } } },
  ],
  invalid: [
    {
      name: 'design done without the exception plan',
      code: `${BASE}lifecycle:\n  design:\n    status: done\n    outputs: [《未来流程图》, 《流程操作说明》]\n`,
      errors: [{ messageId: 'missingOutputs', line: 17, column: 14 }],
    },
    {
      name: 'a done stage with no outputs at all points at the stage',
      code: `${BASE}lifecycle:\n  define: { status: done }\n  review: { status: done, outputs: [《流程评审记录》] }\n`,
      errors: [
        { messageId: 'missingOutputs', line: 15, column: 3 },
        { messageId: 'missingOutputs', line: 16, column: 36 },
      ],
    },
    {
      name: 'a configured requirement',
      code: `${BASE}lifecycle:\n  define: { status: done, outputs: [《流程目标与范围说明书》] }\n`,
      options: { required: { define: ['立项书'] } },
      errors: [{ messageId: 'missingOutputs', line: 15, column: 36 }],
    },
  ],
});
