/**
 * Messages of the reading stage (encoding, front matter, YAML, schema), in both
 * languages. Rules keep their own messages beside their code.
 */
export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

export const MESSAGES = {
  'source.notUtf8': {
    en: 'The file is not UTF-8 text. Save it with UTF-8 encoding (in most editors: "Save with encoding" → UTF-8).',
    'zh-CN': '文件不是 UTF-8 编码的文本。请以 UTF-8 编码保存（多数编辑器：“以编码保存” → UTF-8）。',
  },
  'source.unreadable': { en: 'The file could not be read: {{detail}}.', 'zh-CN': '无法读取文件：{{detail}}。' },
  'org.unreadable': { en: 'The org registry could not be read: {{detail}}.', 'zh-CN': '无法读取组织注册表：{{detail}}。' },
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
  'yaml.hintTabs': { en: '. Indent with spaces, not tabs.', 'zh-CN': '。请用空格缩进，不要用 Tab。' },
  'yaml.hintIndent': { en: '. Check that this line is indented like its siblings.', 'zh-CN': '。请检查这一行的缩进与上下文是否一致。' },
  'yaml.hintColon': { en: '. A colon may be missing, or a quote on the line before is not closed.', 'zh-CN': '。可能缺少冒号，或上一行的引号没有闭合。' },
  'yaml.hintQuote': { en: '. Quote text that starts with *, &, @ or `.', 'zh-CN': '。以 *、&、@、` 等符号开头的文字请加引号。' },
  'yaml.hintNone': { en: '.', 'zh-CN': '。' },
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
  'schema.quoteHint': { en: ' Put the value in quotes, e.g. "1.0.0".', 'zh-CN': ' 请给这个值加上引号，例如 "1.0.0"。' },
  'schema.atLeast': { en: 'needs at least {{minimum}} items', 'zh-CN': '至少需要 {{minimum}} 项' },
  'schema.atLeastOne': { en: 'needs at least 1 item', 'zh-CN': '至少需要 1 项' },
  'schema.notEmpty': { en: 'must not be empty', 'zh-CN': '不能为空' },
  'schema.unionForm': { en: '{{found}} has the wrong form: write one id, or a list of ids', 'zh-CN': '取值 {{found}} 的形式不对：请写一个标识，或一组标识的列表' },
  'schema.dateFormat': { en: 'must be a date written YYYY-MM-DD, e.g. 2026-03-01', 'zh-CN': '应为 YYYY-MM-DD 格式的日期，例如 2026-03-01' },
  'schema.idFormat': { en: 'must be kebab-case: lower-case letters, digits and single hyphens, e.g. customer-complaint', 'zh-CN': '应为 kebab-case 标识：小写字母、数字和单个连字符，例如 customer-complaint' },
  'schema.versionFormat': { en: 'must be a semantic version such as 1.2.0', 'zh-CN': '应为语义化版本号，例如 1.2.0' },
  'schema.handleFormat': { en: 'must be a GitHub user or team such as @alice or @acme/finance', 'zh-CN': '应为 GitHub 用户或团队，例如 @alice 或 @acme/finance' },
  'org.unknownDepartment': {
    en: 'Role `{{role}}` belongs to department `{{department}}`, which is not in departments. Add the department or correct the id.',
    'zh-CN': '岗位 `{{role}}` 所属部门 `{{department}}` 不在 departments 中，请先添加该部门或更正标识。',
  },
  'org.unknownDuty': { en: 'The duty `{{duty}}` is not in duties. Add it to duties or correct the id.', 'zh-CN': '职务 `{{duty}}` 不在 duties 中，请先在 duties 中添加该职务或更正标识。' },
  'forms.unreadable': { en: 'The forms registry could not be read: {{detail}}.', 'zh-CN': '无法读取表单登记：{{detail}}。' },
  'forms.bracketedName': { en: 'Write the form name `{{name}}` without 《》: the specs write 《{{bare}}》, the registry {{bare}}.', 'zh-CN': '表单名称 `{{name}}` 不要带书名号：流程中写《{{bare}}》，登记表中写 {{bare}}。' },
  'forms.duplicateId': { en: '`{{value}}` is already used by form {{form}}; make it unique or merge the two entries.', 'zh-CN': '`{{value}}` 已在第 {{form}} 个表单中使用，请改为唯一的标识或合并两条登记。' },
  'forms.duplicateName': { en: '`{{value}}` is already used by form {{form}}; make it unique or merge the two entries.', 'zh-CN': '`{{value}}` 已在第 {{form}} 个表单中使用，请改为唯一的名称或合并两条登记。' },
  'forms.unknownOwner': { en: 'Role `{{role}}` is not in the org registry; write a role id from processes/org.yml.', 'zh-CN': '岗位 `{{role}}` 不在组织注册表中，请写 processes/org.yml 中的岗位标识。' },
  'forms.nowhere': { en: 'Form "{{name}}" does not say where it lives: add `location` (system and path) or `template` (its fields), or both.', 'zh-CN': '表单“{{name}}”没有说明在哪里：请添加 `location`（所在系统和路径）或 `template`（模板字段），或两者都写。' },
  'forms.rowLength': { en: 'This row has {{items}} items but the template has {{fields}} fields; give one item per field.', 'zh-CN': '这一行有 {{items}} 项，而模板有 {{fields}} 个字段；请每个字段写一项。' },
  'org.duplicateId': { en: 'The id `{{id}}` is used twice; make it unique.', 'zh-CN': '标识 `{{id}}` 重复，请改为唯一的标识。' },
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof MESSAGES;

/** Fills `{{name}}` placeholders with plain values; an unknown placeholder is left visible rather than dropped. */
export function format(template: string, data: Record<string, unknown> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (Object.hasOwn(data, name) ? String(data[name]) : whole));
}

/** The locale from `LC_ALL`/`LC_MESSAGES`/`LANG`: Chinese when it starts with `zh`, else English. */
export function localeFromEnv(env: NodeJS.ProcessEnv = process.env): Locale {
  const value = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(value) ? 'zh-CN' : 'en';
}
