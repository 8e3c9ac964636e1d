import type { Locale } from '../core/messages.ts';
import type { RawConfig, RuleSettingInput } from './config.ts';
import type { FileResult, LintDiagnostic } from './engine.ts';

/** Messages between the main thread and the lint workers: plain, structured-clonable data. */
export interface WorkerInit {
  configRaw: RawConfig;
  configFile?: string;
  configRoot: string;
  ruleFlags: Record<string, RuleSettingInput>;
  cwd: string;
  locale: Locale;
  today: string;
  codeowners?: string;
  /** Org registries by absolute path. */
  orgs: Record<string, { display: string; text: string }>;
  /** Display path of a spec → absolute path of its org registry. */
  orgOf: Record<string, string | undefined>;
}

export interface FirstItem {
  absolute: string;
  file: string;
  /** Run the rules (else only the outline is wanted, for the handbook). */
  select: boolean;
  /** Content hash in the cache: when equal, the worker answers `hit` without parsing. */
  hash?: string;
}

export interface FirstOut {
  file: string;
  hash?: string;
  hit?: boolean;
  outlineHash?: string;
  outline?: unknown;
  /** Final result (no rule needed the handbook), or a file that could not be used. */
  result?: FileResult;
  deferred?: string[];
  findings?: LintDiagnostic[];
}

export interface SecondItem {
  absolute: string;
  file: string;
  deferred: string[];
  findings: LintDiagnostic[];
}

export interface SecondIn {
  type: 'second';
  id: number;
  items: SecondItem[];
}

export type WorkerRequest =
  | { type: 'first'; id: number; items: FirstItem[] }
  | { type: 'handbook'; id: number; outlines: Array<{ file: string; spec: unknown }> }
  | SecondIn;
