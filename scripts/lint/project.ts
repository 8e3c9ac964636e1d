import path from 'node:path';
import { dirname } from 'pathe';
import { compareFindings } from '../core/diagnostic.ts';
import { loadSpec } from '../core/load-spec.ts';
import { specFilesIn } from '../core/spec-files.ts';
import { todayLocal } from '../model/dates.ts';
import { openCache } from './cache.ts';
import { checkFileWithFixes, type FileReport, type FixableFinding, type PendingFix } from './check-file.ts';
import { CONFIG_FILE, type RawConfig, type ResolvedConfig, type RuleConfig, type RuleSettingInput } from './config.ts';
import { FORMS_FILE, handbookPhase, phaseOneEnv, readEnvironment, unusedForms, type PhaseOneSetup, type ProjectSource } from './environment.ts';
import { UsageError } from './messages.ts';
import { readSource } from './read.ts';
import { idFromPath, outlineOf, type HandbookIndex, type Outline, type Reference } from './references.ts';
import { finishReport, indexReports, summarize, unmet, type FileResult } from './resolve.ts';
import { pack, referencesOf, unpack, type PackedReport } from './packed.ts';
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
    specsBelow(folder) {
      // Absolute and normalised, below the root: a spec's path in it is what follows the root's.
      const prefix = path.resolve(root) + path.sep;
      return specFilesIn(path.join(root, folder)).map((file) => (file.startsWith(prefix) ? file.slice(prefix.length) : path.relative(root, file)).split(path.sep).join('/'));
    },
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
  /**
   * Report only the specs a change affects: the changed ones and those whose references now resolve
   * differently. May still be being listed (git): it is awaited once phase one is done.
   */
  changed?: ChangedSince | Promise<ChangedSince>;
  /**
   * The change being checked, without narrowing the report (the semantic diff): each changed spec
   * is also compared with its text at the base (`version-bump`). `changed` implies it.
   */
  against?: ChangedSince;
}

/** A change to the handbook: the revision before it, and the files it touched (added, modified or deleted). */
export interface ChangedSince {
  base: ProjectSource;
  /** Spec files in the linted set (a deleted one too), and the config, CODEOWNERS, `org.yml` and `forms.yml` files. */
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
  // A change still being listed fails where it is awaited, not as an unhandled rejection before that.
  if (options.changed instanceof Promise) options.changed.catch(() => undefined);
  const today = options.today ?? todayLocal();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(today))) throw new UsageError('usage.badValue', { option: '--today', expected: 'YYYY-MM-DD', value: today });

  const { config, setup, orgResults, formsResults } = readEnvironment(source, options.specs, { today, ...(options.config !== undefined ? { config: options.config } : {}), ...(options.org !== undefined ? { org: options.org } : {}), ...(options.rules ? { rules: options.rules } : {}) });
  // This thread's own environment, for repairs (phase one otherwise runs in the runner's lanes).
  let env: ReturnType<typeof phaseOneEnv> | undefined;
  const envFor = (file: string) => (env ??= phaseOneEnv(setup)).envFor(file);
  const recheck = (file: string, text: string) => {
    const { report, fixes } = checkFileWithFixes(file, text, envFor(file));
    return { report, fixes };
  };

  let specs: PackedReport[];
  let fixes: ProjectLint['fixes'];
  // Repairs that need the whole handbook's answer (the id a name belongs to), made once it is indexed.
  const pendingFixes = new Map<string, { text: string; pending: PendingFix[] }>();
  if (options.withFixes) {
    fixes = new Map();
    specs = options.specs.map((file) => {
      const checked = checkFileWithFixes(file, source.read(file) ?? { error: 'ENOENT' }, envFor(file));
      if (checked.loaded && checked.fixes.length) fixes!.set(file, { text: checked.loaded.text, fixes: checked.fixes });
      if (checked.loaded && checked.pendingFixes.length) pendingFixes.set(file, { text: checked.loaded.text, pending: checked.pendingFixes });
      return pack(checked.report);
    });
  } else {
    const cache = options.cacheRoot ? openCache(options.cacheRoot, environmentOf(setup)) : undefined;
    const entries = await runPhaseOne(
      options.specs.map((file) => ({ file, ...(source.absolute ? { absolute: source.absolute(file) } : {}) })),
      cache?.entries ?? new Map(),
      { setup, ...(source.absolute ? {} : { read: (file: string) => source.read(file) ?? { error: 'ENOENT' } }), threads: options.threads ?? DEFAULT_THREADS, stats: cache !== undefined },
    );
    if (cache && worthSaving(entries, cache.entries)) cache.save(new Map(entries.map((entry) => [entry.report.file, entry])));
    specs = entries.map((entry) => entry.report);
  }

  // A changed spec is checked again against its text at the base, in this thread and never cached:
  // the same text gives another report without that base.
  const changed = await options.changed;
  const change = changed ?? options.against;
  if (change) {
    const changedPaths = new Set(change.paths);
    options.specs.forEach((file, i) => {
      if (!changedPaths.has(file)) return;
      const previous = textOf(change.base.read(file));
      const content = source.read(file);
      if (previous === undefined || content === undefined || textOf(content) === previous) return;
      const checked = checkFileWithFixes(file, content, { ...envFor(file), previous });
      specs[i] = pack(checked.report);
      if (fixes && checked.loaded) {
        if (checked.fixes.length) fixes.set(file, { text: checked.loaded.text, fixes: checked.fixes });
        else fixes.delete(file);
      }
    });
  }

  const index = indexReports(specs);
  for (const [file, { text, pending }] of pendingFixes) {
    for (const { reference, finding, fixFrom } of pending) {
      const resolution = index.resolve(reference, file);
      if (!('holds' in resolution) || resolution.holds) continue;
      const fix = fixFrom(resolution.data);
      if (!fix) continue;
      const entry = fixes!.get(file) ?? { text, fixes: [] };
      entry.fixes.push({ finding: unmet(finding, resolution), fix });
      fixes!.set(file, entry);
    }
  }
  const phase = handbookPhase(setup, config);
  const selected = changed ? affectedBy(changed, specs, index, config) : undefined;
  const results = specs.filter((spec) => !selected || selected.has(spec.file)).map((spec) => finishReport(unpack(spec), index, phase));
  results.push(...orgResults, ...registryResults(setup, formsResults, specs, phase.rulesFor, source, options.specs));
  results.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    results,
    errorCount: results.reduce((n, r) => n + r.errorCount, 0),
    warningCount: results.reduce((n, r) => n + r.warningCount, 0),
    fixableCount: results.reduce((n, r) => n + r.fixableCount, 0),
    fatal: results.some((r) => r.fatal),
    config,
    outlines: specs.map((spec) => ({ file: spec.file, ...(spec.outline ? { outline: spec.outline } : {}) })),
    ...(fixes ? { fixes } : {}),
    recheck,
  };
}

/**
 * Each forms registry's result: its own problems, and the registered forms no step names. A form
 * is called unused only when the run covers every spec below the registry's folder.
 */
function registryResults(setup: PhaseOneSetup, problems: FileResult[], specs: PackedReport[], rulesFor: (file: string) => ReadonlyMap<string, RuleConfig>, source: ProjectSource, checked: readonly string[]): FileResult[] {
  const inRun = new Set(checked);
  const covered = (registry: string) => {
    const below = source.specsBelow?.(registry === FORMS_FILE ? '' : dirname(registry));
    return below !== undefined && below.every((file) => inRun.has(file));
  };
  const unused = unusedForms(setup, specs, { rulesFor, covered });
  const byFile = new Map(problems.map((result) => [result.file, result]));
  for (const finding of unused) {
    const result = byFile.get(finding.file);
    byFile.set(finding.file, summarize(finding.file, [...(result?.findings ?? []), finding].sort(compareFindings), result?.fatal === true));
  }
  return [...byFile.values()];
}

/**
 * Whether to rewrite the cache: when enough reports or file metadata are new that the next run would
 * pay more checking them again than this one pays rewriting every entry. On 10,000 specs a rewrite
 * took 0.3-0.5 s, as long as checking some 500 specs; so a run that checked a few edited specs
 * (`--changed` after an edit) leaves the cache as it was, and the next run checks those few again.
 */
function worthSaving(entries: readonly CachedReport[], cached: ReadonlyMap<string, CachedReport>): boolean {
  let fresh = 0;
  for (const entry of entries) if (entry !== cached.get(entry.report.file)) fresh++;
  return fresh > 0 && (fresh >= REWRITE_SHARE * entries.length || cached.size === 0);
}

/** The share of new entries from which the cache is rewritten (see `worthSaving`). */
const REWRITE_SHARE = 1 / 50;

/** Two outlines alike in every field (an outline's fields are strings). */
function sameOutline(a: Outline | undefined, b: Outline | undefined): boolean {
  if (!a || !b) return a === b;
  const keys = Object.keys(a) as Array<keyof Outline>;
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/** A file's text, or `undefined` when it cannot be read as one. */
function textOf(content: ReturnType<ProjectSource['read']>): string | undefined {
  if (typeof content === 'string') return content;
  return content instanceof Uint8Array ? new TextDecoder().decode(content) : undefined;
}

/** Everything besides a spec that decides its phase-one report: the cache is kept per environment. */
function environmentOf(setup: PhaseOneSetup): string[] {
  return [
    JSON.stringify(setup.config),
    setup.configPrefix,
    setup.today,
    setup.codeowners ?? '\0',
    JSON.stringify(setup.orgOfFolder),
    ...setup.orgs.map(([file, text]) => `${file}\n${hashOf(text)}`).sort(),
    JSON.stringify(setup.formsOfFolder),
    ...setup.forms.map(([file, text]) => `forms ${file}\n${hashOf(text)}`).sort(),
  ];
}

/**
 * The specs a change affects: the changed ones; every spec whose org or forms registry, config or
 * CODEOWNERS changed; and every spec with a reference that resolves differently before and after the change
 * (a form, step or process renamed, removed or added, a file moved). The index before the change is
 * this run's with the changed specs' outlines as they were.
 */
function affectedBy(change: ChangedSince, specs: PackedReport[], after: HandbookIndex, config: ResolvedConfig): Set<string> {
  const changed = new Set(change.paths);
  const selected = new Set<string>();
  const everything = changed.has(config.file ?? CONFIG_FILE) || changed.has('.github/CODEOWNERS') || changed.has('CODEOWNERS');
  // A spec's org and forms registries are the nearest in its folder or above: a change to one affects every spec below it.
  const changedOrgFolders = change.paths.filter((file) => ['org.yml', FORMS_FILE].some((name) => file === name || file.endsWith(`/${name}`))).map((file) => dirname(file));
  const underChangedOrg = (file: string) => changedOrgFolders.some((folder) => folder === '.' || file.startsWith(`${folder}/`));
  for (const spec of specs) if (everything || changed.has(spec.file) || underChangedOrg(spec.file)) selected.add(spec.file);

  const current = new Set(specs.map((spec) => spec.file));
  const outlineBefore = (file: string) => {
    const content = change.base.read(file);
    if (content === undefined || (typeof content !== 'string' && !(content instanceof Uint8Array))) return { exists: content !== undefined, outline: undefined };
    const loaded = loadSpec(file, content);
    return { exists: true, outline: loaded.data === undefined ? undefined : outlineOf(loaded.data) };
  };
  // Whether the index before the change differs from this one: a spec added or removed, or one outlined otherwise.
  let moved = false;
  const beforeHeads = specs.flatMap((spec): Array<Pick<FileReport, 'file' | 'outline'>> => {
    if (!changed.has(spec.file)) return [spec];
    const was = outlineBefore(spec.file);
    if (!was.exists || !sameOutline(was.outline, spec.outline)) moved = true;
    return was.exists ? [{ file: spec.file, ...(was.outline ? { outline: was.outline } : {}) }] : [];
  });
  for (const file of change.paths) {
    if (current.has(file) || !file.endsWith('.md')) continue;
    const was = outlineBefore(file);
    if (was.exists) beforeHeads.push({ file, ...(was.outline ? { outline: was.outline } : {}) });
    if (was.exists) moved = true;
  }
  // The index holds only outlines: built from the same ones, it answers every reference as before
  // (an edit to a step's text or the body, the usual change, costs no second index nor any lookup).
  if (!moved) return selected;
  const before = indexReports(beforeHeads);

  // What the change can move: the changed specs' paths, and their ids, step sets and forms before and after.
  // A reference that holds now and names none of it held before too; only the others are compared.
  const touched = new Set<string>();
  for (const head of [...beforeHeads.filter((head) => changed.has(head.file)), ...specs.filter((spec) => changed.has(spec.file))]) {
    touched.add(`path:${head.file}`).add(`id:${idFromPath(head.file)}`);
    if (head.outline?.id !== undefined) touched.add(`id:${head.outline.id}`);
    if (head.outline?.forms) for (const form of head.outline.forms.split('\n')) touched.add(`form:${form}`);
  }
  const names = (reference: Reference): string[] => {
    switch (reference.kind) {
      case 'process':
      case 'unique-id':
        return [`id:${reference.id}`];
      case 'spec':
      case 'step':
        return [`path:${reference.path}`, `id:${reference.id}`];
      case 'form':
        return [`form:${reference.name}`];
      case 'process-name':
        // Never holds, so always compared before and after: a renamed process changes its answer.
        return [];
    }
  };
  for (const spec of specs) {
    if (selected.has(spec.file)) continue;
    for (const reference of referencesOf(spec)) {
      const now = after.resolve(reference, spec.file);
      if ('holds' in now && now.holds && !names(reference).some((name) => touched.has(name))) continue;
      if (JSON.stringify(before.resolve(reference, spec.file)) !== JSON.stringify(now)) {
        selected.add(spec.file);
        break;
      }
    }
  }
  return selected;
}
