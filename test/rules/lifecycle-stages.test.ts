import { describe, expect, it } from 'vitest';
import { lintProject, memorySource } from '../../scripts/lint/project.ts';
import { applyFixes } from '../../scripts/lint/fix.ts';
import rule from '../../scripts/rules/lifecycle-stages.ts';
import { FIXTURE_ORG, ruleTester } from '../rule-tester.ts';

const HEAD = `id: leave-request
title: 请假申请流程
category: management
department: hr
owner: hr-specialist
version: 1.0.0
status: draft
goal: 请假申请一个工作日内得到答复。
scope: { start: 员工提交申请, end: 记录归档 }
steps:
  - { id: submit, name: 提交申请, role: employee, deadline: 即时 }
`;

const ALL = `lifecycle:
  define: { status: done }
  analyze: { status: planned }
  design: { status: planned }
  review: { status: planned }
  release: { status: planned }
  monitor: { status: planned }
  improve: { status: planned }
`;

ruleTester.run('lifecycle-stages', rule, {
  valid: [
    HEAD + ALL,
    { name: 'block-style stages with comments', code: HEAD + ALL.replace('  define: { status: done }\n', '  # 已完成\n  define:\n    status: done\n    date: 2026-01-01\n') },
  ],
  invalid: [
    {
      name: 'no lifecycle at all',
      code: HEAD,
      errors: [{ messageId: 'missingLifecycle', line: 1, column: 1 }],
      output: `${HEAD}lifecycle:\n${ALL.split('\n').slice(1).join('\n').replace('define: { status: done }', 'define: { status: planned }')}`,
    },
    {
      name: 'an empty lifecycle',
      code: `${HEAD}lifecycle: {}\n`,
      errors: [{ messageId: 'missingLifecycle', line: 12, column: 1 }],
    },
    {
      name: 'a missing stage is inserted in its place, keeping comments',
      code: HEAD + ALL.replace('  design: { status: planned }\n', '').replace('  review:', '  # 评审\n  review:'),
      errors: [{ messageId: 'missingStage', line: 12, column: 1 }],
      output: HEAD + ALL.replace('  review:', '  # 评审\n  review:'),
    },
    {
      name: 'the first stage missing',
      code: HEAD + ALL.replace('  define: { status: done }\n', ''),
      errors: [{ messageId: 'missingStage', line: 12, column: 1 }],
      output: HEAD + ALL.replace('define: { status: done }', 'define: { status: planned }'),
    },
    {
      name: 'a stage written twice',
      code: HEAD + ALL.replace('  review: { status: planned }\n', '  review: { status: planned }\n  review: { status: done }\n'),
      errors: [{ messageId: 'duplicateStage', line: 17, column: 3 }],
    },
    {
      name: 'stages out of order are reordered',
      code: HEAD + ALL.replace('  analyze: { status: planned }\n  design: { status: planned }\n', '  design: { status: planned }\n  analyze: { status: planned }\n'),
      errors: [{ messageId: 'outOfOrder', line: 15, column: 3 }],
      output: HEAD + ALL,
    },
    {
      name: 'missing and out of order together',
      code: HEAD + 'lifecycle:\n  improve: { status: planned }\n  define: { status: done }\n',
      errors: [
        { messageId: 'missingStage', line: 12, column: 1 },
        { messageId: 'missingStage', line: 12, column: 1 },
        { messageId: 'missingStage', line: 12, column: 1 },
        { messageId: 'missingStage', line: 12, column: 1 },
        { messageId: 'missingStage', line: 12, column: 1 },
        { messageId: 'outOfOrder', line: 14, column: 3 },
      ],
      output: HEAD + ALL,
    },
  ],
});

describe('lifecycle-stages fixed through the engine', () => {
  it('inserts and reorders in place, keeps comments and the body, and a second pass changes nothing', async () => {
    const text = `---\n${HEAD}lifecycle:\n  # 设计已完成\n  design: { status: done }\n  define: { status: done }\n  review: { status: planned }\n---\n\n## 正文\n\n正文保持不变。\n`;
    const file = 'processes/management/leave-request.md';
    const fix = async (source: string) => {
      const run = await lintProject({ source: memorySource({ [file]: source, 'org.yml': FIXTURE_ORG }), specs: [file], today: '2026-06-01', withFixes: true });
      return applyFixes(source, (run.fixes?.get(file)?.fixes ?? []).filter((f) => f.finding.ruleId === 'lifecycle-stages').map((f) => f.fix));
    };
    const once = await fix(text);
    const stages = [...once.matchAll(/^ {2}(\w+):/gm)].map((m) => m[1]);
    expect(stages.slice(-7)).toEqual(['define', 'analyze', 'design', 'review', 'release', 'monitor', 'improve']);
    expect(once).toContain('# 设计已完成');
    expect(once.endsWith('---\n\n## 正文\n\n正文保持不变。\n')).toBe(true);
    expect(await fix(once)).toBe(once);
  });
});
