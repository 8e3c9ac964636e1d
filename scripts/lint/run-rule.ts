import type { Diagnostic, Position, Severity } from '../core/diagnostic.ts';
import type { LoadedSpec } from '../core/load-spec.ts';
import { format, type Locale } from '../core/messages.ts';
import type { Handbook } from '../model/handbook.ts';
import type { OrgIndex } from '../model/org-index.ts';
import { buildModel, type ProcessModel } from '../model/process-model.ts';
import type { Fix, Rule } from './rule.ts';

export interface RuleRunInput {
  loaded: LoadedSpec;
  handbook: Handbook;
  org?: OrgIndex;
  /** The spec's model when the caller already built it (the handbook holds one per spec). */
  model?: ProcessModel;
  codeowners?: string;
  today: string;
  locale: Locale;
}

export interface RuleFinding extends Diagnostic {
  messageId: string;
  fix?: Fix;
}

/**
 * Runs one rule on one spec and turns its reports into positioned diagnostics.
 * A rule that throws yields a `rule-error` diagnostic instead of ending the run.
 */
export function runRule<Options>(rule: Rule<Options>, options: Options, severity: Severity, input: RuleRunInput): RuleFinding[] {
  const { loaded, locale } = input;
  const spec = loaded.spec;
  if (!spec && !rule.meta.runsOnInvalid) return [];
  const findings: RuleFinding[] = [];
  const model = input.model ?? (spec ? buildModel(spec) : undefined);
  try {
    rule.check({
      file: loaded.file,
      loaded,
      spec: spec!,
      model: model!,
      ...(input.org ? { org: input.org } : {}),
      ...(input.codeowners !== undefined ? { codeowners: input.codeowners } : {}),
      handbook: input.handbook,
      options,
      today: input.today,
      locale,
      report(report) {
        const template = rule.meta.messages[report.messageId];
        if (!template) throw new Error(`rule ${rule.meta.id} reported unknown messageId "${report.messageId}"`);
        const position: Position = report.position ?? (report.path ? loaded.locate(report.path, report.target) : { line: 1, column: 1 });
        findings.push({
          ruleId: rule.meta.id,
          severity,
          file: loaded.file,
          ...position,
          message: format(template[locale], report.data),
          messageId: report.messageId,
          url: rule.meta.docs.url,
          ...(report.path ? { path: report.path } : {}),
          ...(report.fix ? { fix: report.fix } : {}),
        });
      },
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    findings.push({
      ruleId: 'rule-error',
      severity: 'error',
      file: loaded.file,
      line: 1,
      column: 1,
      messageId: 'ruleError',
      message: locale === 'zh-CN'
        ? `规则 ${rule.meta.id} 在检查此文件时出错：${reason}。这是检查工具的缺陷，请报告给维护者。`
        : `Rule ${rule.meta.id} failed on this file: ${reason}. This is a bug in the linter; please report it.`,
    });
  }
  return findings;
}
