import type { Process } from '../../schemas/process.ts';
import { compareDiagnostics, type Diagnostic } from '../core/diagnostic.ts';
import { loadSpec, type LoadedSpec } from '../core/load-spec.ts';
import { t, type Locale } from '../core/messages.ts';
import { MAX_SPEC_BYTES } from '../core/source.ts';
import { buildHandbook, outlineOf, type Handbook } from '../model/handbook.ts';
import { buildModel } from '../model/process-model.ts';
import type { OrgIndex } from '../model/org-index.ts';
import type { ResolvedConfig, RuleConfig } from './config.ts';
import { m } from './messages.ts';
import type { Rule } from './rule.ts';
import { runRule, type RuleFinding } from './run-rule.ts';
import type { Speculator } from './speculate.ts';
import { applySuppressions, type Directive } from './suppression.ts';

export type LintDiagnostic = Diagnostic & { messageId: string };

/** What the linter says about one file. */
export interface FileResult {
  file: string;
  diagnostics: LintDiagnostic[];
  errorCount: number;
  warningCount: number;
  fixableCount: number;
  /** The file could not be read at all (the CLI exits 2). */
  fatal?: boolean;
}

/** Everything a check needs besides the spec itself; plain data except the config and rules. */
export interface CheckEnv {
  config: ResolvedConfig;
  rules: Record<string, Rule<any>>;
  today: string;
  locale: Locale;
  codeowners?: string;
  orgFor(file: string): OrgIndex | undefined;
}

/** A spec after phase one: its findings so far, the rules still waiting for the whole handbook, and its outline. */
export interface FirstPass {
  file: string;
  findings: RuleFinding[];
  /** Rules that read the handbook; they run once every spec's outline is known. */
  deferred: string[];
  outline?: Process;
  fatal?: boolean;
}

export function unreadable(file: string, detail: string, locale: Locale): FileResult {
  return summarize(file, [{ ruleId: 'read-error', severity: 'error', file, line: 1, column: 1, messageId: 'unreadable', message: m(locale, 'file.unreadable', { detail }) }], true);
}

export function load(file: string, content: Uint8Array | string, locale: Locale): LoadedSpec {
  return loadSpec(file, content, { locale });
}

const HANDBOOK_PENDING = Symbol('handbook pending');

/**
 * A stand-in for the handbook while the other specs are still being read: a rule
 * that touches it is stopped and run again later with the real one.
 */
function pendingHandbook(onTouch: () => void): Handbook {
  return new Proxy({} as Handbook, {
    get() {
      onTouch();
      throw HANDBOOK_PENDING;
    },
    has() {
      onTouch();
      throw HANDBOOK_PENDING;
    },
  });
}

/**
 * Runs the enabled rules on one loaded spec. With a handbook, every rule runs; without one
 * (phase one of a large run), rules that read the handbook are returned as `deferred`.
 */

export function checkLoaded(
  loaded: LoadedSpec,
  env: CheckEnv,
  handbook: Handbook | undefined,
  only?: readonly string[],
  /** Rules to defer without trying (they could not be answered on any spec so far). */
  preDeferred?: ReadonlySet<string>,
  /** Without a handbook: answer cross-process questions from what is known, recording them. */
  speculation?: Speculator,
): { findings: RuleFinding[]; deferred: string[]; questions: string[] } {
  const enabled = env.config.rulesFor(loaded.file);
  const findings: RuleFinding[] = [];
  const deferred: string[] = [];
  const questions = new Set<string>();
  const org = env.orgFor(loaded.file);
  // One model per spec for all rules (runRule would otherwise build one per rule).
  const model = loaded.spec ? buildModel(loaded.spec) : undefined;
  let touched = false;
  const asked = new Set<string>();
  const onTouch = () => (touched = true);
  const input = {
    loaded,
    handbook: handbook ?? speculation?.handbook ?? pendingHandbook(onTouch),
    ...(model ? { model } : {}),
    ...(org ? { org } : {}),
    ...(env.codeowners !== undefined ? { codeowners: env.codeowners } : {}),
    today: env.today,
    locale: env.locale,
  };
  for (const [id, setting] of enabled) {
    if (only && !only.includes(id)) continue;
    const rule = env.rules[id];
    if (!rule || id === 'suppression') continue;
    if (!handbook && preDeferred?.has(id) && loaded.spec) {
      deferred.push(id);
      continue;
    }
    touched = false;
    asked.clear();
    speculation?.begin(asked, onTouch);
    const found = runRule(rule, setting.options, setting.severity, input);
    if (touched || (asked.size > 0 && found.some((f) => f.ruleId === 'rule-error'))) {
      deferred.push(id);
      continue;
    }
    for (const question of asked) questions.add(question);
    findings.push(...found);
  }
  return { findings, deferred, questions: [...questions].sort() };
}

/** Suppressions, then the stable order, then the counts. */
export function finish(loaded: Pick<LoadedSpec, 'file' | 'text' | 'bodyLine'> & { directives?: Directive[] }, findings: RuleFinding[], env: CheckEnv): FileResult & { fixes: RuleFinding[] } {
  const enabled: Map<string, RuleConfig> = env.config.rulesFor(loaded.file);
  const suppression = enabled.get('suppression');
  const kept = applySuppressions({
    file: loaded.file,
    text: loaded.text,
    bodyLine: loaded.bodyLine,
    ...(loaded.directives ? { directives: loaded.directives } : {}),
    findings,
    today: env.today,
    locale: env.locale,
    ...(suppression ? { severity: suppression.severity } : {}),
    knownRules: Object.keys(env.rules),
    enabledRules: new Set(enabled.keys()),
  });
  kept.sort(compareDiagnostics);
  const result = summarize(loaded.file, kept.map(strip), false);
  result.fixableCount = kept.filter((finding) => finding.fix || (finding as Fixable).fixable).length;
  return { ...result, fixes: kept.filter((finding) => finding.fix) };
}

/** A finding whose fix function stayed in a worker thread: it still counts as fixable. */
type Fixable = RuleFinding & { fixable?: boolean };

function strip(finding: RuleFinding): LintDiagnostic {
  const { fix: _fix, fixable: _fixable, ...rest } = finding as Fixable;
  return rest;
}

/** A finding ready to cross threads: the fix function replaced by a mark. */
export function portable(finding: RuleFinding): LintDiagnostic & { fixable?: boolean } {
  const { fix, ...rest } = finding;
  return fix ? { ...rest, fixable: true } : rest;
}

export function summarize(file: string, diagnostics: LintDiagnostic[], fatal: boolean): FileResult {
  let errorCount = 0;
  let warningCount = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errorCount++;
    else warningCount++;
  }
  return { file, diagnostics, errorCount, warningCount, fixableCount: 0, ...(fatal ? { fatal } : {}) };
}

export function handbookOf(outlines: Array<{ file: string; spec: Process }>, org?: OrgIndex): Handbook {
  return buildHandbook(outlines, org);
}

export type SourceContent = Uint8Array | string | { error: string } | { tooLarge: number };

/** The result for a file that is not a readable spec, or undefined when it is one. */
export function unusable(file: string, content: SourceContent, locale: Locale): FileResult | undefined {
  if (typeof content === 'string' || content instanceof Uint8Array) return undefined;
  if ('error' in content) return unreadable(file, content.error, locale);
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  const message = t(locale, 'source.tooLarge', { size: mb(content.tooLarge), limit: mb(MAX_SPEC_BYTES) });
  return summarize(file, [{ ruleId: 'schema', severity: 'error', file, line: 1, column: 1, messageId: 'problem', message }], false);
}

export interface SourceItem {
  file: string;
  /** Bytes or text, the reason it could not be read, or its size when too large to read. */
  content: SourceContent;
}

/**
 * Lints specs in this thread: load all, build the handbook from their outlines, check each.
 * Keeps every loaded spec until done, so it suits small runs, `--fix` and in-memory callers.
 */
export function lintInThread(items: SourceItem[], env: CheckEnv): Array<FileResult & { fixes: RuleFinding[]; loaded?: LoadedSpec }> {
  const loadedList = items.map((item) => {
    const bad = unusable(item.file, item.content, env.locale);
    return bad ? { file: item.file, bad } : { file: item.file, loaded: load(item.file, item.content as Uint8Array | string, env.locale) };
  });
  const outlines = loadedList.flatMap((entry) => (entry.loaded?.spec ? [{ file: entry.file, spec: outlineOf(entry.loaded.spec) }] : []));
  const firstOrg = loadedList.map((entry) => env.orgFor(entry.file)).find(Boolean);
  const handbook = handbookOf(outlines, firstOrg);
  return loadedList.map((entry) => {
    if (!entry.loaded) return { ...entry.bad!, fixes: [] };
    const { findings } = checkLoaded(entry.loaded, env, handbook);
    return { ...finish(entry.loaded, findings, env), loaded: entry.loaded };
  });
}
