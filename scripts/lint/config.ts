import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import picomatch from 'picomatch/posix.js';
import { z } from '../../schemas/zod.ts';
import { presets } from '../configs/index.ts';
import type { Severity } from '../core/diagnostic.ts';
import { closest } from '../core/friendly-issues.ts';
import { inner, UsageError } from './messages.ts';
import type { MessageValue } from '../core/render.ts';
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
  /** Rules and options for a file path relative to the config's root (posix separators). */
  rulesFor(file: string): Map<string, RuleConfig>;
  /** Some `overrides` entry can change the rules for a file (else every file gets the same). */
  hasOverrides: boolean;
}

/** Parses a config file's text; a bad file is a UsageError naming the file and key. */
export function parseConfigText(text: string, file: string): unknown {
  try {
    return loadYaml(text, { schema: CORE_SCHEMA }) ?? {};
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    throw new UsageError('config.unreadable', { file, detail });
  }
}

export interface ResolveOptions {
  file?: string;
  /** `--rule id:severity` flags, applied last. */
  overrides?: Record<string, RuleSettingInput>;
}

export function resolveConfig(raw: unknown, options: ResolveOptions = {}): ResolvedConfig {
  const file = options.file ?? '(config)';
  const fail = (key: string, detail: MessageValue): never => {
    throw new UsageError('config.invalid', { file, key, detail });
  };
  const result = ConfigSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const key = issue.path.map(String).join('.') || '(root)';
    if (issue.code === 'unrecognized_keys') fail([key, ...issue.keys].filter((k) => k !== '(root)').join('.'), issue.message);
    const setting = issue.path.length >= 2 ? getIn(raw, issue.path.slice(0, issue.path[0] === 'overrides' ? 4 : 2)) : undefined;
    if (setting !== undefined && (issue.path[0] === 'rules' || issue.path[2] === 'rules')) {
      const found = Array.isArray(setting) ? setting[0] : setting;
      fail(key, inner('config.severity', { found: JSON.stringify(found) }));
    }
    fail(key, issue.message);
  }
  const config = result.data!;
  // Looked up by names from the config file: a Map, so `constructor` or `__proto__` is no rule.
  const known = new Map(Object.entries(engineRules()));
  const ids = [...known.keys()];

  const base = new Map<string, RuleConfig>();
  const presetNames = config.extends === undefined ? [] : Array.isArray(config.extends) ? config.extends : [config.extends];
  for (const name of presetNames) {
    const presetName = name.replace(/^processlint:/, '');
    const preset = Object.hasOwn(presets, presetName) ? presets[presetName] : undefined;
    if (!preset) fail('extends', inner('config.extends', { name }));
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
    const schema = known.get(id)?.meta.options;
    if (!schema) return {};
    const parsed = schema.safeParse({});
    return parsed.success ? parsed.data : {};
  }

  function parseSetting(id: string, setting: RuleSettingInput, key: string, _current: RuleConfig | undefined): RuleConfig | 'off' | { severity: Severity } {
    if (!known.has(id)) {
      const near = closest(id, ids);
      fail(key, inner('config.unknownRule', { rule: id, hint: near ? inner('config.didYouMean', { rule: near }) : '' }));
    }
    const [name, rawOptions] = typeof setting === 'string' ? [setting, undefined] : [setting[0], setting[1]];
    if (name === 'off') return 'off';
    const severity: Severity = name === 'warn' ? 'warning' : 'error';
    if (rawOptions === undefined) return { severity };
    const schema = known.get(id)!.meta.options;
    if (!schema) fail(key, inner('config.noOptions', { rule: id }));
    const parsed = schema!.safeParse(rawOptions);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const at = issue.path.length ? `${key}.${issue.path.join('.')}` : key;
      fail(at, inner('config.options', { rule: id, detail: issue.message }));
    }
    return { severity, options: parsed.data };
  }


  const cache = new Map<string, Map<string, RuleConfig>>();
  return {
    ...(options.file ? { file: options.file } : {}),
    raw: config,
    ruleFlags: options.overrides ?? {},
    hasOverrides: overrideList.length > 0,
    rulesFor(target: string) {
      if (overrideList.length === 0) return base;
      const key = target.replace(/\\/g, '/');
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
export function parseRuleFlags(flags: string[]): Record<string, RuleSettingInput> {
  const out: Record<string, RuleSettingInput> = {};
  for (const flag of flags) {
    const match = /^([a-z0-9-]+):(off|warn|error)$/.exec(flag.trim());
    if (!match) throw new UsageError('rule.badFlag', { value: flag });
    out[match[1]!] = match[2] as 'off' | 'warn' | 'error';
  }
  return out;
}

export function defaultConfig(): ResolvedConfig {
  return resolveConfig({ extends: 'recommended' });
}
