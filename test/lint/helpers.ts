import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Finding } from '../../scripts/core/diagnostic.ts';
import type { Locale } from '../../scripts/core/messages.ts';
import type { RawConfig } from '../../scripts/lint/config.ts';
import { messageOf } from '../../scripts/lint/findings.ts';
import { specFilesIn } from '../../scripts/core/spec-files.ts';
import { diskSource, lintProject, memorySource, type LintProjectOptions, type ProjectLint } from '../../scripts/lint/project.ts';
import type { FileResult } from '../../scripts/lint/resolve.ts';
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

export interface TextsOptions {
  /** The org registry's text, placed at the root so every spec finds it. */
  org?: string;
  /** The forms registry's text, placed at the root so every spec finds it. */
  forms?: string;
  config?: RawConfig;
  today?: string;
  codeowners?: string;
}

/** Lints specs held in memory through the linter's one entry point. */
export async function lintTexts(files: Array<{ file: string; text: string | Uint8Array }>, options: TextsOptions = {}): Promise<FileResult[]> {
  const texts = new Map<string, string | Uint8Array>(files.map(({ file, text }) => [file, text]));
  if (options.org !== undefined) texts.set('org.yml', options.org);
  if (options.forms !== undefined) texts.set('forms.yml', options.forms);
  if (options.codeowners !== undefined) texts.set('.github/CODEOWNERS', options.codeowners);
  const run = await lintProject({ source: memorySource(texts), specs: files.map(({ file }) => file), config: options.config ?? { extends: 'recommended' }, today: options.today ?? '2026-06-01' });
  return run.results.filter((result) => result.file !== 'org.yml' && result.file !== 'forms.yml');
}

/** Findings with their messages worded in `locale`, for assertions on text. */
export function worded(result: FileResult | undefined, locale: Locale = 'en'): Array<Finding & { message: string }> {
  return (result?.findings ?? []).map((finding) => ({ ...finding, message: messageOf(finding, locale) }));
}

/** Lints every spec below `processes/` of a handbook on disk, as the CLI does from its root. */
export async function lintDisk(root: string, options: Omit<LintProjectOptions, 'source' | 'specs'> & { specs?: string[] } = {}): Promise<ProjectLint> {
  const specs = options.specs ?? specFilesIn(path.join(root, 'processes')).map((file) => path.relative(root, file).split(path.sep).join('/'));
  return lintProject({ today: '2026-06-01', ...options, source: diskSource(root), specs });
}
