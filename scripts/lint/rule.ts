import type { Document } from 'yaml';
import type { Process } from '../../schemas/process.ts';
import type { z } from '../../schemas/zod.ts';
import type { Position, YamlPath } from '../core/diagnostic.ts';
import type { LoadedSpec } from '../core/load-spec.ts';
import type { Bilingual, MessageData } from '../core/render.ts';
import type { OrgIndex } from '../model/org-index.ts';
import type { ProcessModel } from '../model/process-model.ts';
import type { Reference } from './references.ts';

export type { Bilingual } from '../core/render.ts';

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
  /** Values for the message's placeholders: plain values, or phrases and lists worded when shown. */
  data?: MessageData;
  /** Front-matter path to point at; resolved to line:column only when reported. */
  path?: YamlPath;
  /** Point at the key rather than the value (default: value). */
  target?: 'key' | 'value';
  /** An explicit position (e.g. in the Markdown body), overriding `path`. */
  position?: Position;
  fix?: Fix;
}

/** What a rule sees of one spec. Nothing here reads other specs: a rule states what it needs of them with `expect`. */
export interface RuleContext<Options> {
  file: string;
  loaded: LoadedSpec;
  /** The valid spec. For a `runsOnInvalid` rule on an invalid spec this is `undefined`. */
  spec: Process;
  model: ProcessModel;
  org?: OrgIndex;
  /** The form names of the spec's forms registry (its nearest `forms.yml`); absent when it has none. */
  forms?: ReadonlySet<string>;
  options: Options;
  /** Text of the repository's CODEOWNERS file, when there is one (for the rule that reports it stale). */
  codeowners?: string;
  /** Today's date, YYYY-MM-DD (from `--today` or the clock). */
  today: string;
  report(report: Report): void;
  /**
   * Reports unless `reference` holds in the handbook. Checked once every spec has been read, so
   * the answer is the whole handbook's; the report's data gains a `suggestion` (a near name) or
   * `others` (the other files with the id), as the reference's kind gives.
   */
  expect(reference: Reference, report: Report): void;
}

export interface Rule<Options = Record<string, never>> {
  meta: RuleMeta<Options>;
  check(context: RuleContext<Options>): void;
}

/** Declares a rule (typed options); its docs URL comes from the handbook's site address where it is shown. */
export function defineRule<Options = Record<string, never>>(rule: Rule<Options>): Rule<Options> {
  return rule;
}
