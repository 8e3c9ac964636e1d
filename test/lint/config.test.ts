import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRuleFlags, resolveConfig } from '../../scripts/lint/config.ts';
import { UsageError } from '../../scripts/lint/messages.ts';
import { engineRules } from '../../scripts/lint/registry.ts';
import { handbook, lintDisk, ORG, spec } from './helpers.ts';

const failure = (raw: unknown, locale: 'en' | 'zh-CN' = 'en') => {
  try {
    resolveConfig(raw, { file: 'processlint.config.yml' });
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).text(locale);
  }
  throw new Error('expected a config error');
};

describe('config', () => {
  it('recommended turns every process rule on as an error; codeowners, cross-department-review, form-registered and step-accountable as warnings', () => {
    const rules = resolveConfig({ extends: 'recommended' }).rulesFor('processes/a.md');
    expect([...rules.keys()].sort()).toEqual(Object.keys(engineRules()).sort());
    const warnings = [...rules].filter(([, rule]) => rule.severity !== 'error').map(([id]) => id).sort();
    expect(warnings).toEqual(['codeowners', 'cross-department-review', 'form-registered', 'step-accountable']);
    expect([...rules].filter(([id]) => !warnings.includes(id)).every(([, rule]) => rule.severity === 'error')).toBe(true);
  });

  it('sets severities, turns rules off and applies overrides by glob', () => {
    const config = resolveConfig({
      extends: 'recommended',
      rules: { schema: 'warn', 'step-deadline': 'off' },
      overrides: [{ files: ['processes/legacy/**'], rules: { schema: 'off', 'step-deadline': 'error' } }],
    });
    const normal = config.rulesFor('processes/business/a.md');
    expect(normal.get('schema')?.severity).toBe('warning');
    expect(normal.has('step-deadline')).toBe(false);
    const legacy = config.rulesFor('processes/legacy/old.md');
    expect(legacy.has('schema')).toBe(false);
    expect(legacy.get('step-deadline')?.severity).toBe('error');
  });

  it('names the file and key of a bad severity', () => {
    expect(failure({ rules: { schema: 'fatal' } })).toBe('Invalid config processlint.config.yml at `rules.schema`: the severity must be off, warn or error, not "fatal"');
  });

  it('suggests the closest rule id for an unknown one, in both languages', () => {
    expect(failure({ rules: { 'step-deadlin': 'error' } })).toBe('Invalid config processlint.config.yml at `rules.step-deadlin`: unknown rule "step-deadlin" — did you mean "step-deadline"?');
    expect(failure({ rules: { 'step-deadlin': 'error' } }, 'zh-CN')).toBe('配置文件 processlint.config.yml 的 `rules.step-deadlin` 有误：没有名为“step-deadlin”的规则，是否应为“step-deadline”？');
  });

  it('rejects unknown top-level keys and unknown presets', () => {
    expect(failure({ rulez: {} })).toMatch(/^Invalid config processlint\.config\.yml at `rulez`/);
    expect(failure({ extends: 'strict' })).toBe('Invalid config processlint.config.yml at `extends`: unknown preset "strict"; use recommended or all');
  });

  it('parses rule options through the rule schema at start-up', () => {
    const withOptions = Object.values(engineRules()).find((rule) => rule.meta.options);
    if (!withOptions) return;
    const id = withOptions.meta.id;
    expect(failure({ rules: { [id]: ['error', 'nonsense'] } })).toMatch(new RegExp(`at \`rules\\.${id}`));
    const defaults = resolveConfig({ rules: { [id]: 'warn' } }).rulesFor('a.md').get(id);
    expect(defaults?.options).toEqual(withOptions.meta.options!.parse({}));
    expect(failure({ rules: { schema: ['error', { x: 1 }] } })).toBe('Invalid config processlint.config.yml at `rules.schema`: rule schema takes no options');
  });

  it('reads --rule flags and refuses malformed ones', () => {
    expect(parseRuleFlags(['schema:off', 'step-ref:warn'])).toEqual({ schema: 'off', 'step-ref': 'warn' });
    expect(() => parseRuleFlags(['schema'])).toThrow('Option --rule needs id:severity');
  });

  it('keys the cache by the config, so a changed config never reuses a report', async () => {
    const root = handbook({ 'processlint.config.yml': 'extends: recommended\n', 'processes/org.yml': ORG, 'processes/a.md': spec('a', 'titel: x\n') });
    const severity = async () => (await lintDisk(root, { cacheRoot: root })).results[0]!.findings.find((finding) => finding.ruleId === 'schema')?.severity;
    expect(await severity()).toBe('error');
    writeFileSync(path.join(root, 'processlint.config.yml'), 'extends: recommended\nrules:\n  schema: warn\n');
    expect(await severity()).toBe('warning');
  });
});
