import type { Locale } from '../core/messages.ts';
import { render, type MessageData, type MessageValue } from '../core/render.ts';

/** The engine's own messages (usage, config, files, suppressions), in both languages. */
const MESSAGES = {
  'usage.unknownOption': { en: 'Unknown option {{option}}. Run `processlint --help` for the list.', 'zh-CN': '未知选项 {{option}}。运行 `processlint --help` 查看可用选项。' },
  'usage.badValue': { en: 'Option {{option}} needs {{expected}}, not "{{value}}".', 'zh-CN': '选项 {{option}} 需要{{expected}}，而不是“{{value}}”。' },
  'usage.noFiles': { en: 'No spec matched {{patterns}}. Check the paths or globs.', 'zh-CN': '没有找到与 {{patterns}} 匹配的流程规范，请检查路径或通配符。' },
  'usage.missingPath': { en: 'Path not found: {{path}}.', 'zh-CN': '路径不存在：{{path}}。' },
  'usage.fixBoth': { en: 'Use either --fix or --fix-dry-run, not both.', 'zh-CN': '--fix 与 --fix-dry-run 只能选一个。' },
  'usage.git': { en: 'Could not list the files changed against {{ref}}: {{detail}}', 'zh-CN': '无法列出相对 {{ref}} 改动的文件：{{detail}}' },
  'usage.other': { en: '{{detail}}', 'zh-CN': '{{detail}}' },
  'usage.wholeNumber': { en: 'a whole number', 'zh-CN': '非负整数' },
  'usage.positiveNumber': { en: 'a positive whole number', 'zh-CN': '正整数' },
  internalError: { en: 'internal error: {{reason}}. This is a bug in the linter; please report it.', 'zh-CN': '内部错误：{{reason}}。这是检查工具的缺陷，请报告给维护者。' },
  'usage.output': { en: 'Could not write {{file}}: {{detail}}', 'zh-CN': '无法写入 {{file}}：{{detail}}' },
  'file.unreadable': { en: 'The file could not be read: {{detail}}.', 'zh-CN': '无法读取文件：{{detail}}。' },
  'org.unreadable': { en: 'The org registry {{file}} could not be read: {{detail}}.', 'zh-CN': '无法读取组织注册表 {{file}}：{{detail}}。' },
  'org.invalid': { en: 'The org registry {{file}} has problems (line {{line}}: {{detail}}); owner and role checks use what could be read.', 'zh-CN': '组织注册表 {{file}} 有问题（第 {{line}} 行：{{detail}}）；岗位与负责人检查只使用能读出的部分。' },
  'config.unreadable': { en: 'Could not read the config file {{file}}: {{detail}}', 'zh-CN': '无法读取配置文件 {{file}}：{{detail}}' },
  'config.invalid': { en: 'Invalid config {{file}} at `{{key}}`: {{detail}}', 'zh-CN': '配置文件 {{file}} 的 `{{key}}` 有误：{{detail}}' },
  'config.unknownRule': { en: 'unknown rule "{{rule}}"{{hint}}', 'zh-CN': '没有名为“{{rule}}”的规则{{hint}}' },
  'config.didYouMean': { en: ' — did you mean "{{rule}}"?', 'zh-CN': '，是否应为“{{rule}}”？' },
  'config.severity': { en: 'the severity must be off, warn or error, not {{found}}', 'zh-CN': '严重级别只能是 off、warn 或 error，而不是 {{found}}' },
  'config.options': { en: 'bad options for rule {{rule}}: {{detail}}', 'zh-CN': '规则 {{rule}} 的选项有误：{{detail}}' },
  'config.noOptions': { en: 'rule {{rule}} takes no options', 'zh-CN': '规则 {{rule}} 没有选项' },
  'config.extends': { en: 'unknown preset "{{name}}"; use recommended or all', 'zh-CN': '没有名为“{{name}}”的预设；请使用 recommended 或 all' },
  'rule.badFlag': { en: 'Option --rule needs id:severity (severity off, warn or error), not "{{value}}".', 'zh-CN': '选项 --rule 的格式应为 规则:级别（级别为 off、warn 或 error），而不是“{{value}}”。' },
  'summary.problems': { en: '{{total}} {{problemWord}} ({{errors}} {{errorWord}}, {{warnings}} {{warningWord}})', 'zh-CN': '共 {{total}} 个问题（{{errors}} 个错误，{{warnings}} 个警告）' },
  'summary.fixable': { en: '{{count}} can be fixed with the `--fix` option.', 'zh-CN': '其中 {{count}} 个可用 `--fix` 选项自动修复。' },
  'summary.clean': { en: 'No problems in {{files}} files.', 'zh-CN': '{{files}} 个文件均未发现问题。' },
  'summary.maxWarnings': { en: 'Too many warnings ({{count}}); at most {{max}} are allowed (--max-warnings).', 'zh-CN': '警告过多（{{count}} 个），最多允许 {{max}} 个（--max-warnings）。' },
  'fix.applied': { en: 'Fixed {{count}} problems in {{files}} files.', 'zh-CN': '已修复 {{files}} 个文件中的 {{count}} 个问题。' },
  'fix.wouldApply': { en: 'Would fix {{count}} problems in {{files}} files (dry run: nothing written).', 'zh-CN': '将修复 {{files}} 个文件中的 {{count}} 个问题（试运行，未写入文件）。' },
  'fix.none': { en: 'Nothing to fix.', 'zh-CN': '没有可自动修复的问题。' },
} as const satisfies Record<string, Record<Locale, string>>;

export type EngineMessageKey = keyof typeof MESSAGES;

export function m(locale: Locale, key: EngineMessageKey, data?: MessageData): string {
  return render(MESSAGES[key][locale], data, locale);
}

/** An engine message as a value inside another message's data (worded when the outer one is). */
export function inner(key: EngineMessageKey, data?: MessageData): MessageValue {
  return { phrase: { en: m('en', key, data), 'zh-CN': m('zh-CN', key, data) } };
}

/** "3 problems (1 error, 2 warnings)" in either language. */
export function problemSummary(locale: Locale, errors: number, warnings: number): string {
  const total = errors + warnings;
  const word = (n: number, one: string) => (n === 1 ? one : `${one}s`);
  return m(locale, 'summary.problems', { total, errors, warnings, problemWord: word(total, 'problem'), errorWord: word(errors, 'error'), warningWord: word(warnings, 'warning') });
}

/**
 * A failure the user can fix (bad flag, bad config, missing path): exit code 2 and one line, never a
 * stack trace. It keeps its message as data, so whoever shows it words it in their reader's language.
 */
export class UsageError extends Error {
  readonly key: EngineMessageKey;
  readonly data: MessageData;

  constructor(key: EngineMessageKey, data: MessageData = {}) {
    super(m('en', key, data));
    this.name = 'UsageError';
    this.key = key;
    this.data = data;
  }

  text(locale: Locale): string {
    return m(locale, this.key, this.data);
  }
}
