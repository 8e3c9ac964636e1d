import { m, problemSummary } from '../lint/messages.ts';
import type { FileResult } from '../lint/resolve.ts';
import { shown, type Formatter, type FormatOptions } from './types.ts';

/** Escaping of workflow commands: data escapes %, CR, LF; properties also `:` and `,`. */
export const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions annotations, one workflow command per finding. */
export const github: Formatter = function* (results, options) {
  for (const result of results) {
    const lines: string[] = [];
    for (const d of result.findings.map((finding) => shown(finding, options))) {
      const props = [
        `file=${escapeProperty(d.file)}`,
        `line=${d.line}`,
        `col=${d.column}`,
        ...(d.endLine !== undefined ? [`endLine=${d.endLine}`] : []),
        ...(d.endColumn !== undefined ? [`endColumn=${d.endColumn}`] : []),
        `title=${escapeProperty(d.ruleId)}`,
      ];
      lines.push(`::${d.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(d.message)}\n`);
    }
    yield lines.join('');
  }
};

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ').replace(/</g, '&lt;');

/** The Markdown job summary (GitHub shows only the first annotations; the summary lists all). */
export function githubSummary(results: FileResult[], options: FormatOptions): string {
  const { locale } = options;
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  const zh = locale === 'zh-CN';
  const out = [`## processlint`, ''];
  if (errors + warnings === 0) {
    out.push(m(locale, 'summary.clean', { files: results.length }));
    return `${out.join('\n')}\n`;
  }
  out.push(problemSummary(locale, errors, warnings), '');
  out.push(zh ? '| 文件 | 位置 | 级别 | 规则 | 说明 |' : '| File | Line | Severity | Rule | Message |', '| --- | --- | --- | --- | --- |');
  for (const result of results) {
    for (const d of result.findings.map((finding) => shown(finding, options))) {
      const rule = d.url ? `[${d.ruleId}](${d.url})` : d.ruleId;
      out.push(`| ${cell(d.file)} | ${d.line}:${d.column} | ${d.severity} | ${rule} | ${cell(d.message)} |`);
    }
  }
  return `${out.join('\n')}\n`;
}
