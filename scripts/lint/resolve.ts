import { compareFindings, type Finding } from '../core/diagnostic.ts';
import { firstFew } from '../core/render.ts';
import type { FileReport } from './check-file.ts';
import type { RuleConfig } from './config.ts';
import { HandbookIndex } from './references.ts';
import { applySuppressions } from './suppressions.ts';

/**
 * Phase two: the handbook. Indexes every spec's outline, checks each spec's references against it
 * (the "did you mean" suggestions come from here), applies the inline suppressions and sorts. It
 * reads outlines and reports only, never a spec, so it costs little however large the handbook.
 */

/** What the linter says about one file. */
export interface FileResult {
  file: string;
  findings: Finding[];
  errorCount: number;
  warningCount: number;
  fixableCount: number;
  /** The file could not be read at all (the CLI exits 2). */
  fatal?: boolean;
}

export interface HandbookPhaseOptions {
  rulesFor(file: string): ReadonlyMap<string, RuleConfig>;
  today: string;
  /** Every rule id, for naming unknown rules in suppressions. */
  ruleIds: string[];
}

/** The index of every spec's outline; a spec that could not be read is marked so. */
export function indexReports(reports: Iterable<Pick<FileReport, 'file' | 'outline'>>): HandbookIndex {
  const index = new HandbookIndex();
  for (const report of reports) index.add(report.file, report.outline);
  return index;
}

/** A spec's final findings: its own, its references that do not hold, suppressions applied, in order. */
export function finishReport(report: FileReport, index: HandbookIndex, options: HandbookPhaseOptions): FileResult {
  const findings = [...report.findings, ...referenceFindings(report, index)];
  const enabled = options.rulesFor(report.file);
  const kept = applySuppressions({
    file: report.file,
    directives: report.directives,
    findings,
    today: options.today,
    ...(enabled.has('suppression') ? { severity: enabled.get('suppression')!.severity } : {}),
    knownRules: options.ruleIds,
    enabledRules: new Set(enabled.keys()),
  });
  return summarize(report.file, kept.sort(compareFindings), report.fatal === true);
}

/** The findings of references that do not hold; one note per spec that could not be read and so not checked. */
export function referenceFindings(report: FileReport, index: HandbookIndex): Finding[] {
  const out: Finding[] = [];
  const noted = new Set<string>();
  for (const need of report.needs) {
    const resolution = index.resolve(need.reference, report.file);
    if ('unchecked' in resolution) {
      const key = resolution.unchecked.join('\n');
      if (noted.has(key)) continue;
      noted.add(key);
      const { ruleId, severity: _severity, data: _data, messageId: _messageId, fixable: _fixable, path: _path, ...position } = need.finding;
      out.push({ ...position, ruleId: 'reference-unchecked', messageId: 'unreadableTarget', data: { rule: ruleId, targets: firstFew(resolution.unchecked) }, severity: 'warning' });
    } else if (!resolution.holds) {
      out.push({ ...need.finding, ...(resolution.messageId ? { messageId: resolution.messageId } : {}), data: { ...need.finding.data, ...resolution.data } });
    }
  }
  return out;
}

export function summarize(file: string, findings: Finding[], fatal: boolean): FileResult {
  let errorCount = 0;
  let warningCount = 0;
  let fixableCount = 0;
  for (const finding of findings) {
    if (finding.severity === 'error') errorCount++;
    else warningCount++;
    if (finding.fixable) fixableCount++;
  }
  return { file, findings, errorCount, warningCount, fixableCount, ...(fatal ? { fatal } : {}) };
}
