import path from 'node:path';
import { dirname } from 'pathe';
import { loadSpec } from '../core/load-spec.ts';
import { todayLocal } from '../model/dates.ts';
import { openCache } from './cache.ts';
import { checkFileWithFixes, type FileReport, type FixableFinding } from './check-file.ts';
import { CONFIG_FILE, type RawConfig, type ResolvedConfig, type RuleSettingInput } from './config.ts';
import { handbookPhase, phaseOneEnv, readEnvironment, type PhaseOneSetup, type ProjectSource } from './environment.ts';
import { UsageError } from './messages.ts';
import { readSource } from './read.ts';
import { outlineOf, type HandbookIndex } from './references.ts';
import { finishReport, indexReports, type FileResult } from './resolve.ts';
import { DEFAULT_THREADS, hashOf, runPhaseOne, type CachedReport } from './runner.ts';

export type { ProjectSource } from './environment.ts';
export { memorySource } from './environment.ts';

/**
 * The linter's one entry point, for the CLI, the site and the semantic diff alike: the same
 * config, org registries, CODEOWNERS and date give the same findings whoever asks.
 *
 * Phase one checks each spec on its own (`checkFile`, in this thread or on workers, cached by
 * content); phase two checks what specs say of each other against an index of every spec's
 * outline (`finishReport`). Files are read through a `ProjectSource`, so the diff can lint git
 * blobs and a browser the texts it holds.
 */

/** The handbook on disk below `root`. */
export function diskSource(root: string): ProjectSource {
  return {
    read(file) {
      const content = readSource(path.join(root, file));
      return typeof content === 'object' && 'error' in content && (content.error === 'ENOENT' || content.error === 'ENOTDIR') ? undefined : content;
    },
    absolute: (file) => path.join(root, file),
  };
}


export interface LintProjectOptions {
  source: ProjectSource;
  /** The handbook's specs, relative to the root: each is checked, and each is what the others may refer to. */
  specs: string[];
  /** The config file, relative to the root (default `processlint.config.yml` when there is one), or a config given as data. */
  config?: string | RawConfig;
  /** One org registry for every spec (relative to the root); by default each spec's nearest `org.yml`. */
  org?: string;
  /** `--rule` overrides, applied after the config. */
  rules?: Record<string, RuleSettingInput>;
  /** YYYY-MM-DD; default the local date. */
  today?: string;
  /** Where the cache lives (`<dir>/.cache/processlint/`); none when absent. */
  cacheRoot?: string;
  /** Threads for phase one (default 1; more use worker threads for a large handbook on disk). */
  threads?: number;
  /** Keep each finding's repair (for `--fix`): everything runs in this thread. */
  withFixes?: boolean;
  /** Report only the specs a change affects: the changed ones and those whose references now resolve differently. */
  changed?: ChangedSince;
}

/** A change to the handbook: the revision before it, and the files it touched (added, modified or deleted). */
export interface ChangedSince {
  base: ProjectSource;
  /** Spec files in the linted set (a deleted one too), and the config, CODEOWNERS and `org.yml` files. */
  paths: string[];
}

export interface ProjectLint {
  results: FileResult[];
  errorCount: number;
  warningCount: number;
  fixableCount: number;
  /** Some file could not be read. */
  fatal: boolean;
  config: ResolvedConfig;
  /** What each spec defines for the others (the handbook phase's index), in spec order: an in-browser editor checks one spec against it. */
  outlines: Array<Pick<FileReport, 'file' | 'outline'>>;
  /** Texts and repairs by spec (only with `withFixes`). */
  fixes?: Map<string, { text: string; fixes: FixableFinding[] }>;
  /** Checks a spec's text again as this run would (for `--fix`, after a repair). */
  recheck(file: string, text: string): { report: FileReport; fixes: FixableFinding[] };
}

export async function lintProject(options: LintProjectOptions): Promise<ProjectLint> {
  const { source } = options;
  const today = options.today ?? todayLocal();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(today))) throw new UsageError('usage.badValue', { option: '--today', expected: 'YYYY-MM-DD', value: today });

  const { config, setup, orgResults } = readEnvironment(source, options.specs, { today, ...(options.config !== undefined ? { config: options.config } : {}), ...(options.org !== undefined ? { org: options.org } : {}), ...(options.rules ? { rules: options.rules } : {}) });
  // This thread's own environment, for repairs (phase one otherwise runs in the runner's lanes).
  let env: ReturnType<typeof phaseOneEnv> | undefined;
  const envFor = (file: string) => (env ??= phaseOneEnv(setup)).envFor(file);
  const recheck = (file: string, text: string) => {
    const { report, fixes } = checkFileWithFixes(file, text, envFor(file));
    return { report, fixes };
  };

  let reports: FileReport[];
  let fixes: ProjectLint['fixes'];
  if (options.withFixes) {
    fixes = new Map();
    reports = options.specs.map((file) => {
      const checked = checkFileWithFixes(file, source.read(file) ?? { error: 'ENOENT' }, envFor(file));
      if (checked.loaded && checked.fixes.length) fixes!.set(file, { text: checked.loaded.text, fixes: checked.fixes });
      return checked.report;
    });
  } else {
    const cache = options.cacheRoot ? openCache(options.cacheRoot, environmentOf(setup)) : undefined;
    const old = cache?.entries ?? new Map<string, CachedReport>();
    const entries = await runPhaseOne(
      options.specs.map((file) => ({ file, ...(source.absolute ? { absolute: source.absolute(file) } : {}) })),
      old,
      { setup, ...(source.absolute ? {} : { read: (file: string) => source.read(file) ?? { error: 'ENOENT' } }), threads: options.threads ?? DEFAULT_THREADS },
    );
    if (cache && entries.some((entry, i) => old.get(options.specs[i]!) !== entry)) cache.save(new Map(options.specs.map((file, i) => [file, entries[i]!])));
    reports = entries.map((entry) => entry.report);
  }

  const index = indexReports(reports);
  const phase = handbookPhase(setup, config);
  const selected = options.changed ? affectedBy(options.changed, reports, index, setup, config) : undefined;
  const results = reports.filter((report) => !selected || selected.has(report.file)).map((report) => finishReport(report, index, phase));
  results.push(...orgResults);
  results.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    results,
    errorCount: results.reduce((n, r) => n + r.errorCount, 0),
    warningCount: results.reduce((n, r) => n + r.warningCount, 0),
    fixableCount: results.reduce((n, r) => n + r.fixableCount, 0),
    fatal: results.some((r) => r.fatal),
    config,
    outlines: reports.map((report) => ({ file: report.file, ...(report.outline ? { outline: report.outline } : {}) })),
    ...(fixes ? { fixes } : {}),
    recheck,
  };
}

/** Everything besides a spec that decides its phase-one report: the cache is kept per environment. */
function environmentOf(setup: PhaseOneSetup): string[] {
  return [JSON.stringify(setup.config), setup.configPrefix, setup.today, setup.codeowners ?? '\0', JSON.stringify(setup.orgOfFolder), ...setup.orgs.map(([file, text]) => `${file}\n${hashOf(text)}`).sort()];
}

/**
 * The specs a change affects: the changed ones; every spec whose org registry, config or CODEOWNERS
 * changed; and every spec with a reference that resolves differently before and after the change
 * (a form, step or process renamed, removed or added, a file moved). The index before the change is
 * this run's with the changed specs' outlines as they were.
 */
function affectedBy(change: ChangedSince, reports: FileReport[], after: HandbookIndex, setup: PhaseOneSetup, config: ResolvedConfig): Set<string> {
  const changed = new Set(change.paths);
  const selected = new Set<string>();
  const everything = changed.has(config.file ?? CONFIG_FILE) || changed.has('.github/CODEOWNERS') || changed.has('CODEOWNERS');
  const changedOrgFolders = change.paths.filter((file) => file === 'org.yml' || file.endsWith('/org.yml')).map((file) => dirname(file));
  const underChangedOrg = (file: string) => changedOrgFolders.some((folder) => folder === '.' || file.startsWith(`${folder}/`));
  for (const report of reports) if (everything || changed.has(report.file) || underChangedOrg(report.file)) selected.add(report.file);

  const current = new Set(reports.map((report) => report.file));
  const outlineBefore = (file: string) => {
    const content = change.base.read(file);
    if (content === undefined || (typeof content !== 'string' && !(content instanceof Uint8Array))) return { exists: content !== undefined, outline: undefined };
    const loaded = loadSpec(file, content);
    return { exists: true, outline: loaded.data === undefined ? undefined : outlineOf(loaded.data) };
  };
  const beforeReports = reports.flatMap((report): Array<Pick<FileReport, 'file' | 'outline'>> => {
    if (!changed.has(report.file)) return [report];
    const was = outlineBefore(report.file);
    return was.exists ? [{ file: report.file, ...(was.outline ? { outline: was.outline } : {}) }] : [];
  });
  for (const file of change.paths) {
    if (current.has(file) || !file.endsWith('.md')) continue;
    const was = outlineBefore(file);
    if (was.exists) beforeReports.push({ file, ...(was.outline ? { outline: was.outline } : {}) });
  }
  const before = indexReports(beforeReports);
  for (const report of reports) {
    if (selected.has(report.file)) continue;
    for (const need of report.needs) {
      if (JSON.stringify(before.resolve(need.reference, report.file)) !== JSON.stringify(after.resolve(need.reference, report.file))) {
        selected.add(report.file);
        break;
      }
    }
  }
  return selected;
}
