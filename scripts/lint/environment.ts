import { dirname, relative } from 'pathe';
import type { Finding } from '../core/diagnostic.ts';
import { loadOrg } from '../core/load-org.ts';
import { indexOrg, type OrgIndex } from '../model/org-index.ts';
import type { FileEnv, SourceContent } from './check-file.ts';
import { CONFIG_FILE, parseConfigText, resolveConfig, type RawConfig, type ResolvedConfig, type RuleSettingInput } from './config.ts';
import { UsageError } from './messages.ts';
import { engineRules } from './registry.ts';
import { summarize, type FileResult, type HandbookPhaseOptions } from './resolve.ts';

/** The files of a handbook, by path relative to its root (`/`-separated). */
export interface ProjectSource {
  /** A file's bytes or text, why it could not be read, or `undefined` when there is no such file. */
  read(file: string): SourceContent | undefined;
  /** Where the file is on disk, when the source is the disk: worker threads then read it themselves. */
  absolute?(file: string): string;
}

/** A handbook held in memory (tests, a browser, a diff's revision). */
export function memorySource(files: ReadonlyMap<string, string | Uint8Array> | Record<string, string | Uint8Array>): ProjectSource {
  const map = files instanceof Map ? files : new Map(Object.entries(files));
  return { read: (file) => map.get(file) };
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
}

/**
 * Reads what decides a run's findings besides the specs: the config, each spec's org registry,
 * CODEOWNERS and the date, as plain data every thread (and a browser) rebuilds alike. The org
 * registries' own problems come back as results.
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

  const orgTexts = new Map<string, string>();
  const orgResults: FileResult[] = [];
  const readOrg = (file: string): boolean => {
    if (orgTexts.has(file)) return true;
    const content = source.read(file);
    if (content === undefined) return false;
    if (typeof content !== 'string' && !(content instanceof Uint8Array)) {
      const finding: Finding = { ruleId: 'read-error', messageId: 'unreadable', data: { detail: 'error' in content ? content.error : 'too large' }, severity: 'error', file, line: 1, column: 1 };
      orgResults.push(summarize(file, [finding], true));
      return false;
    }
    const text = typeof content === 'string' ? content : new TextDecoder().decode(content);
    orgTexts.set(file, text);
    const problems = loadOrg(file, text).problems;
    if (problems.length) orgResults.push(summarize(file, problems.map(({ path: _path, ...problem }) => ({ ...problem, ruleId: 'schema', severity: 'error', file })), false));
    return true;
  };
  if (options.org !== undefined && source.read(options.org) === undefined) throw new UsageError('usage.missingPath', { path: options.org });
  const orgOfFolder = new Map<string, string | null>();
  const nearestOrg = (folder: string): string | null => {
    if (orgOfFolder.has(folder)) return orgOfFolder.get(folder)!;
    const candidate = folder === '' ? 'org.yml' : `${folder}/org.yml`;
    const found = readOrg(candidate) ? candidate : folder === '' || folder.startsWith('..') ? null : nearestOrg(folder.includes('/') ? folder.slice(0, folder.lastIndexOf('/')) : '');
    orgOfFolder.set(folder, found);
    return found;
  };
  for (const file of specs) {
    const folder = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
    if (options.org !== undefined) orgOfFolder.set(folder, readOrg(options.org) ? options.org : null);
    else nearestOrg(folder);
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
  };
  return { config, setup, orgResults };
}


/** The environment of phase one, built the same way in every thread. */
export function phaseOneEnv(setup: PhaseOneSetup): { config: ResolvedConfig; envFor(file: string): FileEnv } {
  const orgs = orgIndexes(setup);
  const config = resolveConfig(setup.config.raw, { ...(setup.config.file ? { file: setup.config.file } : {}), overrides: setup.config.ruleFlags });
  const registry = engineRules();
  const orgOfFolder = new Map(setup.orgOfFolder);
  return {
    config,
    envFor(file) {
      const folder = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
      const orgFile = orgOfFolder.get(folder) ?? undefined;
      const org = orgFile ? orgs.get(orgFile) : undefined;
      return {
        rules: config.rulesFor(setup.configPrefix + file),
        registry,
        ...(org ? { org } : {}),
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

/** What the handbook phase needs of the environment. */
export function handbookPhase(setup: PhaseOneSetup, config: ResolvedConfig): HandbookPhaseOptions {
  return { rulesFor: (file) => config.rulesFor(setup.configPrefix + file), today: setup.today, ruleIds: Object.keys(engineRules()) };
}
