import type { Finding } from '../core/diagnostic.ts';
import type { Locale } from '../core/messages.ts';
import { render, type Bilingual } from '../core/render.ts';
import { engineRules } from './registry.ts';

/**
 * Findings become words here, at the edge: every formatter, the site and the diff render a finding's
 * `messageId` and `data` through this one function, in the language their reader asked for.
 */

/** Checks the engine makes itself, beside the rules: their descriptions and messages. */
export const ENGINE_CHECKS: Record<string, { description: Bilingual; messages: Record<string, Bilingual> }> = {
  'read-error': {
    description: { en: 'A file could not be read.', 'zh-CN': '无法读取文件。' },
    messages: { unreadable: { en: 'The file could not be read: {{detail}}.', 'zh-CN': '无法读取文件：{{detail}}。' } },
  },
  'rule-error': {
    description: { en: 'A rule failed on a file (a bug in the linter).', 'zh-CN': '某条规则在检查文件时出错（检查工具的缺陷）。' },
    messages: {
      ruleFailed: {
        en: 'Rule {{rule}} failed on this file: {{reason}}. This is a bug in the linter; please report it.',
        'zh-CN': '规则 {{rule}} 在检查此文件时出错：{{reason}}。这是检查工具的缺陷，请报告给维护者。',
      },
      readFailed: {
        en: 'The linter failed while reading this file: {{reason}}. This is a bug in the linter; please report it.',
        'zh-CN': '检查工具在读取此文件时出错：{{reason}}。这是检查工具的缺陷，请报告给维护者。',
      },
    },
  },
  'reference-unchecked': {
    description: { en: 'A reference that could not be checked because the spec it depends on could not be read.', 'zh-CN': '所依赖的流程文件无法读取，因而无法检查的引用。' },
    messages: {
      unreadableTarget: {
        en: 'This reference ({{rule}}) could not be checked because {{targets}} could not be read. Fix that file first; nothing needs to change here.',
        'zh-CN': '因 {{targets}} 无法读取，这处引用（{{rule}}）无法检查。请先修正该文件，这里无需修改。',
      },
    },
  },
};

/** The template of a finding's message in both languages, from its rule or the engine's own checks. */
export function templateOf(finding: Pick<Finding, 'ruleId' | 'messageId'>): Bilingual | undefined {
  const rule = engineRules()[finding.ruleId];
  const messages = rule ? rule.meta.messages : ENGINE_CHECKS[finding.ruleId]?.messages;
  return messages && Object.hasOwn(messages, finding.messageId) ? messages[finding.messageId] : undefined;
}

/** A finding's message in `locale`. */
export function messageOf(finding: Finding, locale: Locale): string {
  const template = templateOf(finding);
  return template ? render(template[locale], finding.data, locale) : `${finding.ruleId}/${finding.messageId}`;
}

/** What a rule or engine check reports, in one sentence. */
export function descriptionOf(ruleId: string, locale: Locale): string | undefined {
  return engineRules()[ruleId]?.meta.docs.description[locale] ?? ENGINE_CHECKS[ruleId]?.description[locale];
}
