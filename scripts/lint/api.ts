import { existsSync, readFileSync } from 'node:fs';
import { readSource } from './read.ts';
import path from 'node:path';
import { localeFromEnv, type Locale } from '../core/messages.ts';
import { defaultConfig, forDisplayPaths, isResolvedConfig, loadConfigFile, resolveConfig, CONFIG_FILE, type ResolvedConfig, type RuleSettingInput } from './config.ts';
import { todayLocal } from '../model/dates.ts';
import { displayPath, expandPatterns, findRoot, makeOrgFinder, readCodeowners } from './discover.ts';
import { lintInThread, type CheckEnv, type FileResult } from './engine.ts';
import { m, UsageError } from './messages.ts';
import { orgFromFile, orgFromText, type LoadedOrgFile } from './org.ts';
import { engineRules } from './registry.ts';
import type { Rule } from './rule.ts';
import type { RuleFinding } from './run-rule.ts';
import { changedIds, changedSpecs, gitChanged } from './changed.ts';
import { AUTO_THREADS, debug, lintParallel, PARALLEL_THRESHOLD } from './parallel.ts';
import { openCache } from './cache.ts';

export type { FileResult, LintDiagnostic } from './engine.ts';
export type { ResolvedConfig } from './config.ts';

export interface LintTextsOptions {
  org?: { file: string; text: string };
  config?: ResolvedConfig | Record<string, unknown>;
  today?: string;
  locale?: Locale;
  codeowners?: string;
}

/**
 * Lints specs held in memory (the site, the semantic diff, tests). Pure: reads no file,
 * no clock when `today` is given. Every input appears in the result, in file order.
 */
export function lintTexts(files: Array<{ file: string; text: string | Uint8Array }>, options: LintTextsOptions = {}): FileResult[] {
  return lintTextsWithFixes(files, options).map(({ fixes: _fixes, loaded: _loaded, ...result }) => result);
}

export function lintTextsWithFixes(files: Array<{ file: string; text: string | Uint8Array }>, options: LintTextsOptions = {}) {
  const locale = options.locale ?? 'en';
  const config = options.config === undefined ? defaultConfig(locale) : isResolvedConfig(options.config) ? options.config : resolveConfig(options.config, { locale });
  const org = options.org ? orgFromText(options.org.file, options.org.text, locale) : undefined;
  const env: CheckEnv = {
    config,
    rules: engineRules(),
    today: options.today ?? todayLocal(),
    locale,
    ...(options.codeowners !== undefined ? { codeowners: options.codeowners } : {}),
    orgFor: () => org?.index,
  };
  const results = lintInThread(files.map((f) => ({ file: f.file, content: f.text })), env);
  return [...results].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

export interface LintPathsOptions {
  cwd?: string;
  orgFile?: string;
  configFile?: string;
  today?: string;
  locale?: Locale;
  /** `--rule` overrides, applied after the config file. */
  rules?: Record<string, RuleSettingInput>;
  /** Lint only specs changed against this git ref, plus the specs that reference them. */
  changed?: string;
  /** Reuse results from `.cache/processlint/` (default true). */
  cache?: boolean;
  /** Keep the fixes of findings (forces a single thread): for `--fix`. */
  withFixes?: boolean;
  /** 'auto' (default): small runs load everything in this thread, large ones stream in two passes on
   * worker threads. A number forces streaming on that many threads (1 = this thread only). */
  threads?: number | 'auto';
}

export interface LintRun {
  results: FileResult[];
  errorCount: number;
  warningCount: number;
  fixableCount: number;
  /** Some file could not be read. */
  fatal: boolean;
  /** Rules by id, for formatters. */
  rules: Record<string, Rule<any>>;
  cwd: string;
  root: string;
  /** The config in force, taking display paths (for re-checking fixed texts). */
  config: ResolvedConfig;
  /** The org registry text a spec is checked against. */
  orgTextFor(file: string): { file: string; text: string } | undefined;
  /** Fixes by display path (only with `withFixes`). */
  fixes?: Map<string, { absolute: string; text: string; fixes: RuleFinding[] }>;
}

export async function lintPaths(patterns: string[], options: LintPathsOptions = {}): Promise<LintRun> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const locale = options.locale ?? localeFromEnv();
  const root = findRoot(cwd);
  const today = options.today ?? todayLocal();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new UsageError(m(locale, 'usage.badValue', { option: '--today', expected: 'YYYY-MM-DD', value: today }));

  const configPath = options.configFile ? path.resolve(cwd, options.configFile) : path.join(root, CONFIG_FILE);
  if (options.configFile && !existsSync(configPath)) throw new UsageError(m(locale, 'config.unreadable', { file: options.configFile, detail: 'not found' }));
  const baseConfig = existsSync(configPath)
    ? loadConfigFile(configPath, locale, options.rules ?? {}, displayPath(configPath, cwd))
    : resolveConfig({ extends: 'recommended' }, { locale, overrides: options.rules ?? {} });
  const configRoot = existsSync(configPath) ? path.dirname(configPath) : root;
  const config = forDisplayPaths(baseConfig, configRoot, cwd);

  let files = await expandPatterns(patterns.length ? patterns : ['processes'], cwd, locale);
  if (files.length === 0) throw new UsageError(m(locale, 'usage.noFiles', { patterns: patterns.join(' ') }));

  const orgs = new Map<string, LoadedOrgFile>();
  const orgOf = (absolute: string | undefined) => {
    if (!absolute) return undefined;
    let entry = orgs.get(absolute);
    if (!entry) orgs.set(absolute, (entry = orgFromFile(absolute, displayPath(absolute, cwd), locale)));
    return entry;
  };
  if (options.orgFile && !existsSync(path.resolve(cwd, options.orgFile))) throw new UsageError(m(locale, 'usage.missingPath', { path: options.orgFile }));
  const finder = options.orgFile ? () => path.resolve(cwd, options.orgFile!) : makeOrgFinder(root);
  const codeowners = readCodeowners(root);
  const rules = engineRules();
  const orgFileOf = new Map<string, string | undefined>();
  for (const file of files) orgFileOf.set(displayPath(file, cwd), finder(file));

  const env: CheckEnv = {
    config,
    rules,
    today,
    locale,
    ...(codeowners !== undefined ? { codeowners } : {}),
    orgFor: (display) => orgOf(orgFileOf.get(display))?.index,
  };

  const cache = options.cache === false || options.withFixes ? undefined : openCache(root, { config, cwd, today, locale, codeowners, orgTexts: () => [...new Set(orgFileOf.values())].map((f) => (f ? `${f}\n${safeRead(f)}` : '')) });
  const threads = options.threads ?? 'auto';
  // Large runs stream in two passes (bounded memory, cache); small ones, fixes and in-memory callers load everything at once.
  const parallel = !options.withFixes && (threads !== 'auto' || files.length > PARALLEL_THRESHOLD);
  let selected = files;
  let changed: Set<string> | undefined;
  if (options.changed !== undefined) {
    if (parallel) {
      // Workers find the specs that name a changed one from their words, cached per content.
      const listed = gitChanged(options.changed, root, locale);
      const set = new Set(listed);
      selected = files.filter((f) => set.has(f));
      changed = changedIds(listed);
    } else selected = await changedSpecs(files, options.changed, root, locale);
  }
  debug(`${selected.length} of ${files.length} specs selected`);

  let results: FileResult[] = [];
  let fixes: LintRun['fixes'];
  let workersFailed = false;
  if (parallel) {
    try {
      results = await lintParallel({ files, selected, cwd, env, orgFileOf, baseConfig, configRoot, cache, threads: threads === 'auto' ? AUTO_THREADS : threads, ...(changed ? { changedIds: changed } : {}) });
    } catch (error) {
      // Worker threads unavailable (e.g. a Node without type stripping): lint in this thread instead.
      debug(`workers failed: ${error instanceof Error ? error.message : String(error)}`);
      workersFailed = true;
      results = [];
    }
  }
  if (!parallel || workersFailed) {
    if (workersFailed && options.changed !== undefined) selected = await changedSpecs(files, options.changed, root, locale);
    const wanted = new Set(selected.map((f) => displayPath(f, cwd)));
    const items = files.map((absolute) => ({ file: displayPath(absolute, cwd), content: readSource(absolute) }));
    const all = lintInThread(items, env);
    const checked = all.filter((r) => wanted.has(r.file));
    if (options.withFixes) {
      fixes = new Map();
      for (const r of checked) if (r.loaded && r.fixes.length) fixes.set(r.file, { absolute: path.resolve(cwd, r.file), text: r.loaded.text, fixes: r.fixes });
    }
    results = checked.map(({ fixes: _f, loaded: _l, ...r }) => r);
  }
  // Every registry in use is read here too, so its own problems are reported whichever way the specs were checked.
  for (const org of new Set(orgFileOf.values())) orgOf(org);
  for (const org of orgs.values()) if (org.result) results.push(org.result);
  results.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    results,
    errorCount: results.reduce((n, r) => n + r.errorCount, 0),
    warningCount: results.reduce((n, r) => n + r.warningCount, 0),
    fixableCount: results.reduce((n, r) => n + r.fixableCount, 0),
    fatal: results.some((r) => r.fatal),
    rules,
    cwd,
    root,
    config,
    orgTextFor: (file) => {
      const org = orgOf(orgFileOf.get(file));
      return org?.text !== undefined ? { file: org.file, text: org.text } : undefined;
    },
    ...(fixes ? { fixes } : {}),
  };
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
