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

export type Formatter = (results: FileResult[], options: FormatOptions) => string;

/** A finding as a formatter shows it: worded in the reader's language, with its rule's page. */
export interface ShownFinding extends Finding {
  message: string;
  url?: string;
}

export function shown(finding: Finding, options: FormatOptions): ShownFinding {
  const url = options.docsUrl(finding.ruleId);
  return { ...finding, message: messageOf(finding, options.locale), ...(url ? { url } : {}) };
}
