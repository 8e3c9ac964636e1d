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
  /** Folder of a spec's display path → absolute path of its org registry (the nearest one above, or --org). */
  orgOf: Record<string, string | undefined>;
  /** Display paths of every spec of the run, in run order. */
  files: string[];
  /** Without a cache or --changed, no content hash, metadata, mentions or outline is returned (less to hash, move and keep). */
  light?: boolean;
}

/** A file changed within this long before it was hashed could change again unseen within one timestamp tick. */
export const RACY_MS = 2000;

export interface FileStat {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

export interface FirstItem {
  absolute: string;
  file: string;
  /** Run the rules (else only the outline is wanted, for the handbook). */
  select: boolean;
  /** Content hash in the cache: when equal, the worker answers `hit` without parsing. */
  hash?: string;
  /** File metadata when it was hashed, and when that was: unchanged and old enough, the file is not even read. */
  stat?: FileStat;
  statAt?: number;
}

export interface FirstOut {
  file: string;
  hash?: string;
  hit?: boolean;
  stat?: FileStat;
  statAt?: number;
  /** File names of the specs it points at (scope, body links), space-separated with spaces around. */
  mentions?: string;
  outlineHash?: string;
  /** The spec's outline as JSON, and its id. */
  outline?: string;
  id?: string;
  /** The cross-process questions its rules asked, answered from file names (JSON array, to confirm against the real handbook). */
  asked?: string;
  /** Final result (no rule needed the handbook), or a file that could not be used. */
  result?: FileResult;
  deferred?: string[];
  findings?: LintDiagnostic[];
}

/** In `deferred`: every rule, because answers guessed in pass one did not hold. */
export const EVERY_RULE = '*';

export interface SecondItem {
  absolute: string;
  file: string;
  /** The rules to run with the real handbook (`EVERY_RULE`: all of them); `findings` holds the others'. */
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
  | { type: 'handbook'; id: number; outlines: Array<{ file: string; spec: string }> }
  /** The outlines this lane has read (light runs keep them only there), as [file, JSON] pairs. */
  | { type: 'outlines'; id: number }
  /** The forms this lane's outlines name, and the step ids of those of `targets` it read. */
  | { type: 'facts'; id: number; targets: string[] }
  | SecondIn;
