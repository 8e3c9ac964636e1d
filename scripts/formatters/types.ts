import type { Finding } from '../core/diagnostic.ts';
import type { Locale } from '../core/messages.ts';
import { messageOf } from '../lint/findings.ts';
import type { FileResult } from '../lint/resolve.ts';

export interface FormatOptions {
  locale: Locale;
  /** ANSI colours (stylish only). */
  color: boolean;
  /** The documentation page of a rule, if it has one. */
  docsUrl(ruleId: string): string | undefined;
}

/**
 * Yields the report in pieces, one file's worth at a time, so a run with findings in every spec never
 * holds its whole report (and every worded finding) in memory at once.
 */
export type Formatter = (results: FileResult[], options: FormatOptions) => Iterable<string>;

/** The whole report as one string (tests, small outputs). */
export const formatted = (formatter: Formatter, results: FileResult[], options: FormatOptions): string => [...formatter(results, options)].join('');

/** A finding as a formatter shows it: worded in the reader's language, with its rule's page. */
export interface ShownFinding extends Finding {
  message: string;
  url?: string;
}

export function shown(finding: Finding, options: FormatOptions): ShownFinding {
  const url = options.docsUrl(finding.ruleId);
  return { ...finding, message: messageOf(finding, options.locale), ...(url ? { url } : {}) };
}
