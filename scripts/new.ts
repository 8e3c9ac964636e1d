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
import { addMonths, todayLocal } from './model/dates.ts';

export type Category = (typeof CATEGORIES)[number];

export interface SkeletonOptions {
  id: string;
  category: Category;
  department: string;
  owner: string;
  title?: string;
  /** Author written in the first history entry (default: the owner role's name). */
  author: string;
  /** YYYY-MM-DD */
  today: string;
}

/** A YAML double-quoted scalar: safe for any title the user types. */
function quote(text: string): string {
  return JSON.stringify(text);
}

/** The skeleton's text. Pure: the CLI and the tests share it. */
export function renderSkeleton(o: SkeletonOptions): string {
  const title = o.title?.trim() || `待填写：流程名称（${o.id}）`;
  const stage = (key: string, zh: string, extra = '') => `  # ${zh}\n  ${key}:\n    status: planned\n${extra}`;
  return `---
# yaml-language-server: $schema=../../schemas/json/process.schema.json
# 流程标识：小写字母、数字和单个连字符（kebab-case），必须与文件名一致，创建后不要再改。
id: ${o.id}
# 流程名称（中文），显示在手册网站的标题和目录中。
title: ${quote(title)}
# 流程英文名称（可选），去掉下一行开头的 # 后填写。
# titleEn: ""
# 流程类别：business 业务流程、management 管理流程、information 信息流程；须与所在文件夹一致。
category: ${o.category}
# 归口管理部门：processes/org.yml 中 departments 的 id。
department: ${o.department}
# 流程负责人岗位：processes/org.yml 中 roles 的 id。该岗位在 GitHub 上的审批人（CODEOWNERS）须批准对本流程的每次修改。
owner: ${o.owner}
# 版本号（语义化版本 主.次.修订）：草稿阶段用 0.x.y；发布后每次修改都要升版本，并在 history 中加一条记录。
version: 0.1.0
# 状态：draft 草稿、review 评审中、published 已发布、retired 已废止。
status: draft
# 流程目标：这个流程要解决的核心问题，一两句话。
goal: 待填写：本流程要解决的核心问题。
# 一句话简介（可选），显示在流程目录中。
summary: 待填写：从哪里开始、到哪里结束的一句话简介。
# 流程范围：起点（什么事件触发流程）和终点（流程在什么状态下结束）；upstream/downstream 填上下游流程的 id。
scope:
  start: 待填写：触发流程的事件
  end: 待填写：流程结束时的状态
  upstream: []
  downstream: []
# 关键绩效指标（KPI）：target 写 比较符 + 数值 + 单位，例如 ">= 95%"、"<= 3 workdays"。用片段 kpi 可再添加一个。
kpis: []
# 流程步骤：第一个步骤是流程起点。每一步写清 谁（role）、做什么（action）、多长时间内（deadline）、产出什么（outputs）、
# 关键控制点（controls），以及下一步（next，写成列表表示并行）或决策分支（branches，每个分支写 when 条件和 to 去向）。
# 没有 next 和 branches 的步骤就是流程的终点。审批步骤（kind: approval）必须写出不同意时怎么办：用 branches，
# 每个分支写 outcome: approved（同意）或 rejected（不同意：退回修改的分支加 loop: true，否决的分支走向结束）。
# loop: true 只写在回到之前步骤的分支上；next 回到之前的步骤时（如返工后重新检验）写在该步骤上。需要不相容职务分离的步骤用 duties 写明职务（见 org.yml 的 duties）。
steps:
  - id: start
    name: 待填写：第一个步骤
    # 操作说明：这一步具体做什么、怎么做。
    action: 待填写：这一步做什么、怎么做。
    # 责任岗位（R，执行者）：org.yml 中的岗位 id。
    role: ${o.owner}
    # 时间要求，例如 即时、接收后30分钟内、2个工作日内、24小时内、每月25日。
    deadline: 1个工作日内
    # 输出成果：这一步产出的表单或文件，表单名用书名号《》。
    outputs: []
    # 关键控制点：必须检查、不可省略的事项。
    controls: []
# 异常处理预案：when 异常情形、action 处理措施、role 负责岗位、deadline 时限、step 发生在哪一步。
exceptions: []
# 流程生命周期的七个阶段，按顺序书写。status：done 已完成、in-progress 进行中、planned 计划中、skipped 跳过；
# date 为完成（或计划）日期 YYYY-MM-DD；outputs 为该阶段的输出物。
lifecycle:
${stage('define', '阶段一：明确流程目标与范围（输出《流程目标与范围说明书》）')}${stage('analyze', '阶段二：流程现状调研与分析（输出《现状调研分析报告》《当前流程图》）')}${stage('design', '阶段三：流程设计与优化（输出《未来流程图》《流程操作说明》《异常处理预案》）')}${stage('review', '阶段四：跨部门评审与修订；reviewers 为参与评审的岗位（至少一个来自其他部门），approvedBy 为签字确认的分管领导岗位（不能是流程负责人）', '    reviewers: []\n')}${stage('release', '阶段五：发布与培训；effective 为生效日期')}${stage('monitor', '阶段六：执行与监控；cadence 每月提取 KPI 对比目标，firstMonthCadence 执行首月跟踪频率，feedbackCadence 收集员工反馈频率', '    cadence: 每月\n    firstMonthCadence: 每日\n    feedbackCadence: 每季度\n')}${stage('improve', '阶段七：持续优化：每半年全面复盘一次；流程有实质变化时重复阶段三至六（重新设计、评审、发布、监控）', `    nextReview: ${addMonths(o.today, 6)}\n`)}# 修订记录：每次修改加一条，version 与上方 version 一致。修订号（如 1.0.1）只用于文字修改；流程变化升次版本或主版本，
# 并须重新经过评审与发布（lifecycle 中 design、review、release 的日期晚于上一版本）。
history:
  - version: 0.1.0
    date: ${o.today}
    author: ${quote(o.author)}
    change: 创建流程草稿。
---

## 适用范围

待填写：本流程适用于哪些情形，哪些情形不适用。

## 操作要点

待填写：执行本流程时需要特别注意的事项。
`;
}

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
