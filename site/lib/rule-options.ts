import type { Locale } from '../../scripts/core/messages.ts';
import type { Rule } from '../../scripts/lint/rule.ts';
import { z } from '../../schemas/zod.ts';

export interface RuleOption {
  name: string;
  /** The default as it would be written in `processlint.config.yml` (JSON is valid YAML). */
  defaultValue?: string;
  /** The values the option takes, when it is one of a few. */
  values?: string[];
  description: string;
}

interface PropertySchema {
  default?: unknown;
  enum?: unknown[];
  description?: string;
}

/**
 * A rule's options as its page lists them, read from the rule's own options schema (the
 * one the config is parsed with), so the page cannot drift from what the linter accepts.
 * Descriptions are bilingual (`bilingual()`: Chinese, a line break, English).
 */
export function ruleOptions(rule: Rule<any>, locale: Locale): RuleOption[] {
  if (!rule.meta.options) return [];
  const schema = z.toJSONSchema(rule.meta.options, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, PropertySchema> };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const [zh = '', en = zh] = (property.description ?? '').split('\n');
    return {
      name,
      ...(property.default !== undefined ? { defaultValue: JSON.stringify(property.default) } : {}),
      ...(property.enum ? { values: property.enum.map(String) } : {}),
      description: locale === 'zh-CN' ? zh : en,
    };
  });
}
