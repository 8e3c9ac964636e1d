import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../core/diagnostic.ts';
import type { Locale } from '../core/messages.ts';
import { messageOf } from '../lint/findings.ts';
import { docsUrl, TOOL_NAME } from '../lint/version.ts';

/**
 * A finding as an editor shows it: worded in the editor's language by the linter's own
 * `messageOf`, with the severity the config gave it and its rule id linking to the rule's page.
 */

/** What a quick fix needs to find the finding a diagnostic came from. */
export interface FindingKey {
  key: string;
}

export function toDiagnostic(finding: Finding, locale: Locale, document: TextDocument): Diagnostic {
  const url = docsUrl(finding.ruleId);
  return {
    range: rangeOf(finding, document),
    severity: finding.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: finding.ruleId,
    ...(url ? { codeDescription: { href: url } } : {}),
    source: TOOL_NAME,
    message: messageOf(finding, locale),
    ...(finding.fixable ? { data: { key: findingKey(finding) } satisfies FindingKey } : {}),
  };
}

/** Identifies a finding within one check of one text (rule, message, place and data). */
export function findingKey(finding: Finding): string {
  return JSON.stringify([finding.ruleId, finding.messageId, finding.line, finding.column, finding.data ?? null]);
}

/**
 * The linter's 1-based positions, the end exclusive, as 0-based LSP positions (both count UTF-16
 * code units). A finding with a start only covers the rest of its line's text, so it can be seen.
 */
export function rangeOf(finding: Finding, document: TextDocument): Range {
  const start = { line: finding.line - 1, character: finding.column - 1 };
  if (finding.endLine !== undefined && finding.endColumn !== undefined) return { start, end: { line: finding.endLine - 1, character: finding.endColumn - 1 } };
  const line = document.getText({ start: { line: start.line, character: 0 }, end: { line: start.line + 1, character: 0 } }).replace(/\s+$/, '');
  return { start, end: { line: start.line, character: Math.max(line.length, start.character) } };
}

/**
 * The language of messages: the editor's (`initialize`'s `locale`, e.g. `zh-cn`), else the
 * server's environment (`LANG`), as the CLI decides. Chinese when it starts with `zh`, else English.
 */
export function localeOf(requested: string | undefined, fallback: Locale): Locale {
  if (!requested) return fallback;
  return /^zh/i.test(requested) ? 'zh-CN' : 'en';
}
