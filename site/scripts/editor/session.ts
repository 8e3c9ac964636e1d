import { isMap, isSeq, type Document } from 'yaml';
import type { Diagnostic, Finding } from '../../../scripts/core/diagnostic.ts';
import { loadSpec, type LoadedSpec } from '../../../scripts/core/load-spec.ts';
import { format, type Locale } from '../../../scripts/core/messages.ts';
import { describeSections, formatMinutes } from '../../../scripts/diff/render.ts';
import { diffSpecs } from '../../../scripts/diff/semantic.ts';
import { checkFileWithFixes, type FileEnv, type FixableFinding } from '../../../scripts/lint/check-file.ts';
import { handbookPhase, memorySource, phaseOneEnv, readEnvironment, type ProjectSource } from '../../../scripts/lint/environment.ts';
import { messageOf } from '../../../scripts/lint/findings.ts';
import { applyFixes } from '../../../scripts/lint/fix.ts';
import { engineRules } from '../../../scripts/lint/registry.ts';
import { finishReport, indexReports, type FileResult, type HandbookPhaseOptions } from '../../../scripts/lint/resolve.ts';
import { criticalPath } from '../../../scripts/model/graph.ts';
import type { OrgIndex } from '../../../scripts/model/org-index.ts';
import { buildModel } from '../../../scripts/model/process-model.ts';
import { processDiagram } from '../../lib/diagram-source.ts';
import type { FormNames } from '../../lib/form-label.ts';
import { processTitle } from '../../lib/format.ts';
import type { Translate } from '../../lib/i18n.ts';
import { stepTable } from '../../lib/step-table.ts';
import { url } from '../../lib/urls.ts';
import type { Bump, EditorHandbook, Preview, ShownFinding, Summary } from './protocol.ts';
import { bumped } from './version.ts';

/** Hours in a workday for the critical path, as the pull-request comment counts them. */
const WORKDAY_HOURS = 8;

/**
 * One editing session over one handbook, as the editor's web worker runs it: the linter's own two
 * phases (checkFileWithFixes, then finishReport against the shipped index) with the environment
 * CI would read, the preview the site would render, and the change summary the pull-request
 * comment would post. Pure of the DOM and of the worker, so tests run it in Node as well.
 */
export class EditorSession {
  private readonly handbook: EditorHandbook;
  private readonly locale: Locale;
  private readonly today: string;
  private readonly source: ProjectSource;
  private readonly t: Translate;
  private readonly forms: FormNames;
  private readonly environments = new Map<string, FolderEnvironment>();
  private published: { loaded: LoadedSpec; findings: Diagnostic[] } | undefined;
  private last: { file: string; text: string; linted: Linted } | undefined;

  /** `strings`: the UI strings the table words things with (site/lib/step-table.ts's STEP_TABLE_STRINGS), in `locale`. */
  constructor(handbook: EditorHandbook, locale: Locale, today: string, strings: Readonly<Record<string, string>>) {
    this.handbook = handbook;
    this.locale = locale;
    this.today = today;
    this.source = memorySource(handbook.files);
    this.t = (key, data) => format(strings[key] ?? key, data);
    this.forms = { byName: new Map(handbook.forms) };
  }

  /** The version a change is compared against; none for a new process. */
  setPublished(file?: string, text?: string): void {
    if (file === undefined || text === undefined) {
      this.published = undefined;
      return;
    }
    const { result } = this.lint(file, text);
    this.published = { loaded: loadSpec(file, text), findings: result.findings.map((finding) => this.diagnostic(finding)) };
  }

  /** Findings, preview and change summary of `text` as the spec `file`. */
  check(file: string, text: string): { findings: ShownFinding[]; preview?: Preview; summary?: Summary; id?: string; category?: string } {
    return { findings: this.findings(file, text), ...this.preview(file, text) };
  }

  /** The findings of `text` as the spec `file` (first, so the writer sees them before the preview is drawn). */
  findings(file: string, text: string): ShownFinding[] {
    return this.lint(file, text).result.findings.map((finding) => this.shown(finding));
  }

  /** The preview and the change summary of `text`, and the id and category it names. */
  preview(file: string, text: string): { preview?: Preview; summary?: Summary; id?: string; category?: string } {
    const { result, loaded, org } = this.lint(file, text);
    const data = (loaded?.data ?? {}) as { id?: unknown; category?: unknown };
    const spec = loaded?.spec;
    let preview: Preview | undefined;
    if (spec) {
      const model = buildModel(spec);
      const title = processTitle(spec, this.locale);
      const path = criticalPath(model, WORKDAY_HOURS);
      preview = {
        title,
        table: stepTable(model, org, this.forms, this.locale, this.t, title),
        diagram: processDiagram(spec, model, org, this.locale),
        ...(path ? { criticalPath: formatMinutes(path.minutes, WORKDAY_HOURS, this.locale) } : {}),
      };
    }
    let summary: Summary | undefined;
    if (loaded) {
      const changes = diffSpecs(this.published?.loaded, loaded, {
        ...(org ? { org, beforeOrg: org } : {}),
        workdayHours: WORKDAY_HOURS,
        lintBefore: this.published?.findings ?? [],
        lintAfter: result.findings.map((finding) => this.diagnostic(finding)),
      });
      summary = { sections: describeSections(changes, this.locale) };
    }
    return {
      ...(preview ? { preview } : {}),
      ...(summary ? { summary } : {}),
      ...(typeof data.id === 'string' ? { id: data.id } : {}),
      ...(typeof data.category === 'string' ? { category: data.category } : {}),
    };
  }

  /** `text` with the repair of its `index`-th finding applied (unchanged when that finding has none). */
  fix(file: string, text: string, index: number): string {
    const { result, fixes } = this.lint(file, text);
    const repair = fixes.find((fix) => fix.finding === result.findings[index]);
    return repair ? applyFixes(text, [repair.fix]) : text;
  }

  /**
   * The text to propose: the version bumped and a history entry for it (today, the author, the
   * change note), written through the same YAML document API as `--fix`, so comments and order stay.
   */
  submit(file: string, text: string, bump: Bump, author: string, change: string): { text: string; version?: string; findings: ShownFinding[] } {
    let version: string | undefined;
    const record = (doc: Document) => {
      const current = isMap(doc.contents) ? doc.get('version') : undefined;
      version = typeof current === 'string' ? bumped(current, bump) : undefined;
      if (version === undefined) return;
      if (version !== current) doc.set('version', version);
      if ((bump === 'minor' || bump === 'major') && (doc.get('status') === 'published' || doc.get('status') === 'review')) backToReview(doc, this.today);
      const entry = { version, date: this.today, author, change };
      const history = doc.get('history');
      if (isSeq(history)) history.items.push(doc.createNode(entry));
      else doc.set('history', doc.createNode([entry]));
    };
    const proposed = applyFixes(text, [record]);
    return { text: proposed, ...(version ? { version } : {}), findings: this.lint(file, proposed).result.findings.map((finding) => this.shown(finding)) };
  }

  /** Both phases, as `lintProject` runs them for one spec of the handbook (the last text's kept: findings and preview share it). */
  private lint(file: string, text: string): Linted {
    if (this.last && this.last.file === file && this.last.text === text) return this.last.linted;
    const linted = this.lintAfresh(file, text);
    this.last = { file, text, linted };
    return linted;
  }

  private lintAfresh(file: string, text: string): Linted {
    const environment = this.environmentFor(file);
    const env = environment.envFor(file);
    const { report, loaded, fixes } = checkFileWithFixes(file, text, env);
    const index = indexReports(withEntry(this.handbook.index, { file, ...(report.outline ? { outline: report.outline } : {}) }));
    const result = finishReport(report, index, environment.phase);
    return { result, ...(loaded ? { loaded } : {}), fixes, ...(env.org ? { org: env.org } : {}) };
  }

  /** The environment of a spec's folder (its org registry, the config's overrides), read once. */
  private environmentFor(file: string) {
    let known = this.environments.get(file);
    if (!known) this.environments.set(file, (known = this.environment(file)));
    return known;
  }

  private environment(file: string): FolderEnvironment {
    const { config, setup } = readEnvironment(this.source, [file], { today: this.today });
    const { envFor } = phaseOneEnv(setup);
    return { envFor, phase: handbookPhase(setup, config) };
  }

  private shown(finding: Finding): ShownFinding {
    const { ruleId, messageId, data, severity, line, column, endLine, endColumn, fixable } = finding;
    return {
      ruleId,
      messageId,
      ...(data ? { data } : {}),
      severity,
      line,
      column,
      ...(endLine !== undefined ? { endLine } : {}),
      ...(endColumn !== undefined ? { endColumn } : {}),
      message: messageOf(finding, this.locale),
      ...(Object.hasOwn(engineRules(), ruleId) ? { rule: url.rule(this.locale, ruleId) } : {}),
      ...(fixable ? { fixable } : {}),
    };
  }

  private diagnostic(finding: Finding): Diagnostic {
    return { ...finding, message: messageOf(finding, this.locale) };
  }
}

interface Linted {
  result: FileResult;
  loaded?: LoadedSpec;
  fixes: FixableFinding[];
  org?: OrgIndex;
}

interface FolderEnvironment {
  envFor(file: string): FileEnv;
  phase: HandbookPhaseOptions;
}

/** The handbook's index with `entry` in its place (a new spec where a sorted listing would put it). */
function withEntry<T extends { file: string }>(index: readonly T[], entry: T): T[] {
  const at = index.findIndex((item) => item.file === entry.file);
  if (at !== -1) return index.map((item, i) => (i === at ? entry : item));
  const before = index.findIndex((item) => item.file > entry.file);
  return before === -1 ? [...index, entry] : [...index.slice(0, before), entry, ...index.slice(before)];
}

/**
 * A change to the flow of a process in force repeats stages 3 to 6 of the method (as CONTRIBUTING
 * walks through, and change-control checks): designed today, the review under way and the release
 * still to come, so the process is under review until it is signed off and released again. The
 * previous sign-off and effective date belonged to the version before.
 */
function backToReview(doc: Document, today: string): void {
  doc.set('status', 'review');
  const stage = (id: string) => {
    const node = doc.getIn(['lifecycle', id]);
    return isMap(node) ? node : undefined;
  };
  const design = stage('design');
  if (design) {
    design.set('status', 'done');
    design.set('date', today);
  }
  const review = stage('review');
  if (review) {
    review.set('status', 'in-progress');
    review.delete('date');
    review.delete('approvedBy');
  }
  const release = stage('release');
  if (release) {
    release.set('status', 'planned');
    release.delete('date');
    release.delete('effective');
  }
}
