import { describe, expect, it } from 'vitest';
import { checkFileWithFixes, type FileEnv } from '../../scripts/lint/check-file.ts';
import { applyFixes, restoreLineEnds } from '../../scripts/lint/fix.ts';
import type { Fix } from '../../scripts/lint/rule.ts';
import { fakeFixable, spec } from './helpers.ts';

const TEXT = `---
# 注释保留
id: x
title: 测试   # 行尾注释
steps: [a, b]
lifecycle:
  define: {status: done}
  design:
    status: planned
---

正文 [链接](#a)。
`;

const insertAnalyze: Fix = (doc) => {
  const lifecycle = doc.get('lifecycle') as import('yaml').YAMLMap;
  if (lifecycle.has('analyze')) return;
  const node = doc.createPair('analyze', { status: 'planned' });
  lifecycle.items.splice(1, 0, node as never);
};

describe('fixes', () => {
  it('edits the front matter in place, keeping comments, order and the body', () => {
    const fixed = applyFixes(TEXT, [insertAnalyze]);
    expect(fixed).toBe(`---
# 注释保留
id: x
title: 测试 # 行尾注释
steps: [a, b]
lifecycle:
  define: {status: done}
  analyze:
    status: planned
  design:
    status: planned
---

正文 [链接](#a)。
`);
  });

  it('is idempotent and leaves the text alone when nothing changes', () => {
    const once = applyFixes(TEXT, [insertAnalyze]);
    expect(applyFixes(once, [insertAnalyze])).toBe(once);
    expect(applyFixes(TEXT, [])).toBe(TEXT);
    expect(applyFixes(TEXT, [() => {
      throw new Error('cannot');
    }])).toBe(TEXT);
  });

  it('applies a rule finding\'s fix, after which the rule is satisfied', () => {
    const text = spec('x');
    const env: FileEnv = { rules: new Map([['fake-summary', { severity: 'error', options: {} }]]), registry: { 'fake-summary': fakeFixable }, today: '2026-01-01' };
    const checked = checkFileWithFixes('x.md', text, env);
    expect(checked.report.findings.map((f) => [f.messageId, f.fixable])).toEqual([['missing', true]]);
    const fixed = applyFixes(text, checked.fixes.map((f) => f.fix));
    expect(fixed).toContain('summary: 自动补充的简介\n---\n');
    expect(checkFileWithFixes('x.md', fixed, env).report.findings).toEqual([]);
  });

  it('restores CRLF line ends and a BOM', () => {
    expect(restoreLineEnds('\uFEFFa\r\nb\r\n', 'a\nc\n')).toBe('\uFEFFa\r\nc\r\n');
  });
});
