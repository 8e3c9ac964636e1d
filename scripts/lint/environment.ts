import { dirname, relative } from 'pathe';
import type { Finding, SourceProblem } from '../core/diagnostic.ts';
import { loadOrg } from '../core/load-org.ts';
import { loadForms } from '../model/form-registry.ts';
import { indexOrg, type OrgIndex } from '../model/org-index.ts';
import type { FileEnv, FileReport, SourceContent } from './check-file.ts';
import { CONFIG_FILE, parseConfigText, resolveConfig, type RawConfig, type ResolvedConfig, type RuleConfig, type RuleSettingInput } from './config.ts';
import { UsageError } from './messages.ts';
import { engineRules } from './registry.ts';
import { summarize, type FileResult, type HandbookPhaseOptions } from './resolve.ts';

/** The files of a handbook, by path relative to its root (`/`-separated). */
export interface ProjectSource {
  /** A file's bytes or text, why it could not be read, or `undefined` when there is no such file. */
  read(file: string): SourceContent | undefined;
  /** Where the file is on disk, when the source is the disk: worker threads then read it themselves. */
  absolute?(file: string): string;
  /**
   * Every spec (`*.md`) below a folder (`''` for the root): a run knows that it covers all the specs of
   * a forms registry, and so that a registered form none of them names is unused. Without it, none is reported.
   */
  specsBelow?(folder: string): string[];
}

/** A handbook held in memory (tests, a browser, a diff's revision). */
export function memorySource(files: ReadonlyMap<string, string | Uint8Array> | Record<string, string | Uint8Array>): ProjectSource {
  const map = files instanceof Map ? files : new Map(Object.entries(files));
  return {
    read: (file) => map.get(file),
    specsBelow: (folder) => [...map.keys()].filter((file) => file.endsWith('.md') && (folder === '' || file.startsWith(`${folder}/`))),
  };
}

export interface EnvironmentOptions {
  /** The config file, relative to the root (default `processlint.config.yml` when there is one), or a config given as data. */
  config?: string | RawConfig;
  /** One org registry for every spec (relative to the root); by default each spec's nearest `org.yml`. */
  org?: string;
  /** `--rule` overrides, applied after the config. */
  rules?: Record<string, RuleSettingInput>;
  /** YYYY-MM-DD. */
  today: string;
}

export interface Environment {
  config: ResolvedConfig;
  setup: PhaseOneSetup;
  /** Results for org registries that have problems of their own. */
  orgResults: FileResult[];
  /** Results for forms registries that have problems of their own. */
  formsResults: FileResult[];
}

/** Plain data from which each thread rebuilds the same environment (functions do not cross threads). */
export interface PhaseOneSetup {
  config: { raw: RawConfig; file?: string; ruleFlags: Record<string, RuleSettingInput> };
  /** Maps a spec's path to the one its config overrides match against (the config file's folder). */
  configPrefix: string;
  today: string;
  codeowners?: string;
  /** Org registries by path, and the registry of each spec's folder (pairs: Maps do not cross threads as workerData keys do). */
  orgs: Array<[string, string]>;
  orgOfFolder: Array<[string, string | null]>;
  /** Forms registries by path, and the registry of each spec's folder (its nearest `forms.yml`), as for org registries. */
  forms: Array<[string, string]>;
  formsOfFolder: Array<[string, string | null]>;
}

/** The file name of a forms registry; a spec's is the nearest one, as for `org.yml`. */
export const FORMS_FILE = 'forms.yml';

/**
 * Reads what decides a run's findings besides the specs: the config, each spec's org registry and
 * forms registry, CODEOWNERS and the date, as plain data every thread (and a browser) rebuilds
 * alike. The registries' own problems come back as results.
 */
export function readEnvironment(source: ProjectSource, specs: readonly string[], options: EnvironmentOptions): Environment {
  const today = options.today;
  const configFile = typeof options.config === 'string' ? options.config : options.config === undefined && source.read(CONFIG_FILE) !== undefined ? CONFIG_FILE : undefined;
  let raw: unknown = typeof options.config === 'object' ? options.config : { extends: 'recommended' };
  if (configFile !== undefined) {
    const content = source.read(configFile);
    if (content === undefined || (typeof content === 'object' && !(content instanceof Uint8Array))) throw new UsageError('config.unreadable', { file: configFile, detail: 'not found' });
    raw = parseConfigText(typeof content === 'string' ? content : new TextDecoder().decode(content), configFile);
  }
  const config = resolveConfig(raw, { ...(configFile ? { file: configFile } : {}), overrides: options.rules ?? {} });
  // Overrides match paths relative to the config file's folder.
  const configDir = configFile ? dirname(configFile) : '.';
  const configPrefix = configDir === '.' ? '' : `${relative(configDir, '.')}/`;

  const orgResults: FileResult[] = [];
  const formsResults: FileResult[] = [];
  /** Reads a registry once; its read errors and its own problems become a result. */
  const registryReader = (texts: Map<string, string>, results: FileResult[], problemsOf: (file: string, text: string) => SourceProblem[]) => (file: string): boolean => {
    if (texts.has(file)) return true;
    const content = source.read(file);
    if (content === undefined) return false;
    if (typeof content !== 'string' && !(content instanceof Uint8Array)) {
      const finding: Finding = { ruleId: 'read-error', messageId: 'unreadable', data: { detail: 'error' in content ? content.error : 'too large' }, severity: 'error', file, line: 1, column: 1 };
      results.push(summarize(file, [finding], true));
      return false;
    }
    const text = typeof content === 'string' ? content : new TextDecoder().decode(content);
    texts.set(file, text);
    const problems = problemsOf(file, text);
    if (problems.length) results.push(summarize(file, problems.map(({ path: _path, ...problem }) => ({ ...problem, ruleId: 'schema', severity: 'error', file })), false));
    return true;
  };
  /** The nearest registry called `name` of a folder and its parents, memoised in `ofFolder`. */
  const nearest = (name: string, read: (file: string) => boolean, ofFolder: Map<string, string | null>) => {
    const find = (folder: string): string | null => {
      if (ofFolder.has(folder)) return ofFolder.get(folder)!;
      const candidate = folder === '' ? name : `${folder}/${name}`;
      const found = read(candidate) ? candidate : folder === '' || folder.startsWith('..') ? null : find(folder.includes('/') ? folder.slice(0, folder.lastIndexOf('/')) : '');
      ofFolder.set(folder, found);
      return found;
    };
    return find;
  };
  const folderOf = (file: string) => (file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '');

  const orgTexts = new Map<string, string>();
  const readOrg = registryReader(orgTexts, orgResults, (file, text) => loadOrg(file, text).problems);
  if (options.org !== undefined && source.read(options.org) === undefined) throw new UsageError('usage.missingPath', { path: options.org });
  const orgOfFolder = new Map<string, string | null>();
  const nearestOrg = nearest('org.yml', readOrg, orgOfFolder);
  const orgFor = (folder: string): string | null => {
    if (options.org === undefined) return nearestOrg(folder);
    const org = readOrg(options.org) ? options.org : null;
    orgOfFolder.set(folder, org);
    return org;
  };
  // A forms registry is checked against the org registry of its own folder (its owners are roles).
  const formsTexts = new Map<string, string>();
  const readForms = registryReader(formsTexts, formsResults, (file, text) => {
    const orgFile = orgFor(folderOf(file));
    const org = orgFile === null ? undefined : loadOrg(orgFile, orgTexts.get(orgFile)!).org;
    return loadForms(file, text, org ? { org: indexOrg(org) } : {}).problems;
  });
  const formsOfFolder = new Map<string, string | null>();
  const nearestForms = nearest(FORMS_FILE, readForms, formsOfFolder);
  for (const file of specs) {
    orgFor(folderOf(file));
    nearestForms(folderOf(file));
  }

  const codeownersContent = source.read('.github/CODEOWNERS') ?? source.read('CODEOWNERS');
  const codeowners = typeof codeownersContent === 'string' ? codeownersContent : codeownersContent instanceof Uint8Array ? new TextDecoder().decode(codeownersContent) : undefined;
  const setup: PhaseOneSetup = {
    config: { raw: config.raw, ...(config.file ? { file: config.file } : {}), ruleFlags: config.ruleFlags },
    configPrefix,
    today,
    ...(codeowners !== undefined ? { codeowners } : {}),
    orgs: [...orgTexts],
    orgOfFolder: [...orgOfFolder],
    forms: [...formsTexts],
    formsOfFolder: [...formsOfFolder],
  };
  return { config, setup, orgResults, formsResults };
}


/** The environment of phase one, built the same way in every thread. */
export function phaseOneEnv(setup: PhaseOneSetup): { config: ResolvedConfig; envFor(file: string): FileEnv } {
  const orgs = orgIndexes(setup);
  const config = resolveConfig(setup.config.raw, { ...(setup.config.file ? { file: setup.config.file } : {}), overrides: setup.config.ruleFlags });
  const registry = engineRules();
  const orgOfFolder = new Map(setup.orgOfFolder);
  const forms = formNames(setup);
  const formsOfFolder = new Map(setup.formsOfFolder);
  return {
    config,
    envFor(file) {
      const folder = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
      const orgFile = orgOfFolder.get(folder) ?? undefined;
      const org = orgFile ? orgs.get(orgFile) : undefined;
      const formsFile = formsOfFolder.get(folder) ?? undefined;
      const registered = formsFile ? forms.get(formsFile) : undefined;
      return {
        rules: config.rulesFor(setup.configPrefix + file),
        registry,
        ...(org ? { org } : {}),
        ...(registered ? { forms: registered } : {}),
        ...(setup.codeowners !== undefined ? { codeowners: setup.codeowners } : {}),
        today: setup.today,
      };
    },
  };
}

/** The org registries of a run, indexed (one that does not load checks nothing; its own findings say why). */
export function orgIndexes(setup: PhaseOneSetup): Map<string, OrgIndex | undefined> {
  return new Map(setup.orgs.map(([file, text]) => {
    const loaded = loadOrg(file, text);
    return [file, loaded.org ? indexOrg(loaded.org) : undefined] as const;
  }));
}

/** The names each forms registry of a run registers (one that does not load registers nothing to check against; its own findings say why). */
export function formNames(setup: PhaseOneSetup): Map<string, ReadonlySet<string> | undefined> {
  return new Map(setup.forms.map(([file, text]) => {
    const registry = loadForms(file, text).registry;
    return [file, registry ? new Set(registry.forms.map((form) => form.name)) : undefined] as const;
  }));
}

/**
 * The registered forms that no step (nor lifecycle stage) names, as findings on their registry (rule `form-registered`):
 * computed from the outlines, and only for a registry whose specs were all checked (`covered`) and
 * could all be read, since a spec left out might be the one that names the form.
 */
export function unusedForms(setup: PhaseOneSetup, reports: Iterable<Pick<FileReport, 'file' | 'outline'>>, options: { rulesFor(file: string): ReadonlyMap<string, RuleConfig>; covered(registry: string): boolean }): Finding[] {
  const formsOfFolder = new Map(setup.formsOfFolder);
  const named = new Map<string, Set<string> | undefined>();
  for (const report of reports) {
    const registry = formsOfFolder.get(report.file.includes('/') ? report.file.slice(0, report.file.lastIndexOf('/')) : '');
    if (!registry) continue;
    if (!named.has(registry)) named.set(registry, new Set());
    const forms = named.get(registry);
    if (!report.outline) named.set(registry, undefined);
    else if (forms) for (const list of [report.outline.forms, report.outline.documents]) if (list) for (const form of list.split('\n')) forms.add(form);
  }
  const findings: Finding[] = [];
  for (const [file, text] of setup.forms) {
    const used = named.get(file);
    const setting = options.rulesFor(file).get('form-registered');
    if (!used || !setting || !options.covered(file)) continue;
    const loaded = loadForms(file, text);
    loaded.registry?.forms.forEach((form, index) => {
      if (used.has(form.name)) return;
      const path = ['forms', index, 'name'];
      findings.push({ ruleId: 'form-registered', messageId: 'unused', data: { form: form.name }, severity: setting.severity, file, ...loaded.locate(path) });
    });
  }
  return findings;
}

/** What the handbook phase needs of the environment. */
export function handbookPhase(setup: PhaseOneSetup, config: ResolvedConfig): HandbookPhaseOptions {
  return { rulesFor: (file) => config.rulesFor(setup.configPrefix + file), today: setup.today, ruleIds: Object.keys(engineRules()) };
}
