import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { createRequire } from 'node:module';
import { z } from '../../schemas/zod.ts';
import { presets } from '../configs/index.ts';
import type { Severity } from '../core/diagnostic.ts';
import { closest } from '../core/friendly-issues.ts';
import type { Locale } from '../core/messages.ts';
import { m, UsageError } from './messages.ts';
import { engineRules } from './registry.ts';

export const CONFIG_FILE = 'processlint.config.yml';

const SeverityName = z.enum(['off', 'warn', 'error']);
const RuleSetting = z.union([SeverityName, z.tuple([SeverityName]), z.tuple([SeverityName, z.unknown()])]);
const RuleMap = z.record(z.string(), RuleSetting);

const ConfigSchema = z.strictObject({
  extends: z.union([z.string(), z.array(z.string())]).optional(),
  rules: RuleMap.optional(),
  overrides: z.array(z.strictObject({ files: z.union([z.string(), z.array(z.string()).min(1)]), rules: RuleMap })).optional(),
});

export type RawConfig = z.input<typeof ConfigSchema>;
export type RuleSettingInput = z.input<typeof RuleSetting>;

export interface RuleConfig {
  severity: Severity;
  options: unknown;
}

/** A validated config: which rules run on which file, with their parsed options. */
export interface ResolvedConfig {
  /** The config file it came from, if any (for messages). */
  file?: string;
  /** The raw config, re-resolved in worker threads (matchers do not cross threads). */
  raw: RawConfig;
  /** `--rule` flags, kept apart so worker threads can resolve the same config. */
  ruleFlags: Record<string, RuleSettingInput>;
  /** Stable hash of what decides the findings, for the cache. */
  hash: string;
  /** Rules and options for a file path relative to the config's root (posix separators). */
  rulesFor(file: string): Map<string, RuleConfig>;
  /** Some `overrides` entry can change the rules for a file (else every file gets the same). */
  hasOverrides: boolean;
}

/**
 * The config for paths as the linter shows them (relative to `cwd`), matched against its overrides
 * relative to `root`, the config file's folder. Without overrides every file gets the same rules,
 * and no path is worked out.
 */
export function forDisplayPaths(config: ResolvedConfig, root: string, cwd: string): ResolvedConfig {
  const rulesFor = config.hasOverrides ? (file: string) => config.rulesFor(path.relative(root, path.resolve(cwd, file)).split(path.sep).join('/')) : () => config.rulesFor('');
  return { ...config, rulesFor };
}

export function isResolvedConfig(value: unknown): value is ResolvedConfig {
  return typeof value === 'object' && value !== null && typeof (value as ResolvedConfig).rulesFor === 'function';
}

/** Reads and validates a config file; a missing or bad file is a UsageError naming the file and key. */
export function loadConfigFile(file: string, locale: Locale, overrides: Record<string, RuleSettingInput> = {}, display = file): ResolvedConfig {
  let raw: unknown;
  try {
    raw = (createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse(readFileSync(file, 'utf8')) ?? {};
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UsageError(m(locale, 'config.unreadable', { file: display, detail }));
  }
  return resolveConfig(raw, { file: display, locale, overrides });
}

export interface ResolveOptions {
  file?: string;
  locale?: Locale;
  /** `--rule id:severity` flags, applied last. */
  overrides?: Record<string, RuleSettingInput>;
}

export function resolveConfig(raw: unknown, options: ResolveOptions = {}): ResolvedConfig {
  const locale = options.locale ?? 'en';
  const file = options.file ?? '(config)';
  const fail = (key: string, detail: string): never => {
    throw new UsageError(m(locale, 'config.invalid', { file, key, detail }));
  };
  const result = ConfigSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const key = issue.path.map(String).join('.') || '(root)';
    if (issue.code === 'unrecognized_keys') fail([key, ...issue.keys].filter((k) => k !== '(root)').join('.'), issue.message);
    const setting = issue.path.length >= 2 ? getIn(raw, issue.path.slice(0, issue.path[0] === 'overrides' ? 4 : 2)) : undefined;
    if (setting !== undefined && (issue.path[0] === 'rules' || issue.path[2] === 'rules')) {
      const found = Array.isArray(setting) ? setting[0] : setting;
      fail(key, m(locale, 'config.severity', { found: JSON.stringify(found) }));
    }
    fail(key, issue.message);
  }
  const config = result.data!;
  const known = engineRules();
  const ids = Object.keys(known);

  const base = new Map<string, RuleConfig>();
  const presetNames = config.extends === undefined ? [] : Array.isArray(config.extends) ? config.extends : [config.extends];
  for (const name of presetNames) {
    const preset = presets[name.replace(/^processlint:/, '')];
    if (!preset) fail('extends', m(locale, 'config.extends', { name }));
    applyRules(base, preset!().rules ?? {}, 'extends');
  }
  applyRules(base, config.rules ?? {}, 'rules');
  applyRules(base, options.overrides ?? {}, '--rule');

  const overrideList = (config.overrides ?? []).map((override, index) => {
    const globs = Array.isArray(override.files) ? override.files : [override.files];
    const settings = new Map<string, RuleConfig | 'off' | { severity: Severity }>();
    for (const [id, setting] of Object.entries(override.rules)) {
      settings.set(id, parseSetting(id, setting, `overrides.${index}.rules.${id}`, undefined));
    }
    return { match: picomatch(globs, { dot: true }), settings };
  });

  function applyRules(target: Map<string, RuleConfig>, rules: Record<string, RuleSettingInput>, where: string) {
    for (const [id, setting] of Object.entries(rules)) {
      const parsed = parseSetting(id, setting, `${where === '--rule' ? '--rule ' : `${where}.`}${id}`, target.get(id));
      if (parsed === 'off') target.delete(id);
      else target.set(id, 'options' in parsed ? parsed : { severity: parsed.severity, options: target.get(id)?.options ?? defaultOptions(id) });
    }
  }

  function defaultOptions(id: string): unknown {
    const schema = known[id]?.meta.options;
    if (!schema) return {};
    const parsed = schema.safeParse({});
    return parsed.success ? parsed.data : {};
  }

  function parseSetting(id: string, setting: RuleSettingInput, key: string, _current: RuleConfig | undefined): RuleConfig | 'off' | { severity: Severity } {
    if (!known[id]) {
      const near = closest(id, ids);
      fail(key, m(locale, 'config.unknownRule', { rule: id, hint: near ? m(locale, 'config.didYouMean', { rule: near }) : '' }));
    }
    const [name, rawOptions] = typeof setting === 'string' ? [setting, undefined] : [setting[0], setting[1]];
    if (name === 'off') return 'off';
    const severity: Severity = name === 'warn' ? 'warning' : 'error';
    if (rawOptions === undefined) return { severity };
    const schema = known[id]!.meta.options;
    if (!schema) fail(key, m(locale, 'config.noOptions', { rule: id }));
    const parsed = schema!.safeParse(rawOptions);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const at = issue.path.length ? `${key}.${issue.path.join('.')}` : key;
      fail(at, m(locale, 'config.options', { rule: id, detail: issue.message }));
    }
    return { severity, options: parsed.data };
  }

  const hash = createHash('sha256')
    .update(JSON.stringify({ raw: config, overrides: options.overrides ?? {} }))
    .digest('hex')
    .slice(0, 16);

  const cache = new Map<string, Map<string, RuleConfig>>();
  return {
    ...(options.file ? { file: options.file } : {}),
    raw: config,
    ruleFlags: options.overrides ?? {},
    hash,
    hasOverrides: overrideList.length > 0,
    rulesFor(target: string) {
      const key = target.split(path.sep).join('/');
      const matching = overrideList.filter((override) => override.match(key));
      if (matching.length === 0) return base;
      const signature = matching.map((o) => overrideList.indexOf(o)).join(',');
      const cached = cache.get(signature);
      if (cached) return cached;
      const merged = new Map(base);
      for (const override of matching) {
        for (const [id, setting] of override.settings) {
          if (setting === 'off') merged.delete(id);
          else merged.set(id, 'options' in setting ? setting : { severity: setting.severity, options: merged.get(id)?.options ?? defaultOptions(id) });
        }
      }
      cache.set(signature, merged);
      return merged;
    },
  };
}

function getIn(value: unknown, keys: PropertyKey[]): unknown {
  let node = value;
  for (const key of keys) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** `--rule id:severity` → a rules map; a malformed flag is a UsageError. */
export function parseRuleFlags(flags: string[], locale: Locale): Record<string, RuleSettingInput> {
  const out: Record<string, RuleSettingInput> = {};
  for (const flag of flags) {
    const match = /^([a-z0-9-]+):(off|warn|error)$/.exec(flag.trim());
    if (!match) throw new UsageError(m(locale, 'rule.badFlag', { value: flag }));
    out[match[1]!] = match[2] as 'off' | 'warn' | 'error';
  }
  return out;
}

export function defaultConfig(locale: Locale = 'en'): ResolvedConfig {
  return resolveConfig({ extends: 'recommended' }, { locale });
}
