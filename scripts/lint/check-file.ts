import type { Finding, Position, Severity } from '../core/diagnostic.ts';
import type { MessageData } from '../core/render.ts';
import { loadSpec, type LoadedSpec } from '../core/load-spec.ts';
import { MAX_SPEC_BYTES } from '../core/source.ts';
import type { OrgIndex } from '../model/org-index.ts';
import { buildModel, type ProcessModel } from '../model/process-model.ts';
import type { RuleConfig } from './config.ts';
import { outlineOf, type Outline, type Reference } from './references.ts';
import type { Fix, Report, Rule, RuleContext } from './rule.ts';
import { parseDirectives, type Directive } from './suppressions.ts';

/**
 * Phase one: one spec, on its own. Reads it once, runs every rule on it and returns data: its
 * findings, what it defines for other specs (its outline) and what it needs of them. Pure: no
 * file system, no clock, no other spec; so it runs alike in the main thread, a worker thread
 * and a browser, and its result can be cached by the spec's content.
 */

/** A file's bytes or text, why it could not be read, or its size when too large to read. */
export type SourceContent = Uint8Array | string | { error: string } | { tooLarge: number };

/** What a spec needs of the others: a reference, and the finding to report if it does not hold. */
export interface Need {
  reference: Reference;
  finding: Finding;
}

export interface FileReport {
  file: string;
  /** The file could not be read at all (the CLI exits 2). */
  fatal?: boolean;
  /** Its own findings, before suppressions. */
  findings: Finding[];
  /** What it defines; absent when its YAML could not be read, so references to it cannot be checked. */
  outline?: Outline;
  needs: Need[];
  directives: Directive[];
}

/** A repair that waits for the handbook phase: `fixFrom` makes it from the data of a reference that does not hold. */
export interface PendingFix {
  reference: Reference;
  finding: Finding;
  fixFrom: (data: MessageData) => Fix | undefined;
}

/** Everything besides the spec that decides its findings. */
export interface FileEnv {
  /** The rules enabled for this file, with severity and options. */
  rules: ReadonlyMap<string, RuleConfig>;
  registry: Record<string, Rule<any>>;
  org?: OrgIndex;
  /** The form names its forms registry registers; absent when it has none. */
  forms?: ReadonlySet<string>;
  codeowners?: string;
  today: string;
  /**
   * The spec's text at the base of the change being checked (`--changed`, CI), when it existed
   * there: rules that compare versions (`usesPrevious`) run only with it. A report made with it
   * is never cached, since the same text gives another report without it.
   */
  previous?: string;
}

/** A finding with its repair, for `--fix` (a function, so it stays in the thread that made it). */
export interface FixableFinding {
  finding: Finding;
  fix: Fix;
}

export function checkFile(file: string, content: SourceContent, env: FileEnv): FileReport {
  return checkFileWithFixes(file, content, env).report;
}

/** `checkFile`, also returning the loaded spec and the repairs its findings offer. */
export function checkFileWithFixes(file: string, content: SourceContent, env: FileEnv): { report: FileReport; loaded?: LoadedSpec; fixes: FixableFinding[]; pendingFixes: PendingFix[] } {
  const fixes: FixableFinding[] = [];
  const pendingFixes: PendingFix[] = [];
  if (typeof content !== 'string' && !(content instanceof Uint8Array)) {
    return { report: unusable(file, content), fixes, pendingFixes };
  }
  const findings: Finding[] = [];
  const needs: Need[] = [];
  let loaded: LoadedSpec | undefined;
  let outline: Outline | undefined;
  let model: ProcessModel | undefined;
  try {
    loaded = loadSpec(file, content);
    if (loaded.data !== undefined) outline = outlineOf(loaded.data);
    if (loaded.spec) model = buildModel(loaded.spec);
  } catch (error) {
    // A defect of ours that a spec's text triggered: that spec gets a finding, the run goes on.
    findings.push(internal(file, 'readFailed', { reason: reasonOf(error) }));
    return { report: { file, findings, needs, directives: [] }, fixes, pendingFixes };
  }
  // What every rule is given of this spec, made once per spec rather than once per rule.
  const given: Given = {
    file,
    loaded,
    spec: loaded.spec!,
    model: model!,
    ...(env.org ? { org: env.org } : {}),
    ...(env.forms ? { forms: env.forms } : {}),
    ...(env.codeowners !== undefined ? { codeowners: env.codeowners } : {}),
    today: env.today,
  };
  const run: RuleRun = { file, loaded, given, findings, needs, fixes, pendingFixes };
  for (const [id, setting] of env.rules) {
    const rule = env.registry[id];
    if (!rule || (!loaded.spec && !rule.meta.runsOnInvalid)) continue;
    if (rule.meta.usesPrevious) {
      if (env.previous === undefined) continue;
      run.previous ??= loadSpec(file, env.previous);
    }
    runRule(rule, setting, run);
  }
  const directives = parseDirectives(loaded.text, loaded.bodyLine - 1);
  return { report: { file, findings, ...(outline ? { outline } : {}), needs, directives }, loaded, fixes, pendingFixes };
}

/** The part of a rule's context that is the same for every rule on one spec. */
type Given = Omit<RuleContext<unknown>, 'options' | 'report' | 'expect' | 'previous'>;

interface RuleRun {
  file: string;
  loaded: LoadedSpec;
  given: Given;
  findings: Finding[];
  needs: Need[];
  fixes: FixableFinding[];
  pendingFixes: PendingFix[];
  previous?: LoadedSpec;
}

/** Runs one rule; a rule that throws yields a `rule-error` finding instead of ending the run (and none of what it reported). */
function runRule(rule: Rule<any>, setting: RuleConfig, run: RuleRun): void {
  const { file, loaded } = run;
  const toFinding = (report: Report): Finding => {
    if (!Object.hasOwn(rule.meta.messages, report.messageId)) throw new Error(`rule ${rule.meta.id} reported unknown messageId "${report.messageId}"`);
    const position: Position = report.position ?? (report.path ? loaded.locate(report.path, report.target) : { line: 1, column: 1 });
    return {
      ruleId: rule.meta.id,
      messageId: report.messageId,
      ...(report.data ? { data: report.data } : {}),
      severity: setting.severity,
      file,
      ...position,
      ...(report.path ? { path: report.path } : {}),
      ...(report.fix ? { fixable: true } : {}),
    };
  };
  // Reports go straight into the spec's lists; a rule that throws has its own taken out again.
  const lengths = [run.findings.length, run.needs.length, run.fixes.length, run.pendingFixes.length] as const;
  try {
    rule.check({
      ...run.given,
      options: setting.options,
      ...(run.previous && rule.meta.usesPrevious ? { previous: run.previous } : {}),
      report(report) {
        const finding = toFinding(report);
        run.findings.push(finding);
        if (report.fix) run.fixes.push({ finding, fix: report.fix });
      },
      expect(reference, report) {
        const finding = toFinding(report);
        run.needs.push({ reference, finding });
        if (report.fixFrom) run.pendingFixes.push({ reference, finding, fixFrom: report.fixFrom });
      },
    });
  } catch (error) {
    [run.findings.length, run.needs.length, run.fixes.length, run.pendingFixes.length] = lengths;
    run.findings.push(internal(file, 'ruleFailed', { rule: rule.meta.id, reason: reasonOf(error) }));
  }
}

function internal(file: string, messageId: 'ruleFailed' | 'readFailed', data: Record<string, string>): Finding {
  return { ruleId: 'rule-error', messageId, data, severity: 'error', file, line: 1, column: 1 };
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The report for a file that is not a readable spec. */
function unusable(file: string, content: { error: string } | { tooLarge: number }): FileReport {
  if ('error' in content) {
    return { file, fatal: true, findings: [{ ruleId: 'read-error', messageId: 'unreadable', data: { detail: content.error }, severity: 'error', file, line: 1, column: 1 }], needs: [], directives: [] };
  }
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  const severity: Severity = 'error';
  return { file, findings: [{ ruleId: 'schema', messageId: 'source.tooLarge', data: { size: mb(content.tooLarge), limit: mb(MAX_SPEC_BYTES) }, severity, file, line: 1, column: 1 }], needs: [], directives: [] };
}
