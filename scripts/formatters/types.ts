import type { Locale } from '../core/messages.ts';
import type { FileResult } from '../lint/engine.ts';
import type { Rule } from '../lint/rule.ts';

export interface FormatOptions {
  locale: Locale;
  cwd: string;
  /** ANSI colours (stylish only). */
  color: boolean;
  /** Rules by id, for names, descriptions and docs links. */
  rules: Record<string, Rule<any>>;
}

export type Formatter = (results: FileResult[], options: FormatOptions) => string;
