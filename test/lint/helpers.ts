import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineRule, type Fix } from '../../scripts/lint/rule.ts';

/** A small valid spec; `extra` lines are appended to the front matter. */
export function spec(id: string, extra = '', body = '正文。\n'): string {
  return `---
id: ${id}
title: 测试流程 ${id}
category: business
department: customer-service
owner: cs-agent
version: 1.0.0
status: draft
goal: 测试。
scope:
  start: 开始
  end: 结束
steps:
  - id: receive
    name: 接收
    role: cs-agent
    deadline: 1h
${extra}---

${body}`;
}

export const ORG = `departments:
  - id: customer-service
    name: 客服部
roles:
  - id: cs-agent
    name: 客服专员
    department: customer-service
`;

/** Only the rules under test, so other rules' findings do not disturb these tests. */
export const ONLY_SCHEMA = { rules: { schema: 'error', suppression: 'error' } } as const;

/** A temporary handbook: files relative to its root. */
export function handbook(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'processlint-'));
  writeFileSync(path.join(root, 'package.json'), '{}\n');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

/** A fixable rule for testing `--fix` without depending on the real rules. */
export const addSummary: Fix = (doc) => {
  if (!doc.has('summary')) doc.set('summary', '自动补充的简介');
};

export const fakeFixable = defineRule({
  meta: {
    id: 'fake-summary',
    type: 'suggestion',
    severity: 'error',
    fixable: true,
    docs: { description: { en: 'x', 'zh-CN': 'x' }, rationale: { en: 'x', 'zh-CN': 'x' }, examples: { valid: '', invalid: '' } },
    messages: { missing: { en: 'No summary.', 'zh-CN': '缺少简介。' } },
  },
  check(context) {
    if (!context.spec.summary) context.report({ messageId: 'missing', path: ['id'], fix: addSummary });
  },
});
