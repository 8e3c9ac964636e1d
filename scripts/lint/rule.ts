import type { Document } from 'yaml';
import type { Process } from '../../schemas/process.ts';
import type { z } from '../../schemas/zod.ts';
import type { Position, YamlPath } from '../core/diagnostic.ts';
import type { LoadedSpec } from '../core/load-spec.ts';
import type { Locale } from '../core/messages.ts';
import type { Handbook } from '../model/handbook.ts';
import type { OrgIndex } from '../model/org-index.ts';
import type { ProcessModel } from '../model/process-model.ts';

/** Text in both languages the linter speaks. */
export type Bilingual = Record<Locale, string>;

export type RuleSeverity = 'error' | 'warn';

export interface RuleDocs {
  /** One sentence: what the rule reports. */
  description: Bilingual;
  /** Why it matters to a process, in a paragraph. */
  rationale: Bilingual;
  /** Complete front matter (YAML, without fences) that the rule accepts and rejects; run as tests and published on the site. */
  examples: {
    valid: string;
    invalid: string;
    /** Markdown body after the front matter, for rules about the prose (e.g. body-links); the front matter is then the same in both. */
    body?: { valid: string; invalid: string };
  };
  /** Filled in by `defineRule` from the id. */
  url: string;
}

export interface RuleMeta<Options> {
  /** kebab-case, equal to the file name in `scripts/rules/`. */
  id: string;
  type: 'problem' | 'suggestion';
  /** Severity in the `recommended` preset. */
  severity: RuleSeverity;
  docs: RuleDocs;
  /** Message templates with `{{placeholders}}`, in both languages. */
  messages: Record<string, Bilingual>;
  /** Options schema; the config's options are parsed through it at start-up. */
  options?: z.ZodType<Options>;
  /** The rule can repair some of its findings with `--fix`. */
  fixable?: boolean;
  /** The rule also runs when the front matter does not match the schema (only `schema` does). */
  runsOnInvalid?: boolean;
}

/** A repair applied to the front matter's YAML document (comments and formatting kept). */
export type Fix = (document: Document) => void;

export interface Report {
  messageId: string;
  data?: Record<string, unknown>;
  /** Front-matter path to point at; resolved to line:column only when reported. */
  path?: YamlPath;
  /** Point at the key rather than the value (default: value). */
  target?: 'key' | 'value';
  /** An explicit position (e.g. in the Markdown body), overriding `path`. */
  position?: Position;
  fix?: Fix;
}

export interface RuleContext<Options> {
  file: string;
  loaded: LoadedSpec;
  /** The valid spec. For a `runsOnInvalid` rule on an invalid spec this is `undefined`. */
  spec: Process;
  model: ProcessModel;
  org?: OrgIndex;
  /** Every process being linted, for rules that look across processes. */
  handbook: Handbook;
  options: Options;
  /** Text of the repository's CODEOWNERS file, when there is one (for the rule that reports it stale). */
  codeowners?: string;
  /** Today's date, YYYY-MM-DD (from `--today` or the clock). */
  today: string;
  locale: Locale;
  report(report: Report): void;
}

export interface Rule<Options = Record<string, never>> {
  meta: RuleMeta<Options>;
  check(context: RuleContext<Options>): void;
}

export const DOCS_BASE_URL = 'https://handbook.example.com/rules/';

type RuleInput<Options> = {
  meta: Omit<RuleMeta<Options>, 'docs'> & { docs: Omit<RuleDocs, 'url'> };
  check(context: RuleContext<Options>): void;
};

/** Declares a rule; fills in the docs URL from the id so rules never hard-code it. */
export function defineRule<Options = Record<string, never>>(rule: RuleInput<Options>): Rule<Options> {
  return { ...rule, meta: { ...rule.meta, docs: { ...rule.meta.docs, url: `${DOCS_BASE_URL}${rule.meta.id}/` } } };
}
