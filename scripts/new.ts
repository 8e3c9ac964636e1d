/**
 * `npm run new -- <id> --category … --department … --owner … [--title …]`
 *
 * Writes a complete skeleton spec to `processes/<category>/<id>.md`: every field
 * explained in a Chinese comment, all seven lifecycle stages planned, one step.
 * Asks for what is missing when run in a terminal; otherwise a missing flag is a
 * usage error (exit 2), so scripts never hang on a prompt. In a fresh repository (a
 * config without a `handbook` section) it first asks, once, what the handbook is.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { parseDocument } from 'yaml';
import { KEBAB_ID } from '../schemas/common.ts';
import { HandbookSchema } from '../schemas/config.ts';
import type { Org } from '../schemas/org.ts';
import { CATEGORIES } from '../schemas/process.ts';
import { closest } from './core/friendly-issues.ts';
import { loadOrg } from './core/load-org.ts';
import { render, renderCore } from './core/render.ts';
import { CONFIG_FILE, DEFAULT_HANDBOOK, handbookFromText, hasHandbookSection, settingProblem } from './core/handbook-config.ts';
import { localeFromEnv, type Locale } from './core/messages.ts';
import { specFilesIn } from './core/spec-files.ts';
import { todayLocal } from './model/dates.ts';
import { renderSkeleton, type Category, type SkeletonOptions } from './skeleton.ts';

export { renderSkeleton, type Category, type SkeletonOptions };

const USAGE = {
  'zh-CN': `用法：npm run new -- <流程标识> --category business|management|information --department <部门标识> --owner <岗位标识> [--title <流程名称>]
在终端中运行且缺少参数时会逐项询问。`,
  en: `Usage: npm run new -- <id> --category business|management|information --department <department-id> --owner <role-id> [--title <title>]
When run in a terminal with flags missing, it asks for them.`,
};

export interface Io {
  cwd: string;
  /** Prompt for missing values (a terminal); `undefined` when stdin is not a TTY. */
  ask?: (question: string) => Promise<string>;
  out: (text: string) => void;
  err: (text: string) => void;
  today?: string;
  locale?: Locale;
  /** The environment naming a language (default: the process's). */
  env?: NodeJS.ProcessEnv;
}

/** The handbook's language in a config's text, the default when it cannot be read (the linter reports why). */
function handbookLocale(configText: string | undefined): Locale {
  try {
    return handbookFromText(configText).locale;
  } catch {
    return DEFAULT_HANDBOOK.locale;
  }
}

/** Every spec id under `processes/`, with its file (to refuse an id in any category). */
function existingIds(processesDir: string): Map<string, string> {
  return new Map(specFilesIn(processesDir).map((file) => [basename(file, '.md'), file]));
}

type Say = (zhText: string, enText: string) => string;

/**
 * Asks what the handbook is (its names, site, repository, branch, language, workday) and returns
 * the config text with a `handbook` section added; comments and the rules already there are kept.
 * Each answer is checked by the config's own schema and asked again until it is valid.
 */
export async function askHandbookSettings(configText: string | undefined, ask: (question: string) => Promise<string>, say: Say, err: (text: string) => void): Promise<string> {
  const fields = HandbookSchema.shape;
  const settings: Record<string, unknown> = {};
  const field = async (key: keyof typeof fields, question: string, convert: (answer: string) => unknown = (answer) => answer): Promise<void> => {
    for (;;) {
      const answer = (await ask(question)).trim();
      if (answer === '') return; // the default, or none for an optional field
      const parsed = fields[key].safeParse(convert(answer));
      if (parsed.success) {
        settings[key] = parsed.data;
        return;
      }
      const problem = render('{{problem}}', { problem: settingProblem(parsed.error.issues[0]!, key) }, say('zh-CN', 'en') as Locale);
      err(say(`无效：${problem}。请重新输入，或直接回车使用默认值。`, `Not valid: ${problem}. Try again, or press Enter for the default.`));
    }
  };
  err(say('这个仓库还没有手册设置（processlint.config.yml 的 handbook 一节），先回答几个问题，只需一次：', 'This repository has no handbook settings yet (the handbook section of processlint.config.yml); a few questions, asked once:'));
  const zhName = (await ask(say(`手册中文名称（回车使用“${DEFAULT_HANDBOOK.name['zh-CN']}”）：`, `The handbook's Chinese name (Enter: ${DEFAULT_HANDBOOK.name['zh-CN']}): `))).trim();
  const enName = (await ask(say(`手册英文名称（回车使用“${DEFAULT_HANDBOOK.name.en}”）：`, `The handbook's English name (Enter: ${DEFAULT_HANDBOOK.name.en}): `))).trim();
  if (zhName || enName) settings.name = { 'zh-CN': zhName || DEFAULT_HANDBOOK.name['zh-CN'], en: enName || DEFAULT_HANDBOOK.name.en };
  await field('url', say('手册网站地址（例如 https://handbook.example.org/，还没有可回车跳过）：', 'The site’s address (e.g. https://handbook.example.org/; Enter if there is none yet): '));
  await field('repository', say('代码仓库地址（例如 https://github.com/acme/handbook，可回车跳过）：', 'The repository’s address (e.g. https://github.com/acme/handbook; Enter to skip): '));
  await field('branch', say(`修改合并进的分支（回车使用 ${DEFAULT_HANDBOOK.branch}）：`, `The branch changes are merged into (Enter: ${DEFAULT_HANDBOOK.branch}): `));
  await field('locale', say(`命令输出的默认语言 zh-CN 或 en（回车使用 ${DEFAULT_HANDBOOK.locale}）：`, `Default language of the commands, zh-CN or en (Enter: ${DEFAULT_HANDBOOK.locale}): `));
  await field('workdayHours', say(`一个工作日有几小时（回车使用 ${DEFAULT_HANDBOOK.workdayHours}）：`, `Hours in a workday (Enter: ${DEFAULT_HANDBOOK.workdayHours}): `), Number);
  const document = parseDocument(configText ?? 'extends: recommended\n');
  const section = { ...HandbookSchema.parse(settings) } as Record<string, unknown>;
  // Written in full, so whoever opens the file sees every setting there is.
  document.set('handbook', document.createNode(section));
  return document.toString();
}

/** Runs the command; returns the exit code (0 written, 1 refused, 2 usage). */
export async function run(argv: string[], io: Io): Promise<number> {
  const configFile = join(io.cwd, CONFIG_FILE);
  const configText = existsSync(configFile) ? readFileSync(configFile, 'utf8') : undefined;
  const zh = (io.locale ?? localeFromEnv(io.env ?? process.env) ?? handbookLocale(configText)) === 'zh-CN';
  const say = (zhText: string, enText: string) => (zh ? zhText : enText);
  const usage = USAGE[zh ? 'zh-CN' : 'en'];
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { category: { type: 'string' }, department: { type: 'string' }, owner: { type: 'string' }, title: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  if (parsed.values.help) {
    io.out(usage);
    return 0;
  }
  if (parsed.positionals.length > 1) {
    io.err(`${say('只能给出一个流程标识', 'Give exactly one process id')}: ${parsed.positionals.join(' ')}\n${usage}`);
    return 2;
  }

  const orgFile = join(io.cwd, 'processes', 'org.yml');
  if (!existsSync(orgFile)) {
    io.err(say(`找不到 ${orgFile}。请在手册仓库的根目录运行此命令。`, `${orgFile} not found. Run this command from the root of the handbook repository.`));
    return 1;
  }
  const loadedOrg = loadOrg('processes/org.yml', readFileSync(orgFile));
  if (!loadedOrg.org) {
    const first = loadedOrg.problems[0];
    io.err(say('processes/org.yml 有错误，请先修正：', 'processes/org.yml has errors; fix them first: ') + (first ? `processes/org.yml:${first.line}:${first.column} ${renderCore(first.messageId, first.data, zh ? 'zh-CN' : 'en')}` : ''));
    return 1;
  }
  const org: Org = loadedOrg.org;

  const values: Record<'id' | 'category' | 'department' | 'owner' | 'title', string | undefined> = {
    id: parsed.positionals[0],
    category: parsed.values.category,
    department: parsed.values.department,
    owner: parsed.values.owner,
    title: parsed.values.title,
  };
  const required = ['id', 'category', 'department', 'owner'] as const;
  const missing = required.filter((key) => !values[key]);
  if (missing.length > 0 && !io.ask) {
    io.err(`${say('缺少参数', 'Missing')}: ${missing.map((key) => (key === 'id' ? '<id>' : `--${key}`)).join(', ')}\n${usage}`);
    return 2;
  }
  if (io.ask) {
    const list = (items: Array<{ id: string; name: string }>) => items.map((item) => `${item.id}（${item.name}）`).join('、');
    if (!values.id) values.id = (await io.ask(say('流程标识（kebab-case，例如 expense-reimbursement）：', 'Process id (kebab-case, e.g. expense-reimbursement): '))).trim();
    if (!values.title) values.title = (await io.ask(say('流程名称（例如 费用报销流程，可留空）：', 'Title (e.g. 费用报销流程; may be empty): '))).trim();
    if (!values.category) values.category = (await io.ask(say(`流程类别（${CATEGORIES.join(' / ')}）：`, `Category (${CATEGORIES.join(' / ')}): `))).trim();
    if (!values.department) values.department = (await io.ask(say(`归口部门，可选：${list(org.departments)}\n部门标识：`, `Department, one of: ${list(org.departments)}\nDepartment id: `))).trim();
    if (!values.owner) {
      const roles = org.roles.filter((role) => role.department === values.department);
      values.owner = (await io.ask(say(`流程负责人岗位，可选：${list(roles.length ? roles : org.roles)}\n岗位标识：`, `Owner role, one of: ${list(roles.length ? roles : org.roles)}\nRole id: `))).trim();
    }
  }

  const { id, category, department, owner } = values as Record<(typeof required)[number], string>;
  const problems: string[] = [];
  if (!KEBAB_ID.test(id)) problems.push(say(`流程标识 "${id}" 不是 kebab-case：只能用小写字母、数字和单个连字符，例如 expense-reimbursement。`, `The id "${id}" is not kebab-case: use lower-case letters, digits and single hyphens, e.g. expense-reimbursement.`));
  if (!(CATEGORIES as readonly string[]).includes(category)) problems.push(say(`类别 "${category}" 不存在，应为 ${CATEGORIES.join('、')} 之一。`, `Unknown category "${category}": use one of ${CATEGORIES.join(', ')}.`));
  const hint = (word: string, ids: string[]) => {
    const guess = closest(word, ids);
    return guess ? say(`是否应为 ${guess}？`, `Did you mean ${guess}?`) : say(`可选：${ids.join('、')}。`, `Known: ${ids.join(', ')}.`);
  };
  if (!org.departments.some((d) => d.id === department)) problems.push(say(`部门 "${department}" 不在 processes/org.yml 中。`, `Department "${department}" is not in processes/org.yml. `) + hint(department, org.departments.map((d) => d.id)));
  const role = org.roles.find((r) => r.id === owner);
  if (!role) problems.push(say(`岗位 "${owner}" 不在 processes/org.yml 中。`, `Role "${owner}" is not in processes/org.yml. `) + hint(owner, org.roles.map((r) => r.id)));
  if (problems.length > 0) {
    io.err(problems.join('\n'));
    return io.ask ? 1 : 2;
  }

  const processesDir = join(io.cwd, 'processes');
  const taken = existingIds(processesDir).get(id);
  if (taken) {
    io.err(say(`流程标识 "${id}" 已被 ${relative(io.cwd, taken)} 使用。请换一个标识，或直接修改该文件。`, `The id "${id}" is already used by ${relative(io.cwd, taken)}. Choose another id, or edit that file.`));
    return 1;
  }

  if (io.ask && !hasHandbookSection(configText)) {
    const text = await askHandbookSettings(configText, io.ask, say, io.err);
    try {
      writeFileSync(configFile, text);
    } catch (error) {
      io.err(say(`无法写入 ${CONFIG_FILE}：${(error as Error).message}`, `Cannot write ${CONFIG_FILE}: ${(error as Error).message}`));
      return 1;
    }
    io.out(say(`已把手册设置写入 ${CONFIG_FILE}（handbook 一节），以后可直接修改该文件。`, `Wrote the handbook settings to ${CONFIG_FILE} (its handbook section); edit that file to change them.`));
  }

  const today = io.today ?? todayLocal();
  const text = renderSkeleton({ id, category: category as Category, department, owner, today, author: role!.name, ...(values.title ? { title: values.title } : {}) });
  const dir = join(processesDir, category);
  const file = join(dir, `${id}.md`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, text, { flag: 'wx' });
  } catch (error) {
    io.err(say(`无法写入 ${relative(io.cwd, file)}：${(error as Error).message}`, `Cannot write ${relative(io.cwd, file)}: ${(error as Error).message}`));
    return 1;
  }
  io.out(say(`已创建 ${relative(io.cwd, file)}。请填写标有“待填写”的内容，然后运行 npm run lint。`, `Created ${relative(io.cwd, file)}. Fill in everything marked 待填写, then run npm run lint.`));
  return 0;
}

async function main(): Promise<void> {
  const tty = process.stdin.isTTY === true;
  const rl = tty ? createInterface({ input: process.stdin, output: process.stdout }) : undefined;
  // Lines come from an iterator, which buffers answers typed (or pasted) before their question is asked.
  const lines = rl?.[Symbol.asyncIterator]();
  const ask = async (question: string) => {
    process.stdout.write(question);
    const next = await lines!.next();
    return next.done ? '' : String(next.value);
  };
  const code = await run(process.argv.slice(2), {
    cwd: process.cwd(),
    ...(rl ? { ask } : {}),
    out: (text) => console.log(text),
    err: (text) => console.error(text),
  });
  rl?.close();
  process.exitCode = code;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
