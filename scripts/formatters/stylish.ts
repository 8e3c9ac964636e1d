import { createColors } from 'picocolors';
import { m, problemSummary } from '../lint/messages.ts';
import { shown, type Formatter } from './types.ts';

/** Human output grouped by file, like ESLint's: position, severity, message, rule; docs links at the end. */
export const stylish: Formatter = function* (results, options) {
  const { locale, color } = options;
  const c = createColors(color);
  let errors = 0;
  let warnings = 0;
  let fixable = 0;
  const used = new Set<string>();
  for (const result of results) {
    errors += result.errorCount;
    warnings += result.warningCount;
    fixable += result.fixableCount;
    if (result.findings.length === 0) continue;
    const lines = [c.underline(result.file)];
    const rows = result.findings.map((finding) => shown(finding, options)).map((d) => {
      used.add(d.ruleId);
      return [`${d.line}:${d.column}`, d.severity === 'error' ? 'error' : 'warning', d.message.replace(/\n/g, ' '), d.ruleId, d.severity] as const;
    });
    const width = [0, 1].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
    for (const [position, severity, message, ruleId, level] of rows) {
      const sev = severity.padEnd(width[1]!);
      lines.push(`  ${c.dim(position.padEnd(width[0]!))}  ${level === 'error' ? c.red(sev) : c.yellow(sev)}  ${message}  ${c.dim(ruleId)}`);
    }
    yield `${lines.join('\n')}\n\n`;
  }
  const total = errors + warnings;
  if (total === 0) {
    yield `${c.green(m(locale, 'summary.clean', { files: results.length }))}\n`;
    return;
  }
  const summary = `✖ ${problemSummary(locale, errors, warnings)}`;
  const lines = [errors > 0 ? c.bold(c.red(summary)) : c.bold(c.yellow(summary))];
  if (fixable > 0) lines.push(`  ${m(locale, 'summary.fixable', { count: fixable })}`);
  const docs = [...used].sort().flatMap((id) => {
    const url = options.docsUrl(id);
    return url ? [`  ${id}: ${url}`] : [];
  });
  if (docs.length) lines.push('', locale === 'zh-CN' ? '规则说明：' : 'Rule docs:', ...docs);
  yield `${lines.join('\n')}\n`;
};
