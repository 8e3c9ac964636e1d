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
  'yaml.hintNone': { en: '.', 'zh-CN': '。' },
  'yaml.syntax': { en: 'The YAML cannot be read here: {{problem}}.', 'zh-CN': '这里的 YAML 无法读取：{{problem}}。' },
  'yaml.problemKey': {
    en: 'this line is not a `key: value` field (a colon may be missing, or the line above may be indented differently)',
    'zh-CN': '这一行不是“键: 值”形式的字段（可能缺少英文冒号，或与上一行的缩进不一致）',
  },
  'yaml.problemIndent': { en: 'this line is not indented like the other fields of its level', 'zh-CN': '这一行的缩进与同一层的其他字段不一致' },
  'yaml.problemMissing': { en: 'a closing quote or bracket is missing', 'zh-CN': '缺少配对的引号或括号' },
  'yaml.problemUnexpected': { en: 'a character here does not belong (check the quotes and brackets on this line)', 'zh-CN': '这里有多余的符号（请检查这一行的引号和括号）' },
  'yaml.problemScalarStart': { en: 'text that starts with *, &, @, ` or % must be put in quotes', 'zh-CN': '以 *、&、@、`、% 开头的文字必须加英文引号' },
  'yaml.tabIndent': {
    en: 'This line is indented with a tab. YAML takes spaces only: replace the tab with spaces (two per level), lined up with the fields of the same level.',
    'zh-CN': '这一行用 Tab 键缩进。YAML 只认空格：请把 Tab 换成空格（每层 2 个），与同一层的字段对齐。',
  },
  'yaml.fullWidthColon': {
    en: '`{{key}}` is followed by a full-width colon “：”. YAML reads only the ASCII colon: write `{{key}}: ` (a colon, then a space).',
    'zh-CN': '`{{key}}` 后面用了中文冒号“：”。YAML 只认英文冒号：请改成 `{{key}}: `（英文冒号后加一个空格）。',
  },
  'yaml.colonSpace': {
    en: 'The colon after `{{key}}` has no space after it, so the whole line reads as text. Add a space: `{{key}}: {{value}}`.',
    'zh-CN': '`{{key}}` 的冒号后面缺少空格，整行被当成了一段文字。请在冒号后加一个空格：`{{key}}: {{value}}`。',
  },
  'yaml.indentDeeper': {
    en: 'This line is indented {{spaces}} spaces more than the line above. Fields of one level line up: remove {{spaces}} spaces so that it starts under `{{sibling}}`.',
    'zh-CN': '这一行比上一行多缩进了 {{spaces}} 个空格。同一层的字段要左对齐：请删除 {{spaces}} 个空格，与上一行的 `{{sibling}}` 对齐。',
  },
  'yaml.indentShallower': {
    en: 'This line is indented {{spaces}} spaces less than the line above. Fields of one level line up: add {{spaces}} spaces so that it starts under `{{sibling}}`.',
    'zh-CN': '这一行比上一行少缩进了 {{spaces}} 个空格。同一层的字段要左对齐：请补上 {{spaces}} 个空格，与上一行的 `{{sibling}}` 对齐。',
  },
  'yaml.strayQuote': {
    en: 'The value on this line starts with the quote {{quote}} but does not end with it on this line. Remove the quote, or put one at each end of the whole text.',
    'zh-CN': '这一行的值以引号 {{quote}} 开头，却没有在这一行以同样的引号结束。请删除这个引号，或在整段文字的首尾各加一个。',
  },
  'yaml.missingDash': {
    en: '`{{key}}` appears twice in one list item: this line probably lacks the `- ` that starts a new item. Start it `- {{key}}: …`, with the `-` under the `-` of the item above.',
    'zh-CN': '`{{key}}` 在同一个列表项里出现了两次：这一行可能少了新列表项开头的 `- `。请写成 `- {{key}}: …`，`-` 与上一项的 `-` 对齐。',
  },
  'yaml.fullWidthComma': {
    en: 'The list {{found}} is separated by a full-width comma “，”, so it reads as one item. Separate the items with an ASCII comma “,”.',
    'zh-CN': '列表 {{found}} 用了中文逗号“，”分隔，整段被当成了一项。列表项之间请用英文逗号“,”分隔。',
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
    en: '`{{key}}` {{detail}} (found {{found}}).{{hint}}',
    'zh-CN': '`{{key}}` {{detail}}（当前为 {{found}}）。{{hint}}',
  },
  'schema.tooSmall': {
    en: '`{{key}}` {{detail}}.',
    'zh-CN': '`{{key}}` {{detail}}。',
  },
  'schema.other': { en: '`{{key}}`: {{detail}}.', 'zh-CN': '`{{key}}`：{{detail}}。' },
  'schema.in': { en: ' in {{where}}', 'zh-CN': '（位于 {{where}}）' },
  'schema.quoteHint': { en: ' Put the value in quotes, e.g. "1.0.0".', 'zh-CN': ' 请给这个值加上引号，例如 "1.0.0"。' },
  'schema.versionHint': { en: ' A version has three numbers: write {{version}}.', 'zh-CN': ' 版本号要写三段数字：请写成 {{version}}。' },
  'schema.curlyQuotes': { en: ' The value holds the full-width quotes “”, which YAML does not read as quotes: remove them, or use "".', 'zh-CN': ' 值里有中文引号“”，YAML 不把它们当作引号：请删除，或改用英文引号 ""。' },
  'schema.atLeast': { en: 'needs at least {{minimum}} items', 'zh-CN': '至少需要 {{minimum}} 项' },
  'schema.atLeastOne': { en: 'needs at least 1 item', 'zh-CN': '至少需要 1 项' },
  'schema.notEmpty': { en: 'must not be empty', 'zh-CN': '不能为空' },
  'schema.unionForm': { en: '{{found}} has the wrong form: write one id, or a list of ids', 'zh-CN': '取值 {{found}} 的形式不对：请写一个标识，或一组标识的列表' },
  'schema.dateFormat': { en: 'must be a date written YYYY-MM-DD, e.g. 2026-03-01', 'zh-CN': '应为 YYYY-MM-DD 格式的日期，例如 2026-03-01' },
  'schema.idFormat': { en: 'must be kebab-case: lower-case letters, digits and single hyphens, e.g. customer-complaint', 'zh-CN': '应为 kebab-case 标识：小写字母、数字和单个连字符，例如 customer-complaint' },
  'schema.roleIdFormat': {
    en: 'must be a role id from processes/org.yml (its roles’ `id`, e.g. finance-manager), not a name',
    'zh-CN': '应为 processes/org.yml 中的岗位标识（roles 的 id，例如 finance-manager），而不是岗位名称',
  },
  'schema.departmentIdFormat': {
    en: 'must be a department id from processes/org.yml (its departments’ `id`, e.g. finance), not a name',
    'zh-CN': '应为 processes/org.yml 中的部门标识（departments 的 id，例如 finance），而不是部门名称',
  },
  'schema.nameNotId': {
    en: '`{{key}}` takes the {{kind}}’s id, not its name “{{name}}”: did you mean `{{id}}` ({{name}})? `--fix` writes the id.',
    'zh-CN': '`{{key}}` 要写{{kind}}标识，而不是名称“{{name}}”：是否应为 `{{id}}`（{{name}}）？可用 `--fix` 自动改为标识。',
  },
  'schema.processNameNotId': {
    en: '`{{key}}` takes a process id, not its name “{{name}}”: did you mean `{{id}}` ({{title}})?',
    'zh-CN': '`{{key}}` 要写流程标识，而不是名称“{{name}}”：是否应为 `{{id}}`（{{title}}）？',
  },
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

/**
 * The language the environment names (`LC_ALL`, else `LC_MESSAGES`, else `LANG`, as POSIX orders them):
 * Chinese when it starts with `zh`, English for any other language, and none (`undefined`) when
 * nothing is set or the locale is `C`/`POSIX` (`C.UTF-8` is many CI runners' and servers' default),
 * so that the handbook's own language applies.
 */
export function localeFromEnv(env: NodeJS.ProcessEnv = process.env): Locale | undefined {
  const value = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  if (value === '' || /^(?:C|POSIX)(?:[._@]|$)/i.test(value)) return undefined;
  return /^zh/i.test(value) ? 'zh-CN' : 'en';
}
