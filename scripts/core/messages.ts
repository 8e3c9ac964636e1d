/**
 * Messages of the reading stage (encoding, front matter, YAML, schema), in both
 * languages. Rules keep their own messages beside their code.
 */
export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

const MESSAGES = {
  'source.notUtf8': {
    en: 'The file is not UTF-8 text. Save it with UTF-8 encoding (in most editors: "Save with encoding" → UTF-8).',
    'zh-CN': '文件不是 UTF-8 编码的文本。请以 UTF-8 编码保存（多数编辑器：“以编码保存” → UTF-8）。',
  },
  'source.bom': {
    en: 'The file starts with a byte-order mark (BOM). Save it as UTF-8 without BOM.',
    'zh-CN': '文件以字节顺序标记（BOM）开头。请保存为不带 BOM 的 UTF-8。',
  },
  'source.tooLarge': {
    en: 'The file is {{size}}, larger than the {{limit}} a spec may be. Split the process or remove the pasted content.',
    'zh-CN': '文件大小为 {{size}}，超过流程规范允许的 {{limit}}。请拆分流程或删除粘贴进来的大段内容。',
  },
  'source.noFrontMatter': {
    en: 'The file has no front matter. Start it with a line `---`, the YAML fields, and another line `---`.',
    'zh-CN': '文件缺少前置元数据（front matter）。请在文件开头写一行 `---`，接着写 YAML 字段，再写一行 `---`。',
  },
  'source.unclosedFrontMatter': {
    en: 'The front matter opened with `---` is never closed. Add a line `---` after the last YAML field.',
    'zh-CN': '以 `---` 开始的前置元数据没有结束。请在最后一个 YAML 字段之后加一行 `---`。',
  },
  'source.emptyFrontMatter': {
    en: 'The front matter is empty. Fill in at least id, title, category, department, owner, version, status, goal, scope and steps.',
    'zh-CN': '前置元数据为空。至少需要填写 id、title、category、department、owner、version、status、goal、scope 和 steps。',
  },
  'source.notMapping': {
    en: 'The front matter must be a set of `key: value` fields, not {{found}}.',
    'zh-CN': '前置元数据必须是一组“键: 值”字段，而不是{{found}}。',
  },
  'yaml.invalid': {
    en: 'Invalid YAML: {{detail}}{{hint}}',
    'zh-CN': 'YAML 格式错误：{{detail}}{{hint}}',
  },
  'yaml.duplicateKey': {
    en: 'Duplicate key `{{key}}`: only the last one counts. Remove or rename one of them.',
    'zh-CN': '键 `{{key}}` 重复：只有最后一个生效。请删除或改名其中一个。',
  },
  'yaml.aliases': {
    en: 'The YAML uses too many aliases (`*name`), which could expand without bound. Write the values out instead.',
    'zh-CN': 'YAML 中的别名（`*name`）过多，可能无限展开。请直接写出取值。',
  },
  'yaml.tooDeep': {
    en: 'The YAML is nested more than {{limit}} levels deep. A spec never needs that; flatten it.',
    'zh-CN': 'YAML 嵌套超过 {{limit}} 层，流程规范不需要这么深的结构，请简化。',
  },
  'schema.required': {
    en: 'Missing required field `{{key}}`{{where}}. Add it.',
    'zh-CN': '缺少必填字段 `{{key}}`{{where}}，请补充。',
  },
  'schema.unknownKey': {
    en: 'Unknown field `{{key}}`{{where}}{{suggestion}}',
    'zh-CN': '未知字段 `{{key}}`{{where}}{{suggestion}}',
  },
  'schema.didYouMean': { en: ' — did you mean `{{key}}`?', 'zh-CN': '，是否应为 `{{key}}`？' },
  'schema.noSuggestion': { en: ': remove it or check the spelling.', 'zh-CN': '：请删除或检查拼写。' },
  'schema.type': {
    en: '`{{key}}` must be {{expected}}, not {{found}}.{{hint}}',
    'zh-CN': '`{{key}}` 应为{{expected}}，而不是{{found}}。{{hint}}',
  },
  'schema.enum': {
    en: '`{{key}}` must be one of {{options}}, not {{found}}.',
    'zh-CN': '`{{key}}` 只能是 {{options}} 之一，而不是 {{found}}。',
  },
  'schema.format': {
    en: '`{{key}}` {{detail}} (found {{found}}).',
    'zh-CN': '`{{key}}` {{detail}}（当前为 {{found}}）。',
  },
  'schema.tooSmall': {
    en: '`{{key}}` {{detail}}.',
    'zh-CN': '`{{key}}` {{detail}}。',
  },
  'schema.other': { en: '`{{key}}`: {{detail}}.', 'zh-CN': '`{{key}}`：{{detail}}。' },
  'schema.in': { en: ' in {{where}}', 'zh-CN': '（位于 {{where}}）' },
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof MESSAGES;

/** Fills `{{name}}` placeholders; an unknown placeholder is left visible rather than dropped. */
export function format(template: string, data: Record<string, unknown> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));
}

export function t(locale: Locale, key: MessageKey, data?: Record<string, unknown>): string {
  return format(MESSAGES[key][locale], data);
}

/** The locale from `LC_ALL`/`LC_MESSAGES`/`LANG`: Chinese when it starts with `zh`, else English. */
export function localeFromEnv(env: NodeJS.ProcessEnv = process.env): Locale {
  const value = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(value) ? 'zh-CN' : 'en';
}
