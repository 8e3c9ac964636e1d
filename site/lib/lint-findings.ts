import { LOCALES, type Locale } from '../../scripts/core/messages.ts';
import { messageOf } from '../../scripts/lint/findings.ts';
import { diskSource, lintProject } from '../../scripts/lint/project.ts';

export interface Finding {
  ruleId: string;
  severity: 'error' | 'warning';
  line: number;
  column: number;
  message: string;
}

/**
 * The linter's findings per spec, worded in both languages: one run of the linter's entry point with
 * the repository's config, org registries, CODEOWNERS and the build's date, as CI runs it.
 */
export async function lintFindings(files: string[], root: string, today: string): Promise<Map<string, Record<Locale, Finding[]>>> {
  const lint = await lintProject({ source: diskSource(root), specs: files, today, cacheRoot: root });
  const findings = new Map<string, Record<Locale, Finding[]>>();
  for (const result of lint.results) {
    const worded = (locale: Locale) => result.findings.map((d) => ({ ruleId: d.ruleId, severity: d.severity, line: d.line, column: d.column, message: messageOf(d, locale) }));
    findings.set(result.file, Object.fromEntries(LOCALES.map((locale) => [locale, worded(locale)])) as Record<Locale, Finding[]>);
  }
  return findings;
}
