/**
 * The semantic diff in words: plain text for the terminal, Markdown for a
 * pull-request comment. Pure functions of the report; Chinese or English.
 *
 * Each change becomes a line of inline parts (text, identifiers, deleted and
 * inserted words) with optional detail lines. The terminal prints the parts
 * as they are; the comment is an mdast tree serialised by mdast-util-to-markdown,
 * so spec text is escaped by the serialiser, never by hand.
 */
import { diffWords } from 'diff';
import type { Html, List, ListItem, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown, type Options as MarkdownOptions } from 'mdast-util-to-markdown';
import type { StageId } from '../../schemas/process.ts';
import type { Locale } from '../core/messages.ts';
import type { StepKind } from '../model/process-model.ts';
import type { DiffReport, SpecDiff } from './collect.ts';
import { WARNING_KINDS, type FlowLink, type RoleRef, type Span, type SpecChange, type StageState, type StepRef, type StepSummary, type Subject, type Uncounted } from './semantic.ts';

/** The hidden marker by which CI finds (and updates) its one comment on a pull request. */
export const COMMENT_MARKER = '<!-- processlint-semantic-diff -->';

/** A piece of a rendered line: text, an identifier, or words a change deleted or inserted. */
export type Inline = string | { code: string } | { del: string } | { ins: string };

/** One line of the report, with the lines that detail it (an added step's role, deadline …). */
export interface Line {
  parts: Inline[];
  details?: Line[];
}

type Part = Inline | number | Part[];

/** Builds a line's parts from a template: literal text and interpolated parts (spec text stays plain text until serialised). */
function s(strings: TemplateStringsArray, ...values: Part[]): Inline[] {
  const out: Inline[] = [];
  const push = (value: Part): void => {
    if (Array.isArray(value)) return value.forEach(push);
    const part = typeof value === 'number' ? String(value) : value;
    if (part === '') return;
    // Adjacent texts are one text.
    if (typeof part === 'string' && typeof out.at(-1) === 'string') out[out.length - 1] += part;
    else out.push(part);
  };
  strings.forEach((text, i) => {
    push(text);
    if (i < values.length) push(values[i]!);
  });
  return out;
}

const join = (items: Part[][], separator: string): Inline[] => s`${items.flatMap((item, i) => (i === 0 ? [item] : [separator, item]))}`;

/** Parts as the terminal shows them: identifiers bare, deletions `[-…-]`, insertions `{+…+}` (as `git diff --word-diff`). */
export function plain(parts: Inline[]): string {
  return parts.map((p) => (typeof p === 'string' ? p : 'code' in p ? p.code : 'del' in p ? `[-${p.del}-]` : `{+${p.ins}+}`)).join('').replace(/\s*\n\s*/g, ' ');
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** A word-level diff of two texts: Chinese is cut into words (not characters), other scripts at spaces. */
export function wordDiff(from: string, to: string): Inline[] {
  return diffWords(from, to, { intlSegmenter: segmenter }).map((c): Inline => (c.added ? { ins: c.value } : c.removed ? { del: c.value } : c.value));
}

const STAGE_NAMES: Record<StageId, Record<Locale, string>> = {
  define: { 'zh-CN': '阶段一 明确目标与范围', en: 'stage 1, define goal and scope' },
  analyze: { 'zh-CN': '阶段二 现状调研与分析', en: 'stage 2, analyse the current state' },
  design: { 'zh-CN': '阶段三 设计与优化', en: 'stage 3, design and optimise' },
  review: { 'zh-CN': '阶段四 评审与修订', en: 'stage 4, review and revise' },
  release: { 'zh-CN': '阶段五 发布与培训', en: 'stage 5, release and train' },
  monitor: { 'zh-CN': '阶段六 执行与监控', en: 'stage 6, execute and monitor' },
  improve: { 'zh-CN': '阶段七 持续优化', en: 'stage 7, continuously improve' },
};

const STATUS_NAMES: Record<string, string> = {
  draft: '草稿', review: '评审中', published: '已发布', retired: '已废止', done: '已完成', 'in-progress': '进行中', planned: '计划中', skipped: '跳过',
};

const KIND_NAMES: Record<StepKind, Record<Locale, string>> = {
  task: { 'zh-CN': '任务', en: 'task' },
  approval: { 'zh-CN': '审批', en: 'approval' },
  decision: { 'zh-CN': '决策', en: 'decision' },
};

/** Names of spec fields as the site shows them; a field missing here is shown as its key. */
const FIELD_LABELS: Record<string, Record<Locale, string>> = {
  title: { 'zh-CN': '流程名称', en: 'title' },
  titleEn: { 'zh-CN': '英文名称', en: 'English title' },
  category: { 'zh-CN': '类别', en: 'category' },
  department: { 'zh-CN': '归口部门', en: 'owning department' },
  owner: { 'zh-CN': '流程负责人', en: 'process owner' },
  goal: { 'zh-CN': '流程目标', en: 'goal' },
  summary: { 'zh-CN': '简介', en: 'summary' },
  tags: { 'zh-CN': '标签', en: 'tags' },
  'scope.start': { 'zh-CN': '流程起点', en: 'start of the process' },
  'scope.end': { 'zh-CN': '流程终点', en: 'end of the process' },
  'scope.upstream': { 'zh-CN': '上游流程', en: 'upstream processes' },
  'scope.downstream': { 'zh-CN': '下游流程', en: 'downstream processes' },
  'scope.includes': { 'zh-CN': '适用范围（包括）', en: 'what it covers' },
  'scope.excludes': { 'zh-CN': '不适用范围', en: 'what it does not cover' },
  name: { 'zh-CN': '名称', en: 'name' },
  kind: { 'zh-CN': '类型', en: 'kind' },
  action: { 'zh-CN': '操作说明', en: 'instruction' },
  role: { 'zh-CN': '责任岗位（R）', en: 'responsible role (R)' },
  accountable: { 'zh-CN': '批准岗位（A）', en: 'accountable role (A)' },
  consulted: { 'zh-CN': '征询岗位（C）', en: 'consulted roles (C)' },
  informed: { 'zh-CN': '知会岗位（I）', en: 'informed roles (I)' },
  deadline: { 'zh-CN': '时间要求', en: 'time requirement' },
  inputs: { 'zh-CN': '输入', en: 'inputs' },
  outputs: { 'zh-CN': '输出成果', en: 'outputs' },
  controls: { 'zh-CN': '关键控制点', en: 'control points' },
  tools: { 'zh-CN': '工具/系统', en: 'tools' },
  target: { 'zh-CN': '目标', en: 'target' },
  frequency: { 'zh-CN': '统计频率', en: 'frequency' },
  source: { 'zh-CN': '数据来源', en: 'data source' },
  when: { 'zh-CN': '异常情形', en: 'situation' },
  step: { 'zh-CN': '发生步骤', en: 'step' },
  approvedBy: { 'zh-CN': '签字确认', en: 'signed off by' },
  reviewers: { 'zh-CN': '评审岗位', en: 'reviewers' },
  effective: { 'zh-CN': '生效日期', en: 'effective date' },
  cadence: { 'zh-CN': '监控频率', en: 'cadence' },
  lastReview: { 'zh-CN': '最近复盘', en: 'last review' },
  nextReview: { 'zh-CN': '下次复盘', en: 'next review' },
  notes: { 'zh-CN': '备注', en: 'notes' },
};

/** An exception plan's own words for the fields it shares with steps. */
const EXCEPTION_LABELS: Record<string, Record<Locale, string>> = {
  action: { 'zh-CN': '处理措施', en: 'action' },
  role: { 'zh-CN': '负责岗位', en: 'handled by' },
  deadline: { 'zh-CN': '时限', en: 'time limit' },
};

/** Prose fields: shown as a word-level diff rather than whole before → after. */
const TEXT_FIELDS: ReadonlySet<string> = new Set(['title', 'titleEn', 'goal', 'summary', 'scope.start', 'scope.end', 'name', 'action', 'when', 'notes', 'source']);

const FILE_STATUS: Record<SpecDiff['status'], Record<Locale, string>> = {
  added: { 'zh-CN': '新增', en: 'added' },
  deleted: { 'zh-CN': '删除', en: 'deleted' },
  modified: { 'zh-CN': '修改', en: 'modified' },
  renamed: { 'zh-CN': '移动', en: 'moved' },
  'lint-only': { 'zh-CN': '未修改，检查结果有变化', en: 'unchanged; lint findings changed' },
};

type SectionId = 'warnings' | 'participants' | 'process' | 'steps' | 'kpis' | 'exceptions' | 'lifecycle' | 'body' | 'lint';

const SECTIONS: Array<{ id: SectionId; title: Record<Locale, string> }> = [
  { id: 'warnings', title: { 'zh-CN': '⚠️ 需要处理', en: '⚠️ Needs attention' } },
  { id: 'participants', title: { 'zh-CN': '👥 新承担工作的岗位与部门', en: '👥 Work newly given to roles and departments' } },
  { id: 'process', title: { 'zh-CN': '流程', en: 'Process' } },
  { id: 'steps', title: { 'zh-CN': '步骤', en: 'Steps' } },
  { id: 'kpis', title: { 'zh-CN': '关键绩效指标', en: 'KPIs' } },
  { id: 'exceptions', title: { 'zh-CN': '异常处理预案', en: 'Exception plans' } },
  { id: 'lifecycle', title: { 'zh-CN': '生命周期', en: 'Lifecycle' } },
  { id: 'body', title: { 'zh-CN': '正文', en: 'Body' } },
  { id: 'lint', title: { 'zh-CN': '检查结果', en: 'Lint findings' } },
];

function sectionOf(change: SpecChange): SectionId {
  if (WARNING_KINDS.has(change.kind)) return 'warnings';
  if ('at' in change && change.at) return 'step' in change.at ? 'steps' : 'kpi' in change.at ? 'kpis' : 'stage' in change.at ? 'lifecycle' : 'exceptions';
  switch (change.kind) {
    case 'new-participant': return 'participants';
    case 'step-added': case 'step-removed': case 'step-moved': case 'flow-changed': case 'branch-condition-changed': case 'critical-path': return 'steps';
    case 'kpi-added': case 'kpi-removed': case 'kpi-span-changed': return 'kpis';
    case 'exception-added': case 'exception-removed': return 'exceptions';
    case 'stage-changed': return 'lifecycle';
    case 'body-changed': return 'body';
    case 'lint-introduced': case 'lint-fixed': return 'lint';
    default: return 'process';
  }
}

/** Working minutes as workdays, hours and minutes: `5 个工作日 1 小时 30 分钟` / `5 workdays 1 h 30 min`. */
export function formatMinutes(minutes: number, workdayHours: number, locale: Locale): string {
  const sign = minutes < 0 ? '-' : '';
  let rest = Math.abs(Math.round(minutes));
  const days = Math.floor(rest / (workdayHours * 60));
  rest -= days * workdayHours * 60;
  const hours = Math.floor(rest / 60);
  const mins = rest - hours * 60;
  const zh = locale === 'zh-CN';
  const parts: string[] = [];
  if (days) parts.push(zh ? `${days} 个工作日` : `${days} workday${days === 1 ? '' : 's'}`);
  if (hours) parts.push(zh ? `${hours} 小时` : `${hours} h`);
  if (mins) parts.push(zh ? `${mins} 分钟` : `${mins} min`);
  return sign + (parts.length ? parts.join(' ') : zh ? '0 分钟' : '0 min');
}

function nextVersions(version: string): string {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!match) return '';
  const [major, minor, patch] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return `${major}.${minor}.${patch + 1} / ${major}.${minor + 1}.0`;
}

/** A lint message's own `identifiers` stay identifiers; the rest is text. */
function messageParts(message: string): Inline[] {
  return message.split(/(`[^`\n]+`)/).flatMap((piece, i): Inline[] => (i % 2 === 1 ? [{ code: piece.slice(1, -1) }] : piece ? [piece] : []));
}

/** The words of one locale. */
function words(locale: Locale) {
  const zh = locale === 'zh-CN';
  const q = (text: string): Inline[] => (zh ? s`「${text}」` : s`“${text}”`);
  const code = (id: string): Inline => ({ code: id });
  const paren = (inner: Part): Inline[] => (zh ? s`（${inner}）` : s` (${inner})`);
  const step = (ref: StepRef): Inline[] => s`${q(ref.name)}${paren(code(ref.id))}`;
  const roleName = (r: RoleRef) => (zh ? r.name : r.nameEn ?? r.name);
  const role = (r: RoleRef): Inline[] => {
    const name = roleName(r);
    return name ? s`${name}${paren(code(r.id))}` : s`${code(r.id)}`;
  };
  const department = (r: RoleRef): string | undefined => (r.department ? (zh ? r.department.name : r.department.nameEn ?? r.department.name) : undefined);
  const roleAndDepartment = (r: RoleRef): Inline[] => {
    const dept = department(r);
    return dept ? s`${role(r)}${zh ? '，' : ', '}${dept}` : role(r);
  };
  const roles = (rs: RoleRef[]): Inline[] => (rs.length ? join(rs.map(role), zh ? '、' : ', ') : s`${zh ? '未指定' : 'none'}`);
  // A form name already has its 《》 and needs no quotes around it.
  const item = (text: string): Inline[] => (/^《[^《》]*》$/.test(text) ? s`${text}` : q(text));
  const items = (texts: string[]): Inline[] => join(texts.map(item), zh ? '、' : ', ');
  const unset = zh ? '未填写' : 'not set';
  /** The field's name as the site shows it; a field without one is shown as its key. */
  const label = (field: string, at?: Subject): string | undefined => ((at && 'exception' in at ? EXCEPTION_LABELS[field] : undefined) ?? FIELD_LABELS[field])?.[locale];
  const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
  const detail = (field: string, at: Subject | undefined, parts: Inline[]): Line => ({ parts: s`${capital(label(field, at) ?? field)}${zh ? '：' : ': '}${parts}` });
  /** "步骤「X」（`x`）的时间要求" / "Step “X” (`x`), time requirement". */
  const subject = (field: string, at?: Subject): Inline[] => {
    const name = label(field, at);
    const shown: Inline = name ?? code(field);
    if (!at) return s`${name !== undefined && !zh ? capital(name) : shown}`;
    if ('step' in at) return zh ? s`步骤${step(at.step)}的${shown}` : s`Step ${step(at.step)}, ${shown}`;
    if ('kpi' in at) return zh ? s`指标${q(at.kpi.name)}的${shown}` : s`KPI ${q(at.kpi.name)}, ${shown}`;
    if ('stage' in at) return zh ? s`${STAGE_NAMES[at.stage][locale]}${paren(code(at.stage))}的${shown}` : s`Lifecycle ${STAGE_NAMES[at.stage][locale]} (${code(at.stage)}), ${shown}`;
    return zh ? s`异常预案${q(at.exception.when)}的${shown}` : s`Exception plan ${q(at.exception.when)}, ${shown}`;
  };
  const value = (field: string, text: string): Inline[] => (field === 'kind' && text in KIND_NAMES ? s`${KIND_NAMES[text as StepKind][locale]}${paren(code(text))}` : field === 'step' ? s`${code(text)}` : q(text));
  const valueChange = (field: string, from?: string, to?: string): Inline[] => {
    if (from !== undefined && to !== undefined && TEXT_FIELDS.has(field)) return wordDiff(from, to);
    return s`${from !== undefined ? value(field, from) : unset} → ${to !== undefined ? value(field, to) : unset}`;
  };
  const link = (l: FlowLink): Inline[] =>
    s`${step(l.step)}${l.when !== undefined ? (zh ? s`（条件${q(l.when)}）` : s` (when ${q(l.when)})`) : ''}${l.via === 'parallel' ? (zh ? '（并行）' : ' (in parallel)') : ''}${l.loop ? (zh ? '（退回）' : ' (loop back)') : ''}`;
  const flow = (ls: FlowLink[], none: string): Inline[] => (ls.length ? join(ls.map(link), zh ? '；' : '; ') : s`${none}`);
  const end = zh ? '流程结束' : 'end of process';
  const spanText = (sp: Span): Inline[] =>
    zh ? s`从${sp.from ? step(sp.from) : '流程开始'}到${sp.to ? step(sp.to) : '流程结束'}` : s`from ${sp.from ? step(sp.from) : 'the start'} to ${sp.to ? step(sp.to) : 'the end'}`;
  const status = (st: string): Inline[] => (zh && STATUS_NAMES[st] ? s`${STATUS_NAMES[st]} ${code(st)}` : s`${code(st)}`);
  const stage = (st?: StageState): Inline[] => (st ? s`${status(st.status)}${st.date ? paren(st.date) : ''}` : s`${zh ? '未填写' : 'absent'}`);
  const uncounted = (u: Uncounted): Inline[] =>
    u.deadline === undefined
      ? zh ? s`步骤${step(u.step)}没有时间要求` : s`step ${step(u.step)} has no time requirement`
      : zh ? s`步骤${step(u.step)}的时间要求${q(u.deadline)}无法识别` : s`step ${step(u.step)}'s time requirement ${q(u.deadline)} cannot be read`;

  function stepDetails(d: StepSummary): Line[] {
    const lines: Line[] = [
      { parts: s`${zh ? '上一步：' : 'Comes after: '}${flow(d.previous, zh ? '无（流程起点）' : 'nothing (it starts the process)')}` },
      { parts: s`${zh ? '下一步：' : 'Leads to: '}${flow(d.next, end)}` },
    ];
    if (d.kind !== 'task') lines.push(detail('kind', undefined, value('kind', d.kind)));
    lines.push(detail('role', undefined, d.role ? roleAndDepartment(d.role) : s`${zh ? '未指定' : 'none'}`));
    for (const field of ['accountable', 'consulted', 'informed'] as const) if (d[field].length) lines.push(detail(field, undefined, roles(d[field])));
    const readable = d.deadlineReadable ? '' : zh ? '（无法识别，关键路径未计入）' : ' (cannot be read; not counted in the critical path)';
    lines.push(detail('deadline', undefined, d.deadline === undefined ? s`${unset}${zh ? '（关键路径按 0 计）' : ' (the critical path counts it as nothing)'}` : s`${q(d.deadline)}${readable}`));
    if (d.action !== undefined) lines.push(detail('action', undefined, q(d.action)));
    for (const field of ['inputs', 'outputs', 'controls', 'tools'] as const) if (d[field].length) lines.push(detail(field, undefined, items(d[field])));
    return lines;
  }

  function describe(change: SpecChange): Line {
    const line = (parts: Inline[], details?: Line[]): Line => (details?.length ? { parts, details } : { parts });
    switch (change.kind) {
      case 'spec-added': return line(zh ? s`新增流程${q(change.title)}${paren(code(change.id))}` : s`New process ${q(change.title)} (${code(change.id)})`);
      case 'spec-removed': return line(zh ? s`删除流程${q(change.title)}${paren(code(change.id))}` : s`Process ${q(change.title)} (${code(change.id)}) deleted`);
      case 'spec-renamed': return line(zh ? s`文件由 ${code(change.from)} 移动到 ${code(change.to)}` : s`File moved from ${code(change.from)} to ${code(change.to)}`);
      case 'spec-invalid':
        return line(
          change.side === 'after'
            ? s`${zh ? '新版本不符合流程规范结构，无法逐项比较；请按下方检查结果修正。' : 'The new version does not match the spec schema, so it cannot be compared item by item; fix the lint findings below.'}`
            : s`${zh ? '旧版本不符合流程规范结构，无法逐项比较。' : 'The old version did not match the spec schema, so it cannot be compared item by item.'}`,
        );
      case 'status-changed': return line(zh ? s`状态：${status(change.from)} → ${status(change.to)}` : s`Status: ${code(change.from)} → ${code(change.to)}`);
      case 'version-changed': return line(zh ? s`版本：${change.from} → ${change.to}` : s`Version: ${change.from} → ${change.to}`);
      case 'history-added':
      case 'history-removed': {
        const h = change.entry;
        const added = change.kind === 'history-added';
        return line(zh ? s`${added ? '新增' : '删除'}修订记录 ${h.version}（${h.date}，${h.author}）：${h.change}` : s`History entry ${h.version} ${added ? 'added' : 'removed'} (${h.date}, ${h.author}): ${h.change}`);
      }
      case 'value-changed': return line(s`${subject(change.field, change.at)}${zh ? '：' : ': '}${valueChange(change.field, change.from, change.to)}`);
      case 'items-changed': {
        const parts: Inline[][] = [];
        if (change.added.length) parts.push(s`${zh ? '新增' : 'added '}${items(change.added)}`);
        if (change.removed.length) parts.push(s`${zh ? '删除' : 'removed '}${items(change.removed)}`);
        return line(s`${subject(change.field, change.at)}${zh ? '：' : ': '}${join(parts, zh ? '；' : '; ')}`);
      }
      case 'roles-changed': return line(s`${subject(change.field, change.at)}${zh ? '：' : ': '}${roles(change.from)} → ${roles(change.to)}`);
      case 'new-participant': {
        const where: Inline[][] = [...change.steps.map((st) => (zh ? s`步骤${step(st)}` : s`step ${step(st)}`)), ...change.exceptions.map((e) => (zh ? s`异常预案${q(e.when)}` : s`exception plan ${q(e.when)}`))];
        const dept = department(change.role);
        const parts = zh
          ? s`${role(change.role)}首次在本流程中承担工作：${join(where, '、')}。${change.newDepartment && dept ? `${dept}此前没有参与本流程。` : ''}`
          : s`${role(change.role)} takes on work in this process for the first time: ${join(where, ', ')}.${change.newDepartment && dept ? ` ${dept} had no part in it before.` : ''}`;
        const reviewers = change.reviewers.length
          ? zh ? s`需请 ${change.reviewers.join(' ')} 审核。` : s` Needs review by ${change.reviewers.join(' ')}.`
          : zh ? s`org.yml 中该岗位及其部门都没有 ${code('github')}，无法自动请其审核：请在 PR 中 @ 其负责人。` : s` Neither the role nor its department has a ${code('github')} in org.yml, so nobody is asked automatically: mention its lead in the PR.`;
        return line(s`${parts}${reviewers}`);
      }
      case 'step-added':
        return line(zh ? s`新增第 ${change.position} 步${step(change.step)}` : s`New step ${change.position}: ${step(change.step)}`, stepDetails(change.detail));
      case 'step-removed':
        return line(zh ? s`删除原第 ${change.position} 步${step(change.step)}` : s`Step ${step(change.step)} removed (was step ${change.position})`, stepDetails(change.detail));
      case 'step-moved':
        return line(zh ? s`步骤${step(change.step)}在流程中的位置：第 ${change.from} 步 → 第 ${change.to} 步` : s`Step ${step(change.step)} moved in the flow: step ${change.from} → step ${change.to}`);
      case 'flow-changed':
        return line(zh ? s`步骤${step(change.step)}的下一步：${flow(change.from, end)} → ${flow(change.to, end)}` : s`Step ${step(change.step)} now leads to ${flow(change.to, end)} (was ${flow(change.from, end)})`);
      case 'branch-condition-changed': {
        const diff = change.from !== undefined && change.to !== undefined ? wordDiff(change.from, change.to) : s`${change.from !== undefined ? q(change.from) : unset} → ${change.to !== undefined ? q(change.to) : unset}`;
        return line(zh ? s`步骤${step(change.step)}转到${step(change.target)}的条件：${diff}` : s`Step ${step(change.step)}, condition for going to ${step(change.target)}: ${diff}`);
      }
      case 'critical-path': {
        const show = (m?: number) => (m === undefined ? (zh ? '无法计算' : 'not computable') : formatMinutes(m, change.workdayHours, locale));
        const basis = zh ? `（按每个工作日 ${change.workdayHours} 小时计）` : ` (${change.workdayHours}-hour workdays)`;
        const total =
          change.before !== undefined && change.before === change.after
            ? zh ? s`关键路径总时长不变：${show(change.after)}${basis}` : s`Critical path total unchanged: ${show(change.after)}${basis}`
            : s`${zh ? '关键路径总时长：' : 'Critical path total: '}${show(change.before)} → ${show(change.after)}${change.before !== undefined && change.after !== undefined ? paren(`${change.after > change.before ? '+' : ''}${formatMinutes(change.after - change.before, change.workdayHours, locale)}`) : ''}${basis}`;
        const missing = (us: Uncounted[], which: string) => (us.length ? s`${zh ? '；' : '; '}${which}${join(us.map(uncounted), zh ? '；' : '; ')}` : []);
        const newly = missing(change.uncountedAfter, zh ? '未计入（实际可能更长）：' : 'not counted (the real total may be longer): ');
        const earlier = missing(change.uncountedBefore, zh ? '旧版本未计入：' : 'not counted in the old version: ');
        return line(s`${total}${newly}${earlier}`);
      }
      case 'kpi-added':
      case 'kpi-removed': {
        const k = change.kpi;
        const extra = [
          ...(k.span ? [zh ? s`统计范围${spanText(k.span)}` : s`measured ${spanText(k.span)}`] : []),
          ...(k.frequency !== undefined ? [zh ? s`统计频率${q(k.frequency)}` : s`frequency ${q(k.frequency)}`] : []),
          ...(k.source !== undefined ? [zh ? s`数据来源${q(k.source)}` : s`data source ${q(k.source)}`] : []),
        ];
        const rest = extra.length ? s`${zh ? '，' : ', '}${join(extra, zh ? '，' : ', ')}` : [];
        return line(
          change.kind === 'kpi-added'
            ? zh ? s`新增指标${q(k.name)}${paren(code(k.id))}，目标${q(k.target)}${rest}` : s`KPI ${q(k.name)} (${code(k.id)}) added, target ${q(k.target)}${rest}`
            : zh ? s`删除指标${q(k.name)}${paren(code(k.id))}（原目标${q(k.target)}${rest}）` : s`KPI ${q(k.name)} (${code(k.id)}) removed (target was ${q(k.target)}${rest})`,
        );
      }
      case 'kpi-span-changed':
        return line(zh ? s`指标${q(change.kpi.name)}的统计范围：${spanText(change.from)} → ${spanText(change.to)}` : s`KPI ${q(change.kpi.name)}, measured span: ${spanText(change.from)} → ${spanText(change.to)}`);
      case 'exception-added':
      case 'exception-removed': {
        const e = change.exception;
        const at = { exception: e };
        const details: Line[] = [
          detail('action', at, q(e.action)),
          ...(e.role ? [detail('role', at, roleAndDepartment(e.role))] : []),
          ...(e.deadline !== undefined ? [detail('deadline', at, q(e.deadline))] : []),
          ...(e.step ? [detail('step', at, step(e.step))] : []),
        ];
        const added = change.kind === 'exception-added';
        return line(zh ? s`${added ? '新增' : '删除'}异常预案${q(e.when)}` : s`Exception plan ${q(e.when)} ${added ? 'added' : 'removed'}`, details);
      }
      case 'stage-changed': {
        const name = STAGE_NAMES[change.stage][locale];
        return line(zh ? s`${name}（${code(change.stage)}）：${stage(change.from)} → ${stage(change.to)}` : s`Lifecycle ${name} (${code(change.stage)}): ${stage(change.from)} → ${stage(change.to)}`);
      }
      case 'body-changed': {
        const where = change.section !== undefined ? (zh ? s`${q(change.section)}一节` : s`, section ${q(change.section)}`) : [];
        if (change.from !== undefined && change.to !== undefined) return line(zh ? s`正文${where}修改：${wordDiff(change.from, change.to)}` : s`Body${where}, paragraph changed: ${wordDiff(change.from, change.to)}`);
        if (change.to !== undefined) return line(zh ? s`正文${where}新增段落：${q(change.to)}` : s`Body${where}, paragraph added: ${q(change.to)}`);
        return line(zh ? s`正文${where}删除段落：${q(change.from ?? '')}` : s`Body${where}, paragraph removed: ${q(change.from ?? '')}`);
      }
      case 'lint-introduced':
      case 'lint-fixed': {
        const f = change.finding;
        const severity = f.severity === 'error' ? (zh ? '错误' : 'error') : zh ? '警告' : 'warning';
        const what = change.kind === 'lint-introduced' ? (zh ? '新问题' : 'New') : zh ? '已修复' : 'Fixed';
        const at = change.kind === 'lint-introduced' ? (zh ? `，第 ${f.line} 行` : `, line ${f.line}`) : '';
        return line(zh ? s`${what}（${severity}）${code(f.ruleId)}${at}：${messageParts(f.message)}` : s`${what} ${severity} ${code(f.ruleId)}${at}: ${messageParts(f.message)}`);
      }
      case 'version-not-bumped':
        return line(
          zh
            ? s`这是已发布（published）的流程，修改后版本号仍为 ${change.version}。请升级 ${code('version')}（例如 ${nextVersions(change.version)}）。`
            : s`This process is published, yet its version is still ${change.version} after the change. Bump ${code('version')} (e.g. ${nextVersions(change.version)}).`,
        );
      case 'history-not-added':
        return line(
          zh
            ? s`这是已发布（published）的流程，但 ${code('history')} 中没有为本次修改新增修订记录。请为新版本添加一条（version、date、author、change）。`
            : s`This process is published, but ${code('history')} has no new entry for this change. Add one (version, date, author, change).`,
        );
    }
  }

  return { describe, code, q };
}

/** One change as a line with its details. */
export function describeChange(change: SpecChange, locale: Locale): Line {
  return words(locale).describe(change);
}

/** One spec's changes as the pull-request comment lists them: its sections, each with its title and lines (for the in-browser editor's summary). */
export function describeSections(changes: SpecChange[], locale: Locale): Array<{ title: string; lines: Line[] }> {
  const say = words(locale);
  return grouped(changes).map((section) => ({ title: section.title[locale], lines: section.changes.map(say.describe) }));
}

function grouped(changes: SpecChange[]): Array<{ title: Record<Locale, string>; changes: SpecChange[] }> {
  return SECTIONS.map((section) => ({ title: section.title, changes: changes.filter((c) => sectionOf(c) === section.id) })).filter((s) => s.changes.length > 0);
}

function heading(spec: SpecDiff, locale: Locale): string {
  return locale === 'zh-CN' ? `${spec.title}（${spec.id}）— ${FILE_STATUS[spec.status][locale]}` : `${spec.title} (${spec.id}) — ${FILE_STATUS[spec.status][locale]}`;
}

function intro(report: DiffReport, locale: Locale): Inline[][] {
  const zh = locale === 'zh-CN';
  const code = (id: string): Inline => ({ code: id });
  const head = report.head ? code(report.head) : zh ? '工作区' : 'the working tree';
  const lines = [zh ? s`对比 ${code(report.base)} → ${head}：${report.specs.length} 个流程有变化。` : s`Comparing ${code(report.base)} → ${head}: ${report.specs.length} process${report.specs.length === 1 ? '' : 'es'} changed.`];
  if (report.forkPoint) lines.push(zh ? s`从当前分支与 ${code(report.base)} 的分叉点 ${code(report.forkPoint)} 起比较，${code(report.base)} 此后的修改不计入。` : s`Compared from where this branch forked from ${code(report.base)} (${code(report.forkPoint)}); later changes on ${code(report.base)} are not counted.`);
  if (report.fallback) lines.push(zh ? s`没有 ${code('origin/main')}，改为与 ${code(report.fallback)} 对比。` : s`No ${code('origin/main')}; compared with ${code(report.fallback)} instead.`);
  if (report.orgChanged) lines.push(zh ? s`组织注册表 ${code('processes/org.yml')} 也有修改。` : s`The org registry ${code('processes/org.yml')} changed too.`);
  if (report.reviewRequests.length) {
    const who = report.reviewRequests.join(' ');
    lines.push(zh ? s`本次修改给其他部门或岗位新增了工作，需请 ${who} 审核（见下方“新承担工作的岗位与部门”）。` : s`This change gives work to roles that had no part in it before; it needs review by ${who} (see “Work newly given” below).`);
  }
  for (const note of report.notes) lines.push([note]);
  return lines;
}

function legend(spec: SpecDiff, locale: Locale): Inline[] | undefined {
  if (spec.removedSteps.length === 0 && Object.keys(spec.highlight).length === 0) return undefined;
  const zh = locale === 'zh-CN';
  const ids = (kind: string) => Object.entries(spec.highlight).filter(([, k]) => k === kind).map(([id]): Inline[] => [{ code: id }]);
  const parts: Inline[][] = [];
  const [added, changed] = [ids('added'), ids('changed')];
  const list = (items: Inline[][]) => join(items, zh ? '、' : ', ');
  if (added.length) parts.push(zh ? s`新增（绿色）：${list(added)}` : s`added (green): ${list(added)}`);
  if (changed.length) parts.push(zh ? s`修改（黄色）：${list(changed)}` : s`changed (amber): ${list(changed)}`);
  if (spec.removedSteps.length) {
    const removed = list(spec.removedSteps.map((st): Inline[] => [{ code: st.id }]));
    parts.push(zh ? s`已删除（不在新流程图中）：${removed}` : s`removed (not in the new flowchart): ${removed}`);
  }
  return s`${zh ? '流程图标记：' : 'Flowchart marks: '}${join(parts, zh ? '；' : '; ')}`;
}

export interface RenderOptions {
  locale: Locale;
  /** Include the Mermaid flowcharts in plain text (Markdown has them unless it would be too long). */
  mermaid?: boolean;
  /** Longest Markdown to produce, in characters (a GitHub comment holds 65,536). */
  maxLength?: number;
}

export const MAX_COMMENT_LENGTH = 65_000;

function textLines(line: Line, indent: string): string[] {
  return [`${indent}- ${plain(line.parts)}`, ...(line.details ?? []).flatMap((d) => textLines(d, `${indent}    `))];
}

export function renderText(report: DiffReport, options: RenderOptions): string {
  const { locale } = options;
  const zh = locale === 'zh-CN';
  const out = intro(report, locale).map(plain);
  if (report.specs.length === 0) out.push(zh ? '没有流程规范被修改。' : 'No process spec changed.');
  const say = words(locale);
  for (const spec of report.specs) {
    out.push('', `== ${heading(spec, locale)} ==`, `   ${spec.oldFile && spec.oldFile !== spec.file ? `${spec.oldFile} → ` : ''}${spec.file}`);
    for (const section of grouped(spec.changes)) {
      out.push(`${section.title[locale]}${zh ? '：' : ':'}`);
      for (const change of section.changes) out.push(...textLines(say.describe(change), '  '));
    }
    if (spec.changes.length === 0) out.push(zh ? '  （只有格式有变化）' : '  (only formatting changed)');
    const marks = legend(spec, locale);
    if (marks) out.push(plain(marks));
    if (options.mermaid && spec.mermaid) out.push(zh ? '流程图（Mermaid）：' : 'Flowchart (Mermaid):', spec.mermaid.trimEnd());
  }
  return `${out.join('\n')}\n`;
}

/** Inline parts as mdast: identifiers as code, deletions and insertions as GitHub's `<del>`/`<ins>` around escaped text. */
function phrasing(parts: Inline[]): PhrasingContent[] {
  const text = (value: string): PhrasingContent => ({ type: 'text', value: value.replace(/\s*\n\s*/g, ' ') });
  const html = (value: string): Html => ({ type: 'html', value });
  return parts.flatMap((p): PhrasingContent[] => {
    if (typeof p === 'string') return [text(p)];
    if ('code' in p) return [{ type: 'inlineCode', value: p.code }];
    if ('del' in p) return [html('<del>'), text(p.del), html('</del>')];
    return [html('<ins>'), text(p.ins), html('</ins>')];
  });
}

const paragraph = (parts: Inline[]): Paragraph => ({ type: 'paragraph', children: phrasing(parts) });

function bulletList(lines: Line[]): List {
  return {
    type: 'list',
    ordered: false,
    spread: false,
    children: lines.map((line): ListItem => ({ type: 'listItem', spread: false, children: [paragraph(line.parts), ...(line.details?.length ? [bulletList(line.details)] : [])] })),
  };
}

/** GFM, as GitHub reads comments; it also renders `$…$` as maths, so `$` is escaped like any other syntax. */
const markdownOptions = (): MarkdownOptions => ({ bullet: '-', listItemIndent: 'one', fences: true, extensions: [gfmToMarkdown()], unsafe: [{ character: '$', inConstruct: 'phrasing' }] });

/**
 * The pull-request comment. When it would not fit in one comment, the flowcharts
 * go first (the site preview has them), then the specs that do not fit, each
 * time with a note saying so; the marker stays first so CI still finds it.
 */
export function renderMarkdown(report: DiffReport, options: RenderOptions): string {
  const limit = options.maxLength ?? MAX_COMMENT_LENGTH;
  const full = markdown(report, options, true, report.specs.length);
  if (full.length <= limit) return full;
  const zh = options.locale === 'zh-CN';
  const noCharts = zh ? '评论篇幅有限，已省略流程图；请在网站预览中查看。' : 'The comment is too long for the flowcharts; see them in the site preview.';
  let shown = report.specs.length;
  let text = markdown(report, options, false, shown, [noCharts]);
  while (text.length > limit && shown > 0) {
    shown--;
    const rest = report.specs.length - shown;
    const cut = zh ? `还有 ${rest} 个流程的变化未能列出（评论篇幅有限），请在本地运行 npm run diff 查看。` : `${rest} more changed process${rest === 1 ? '' : 'es'} not listed (the comment is too long); run npm run diff locally to see them.`;
    text = markdown(report, options, false, shown, [noCharts, cut]);
  }
  return text;
}

function markdown(report: DiffReport, options: RenderOptions, charts: boolean, shown: number, notes: string[] = []): string {
  const { locale } = options;
  const zh = locale === 'zh-CN';
  const say = words(locale);
  const html = (value: string): Html => ({ type: 'html', value });
  const out: RootContent[] = [html(COMMENT_MARKER), { type: 'heading', depth: 2, children: [{ type: 'text', value: zh ? '流程变更摘要' : 'Process changes' }] }, ...intro(report, locale).map(paragraph)];
  if (report.specs.length === 0) out.push(paragraph([zh ? '没有流程规范被修改。' : 'No process spec changed.']));
  for (const spec of report.specs.slice(0, shown)) {
    out.push({ type: 'heading', depth: 3, children: phrasing([heading(spec, locale)]) });
    out.push(paragraph(spec.oldFile && spec.oldFile !== spec.file ? [{ code: spec.oldFile }, ' → ', { code: spec.file }] : [{ code: spec.file }]));
    for (const section of grouped(spec.changes)) {
      out.push({ type: 'paragraph', children: [{ type: 'strong', children: [{ type: 'text', value: section.title[locale] }] }] });
      out.push(bulletList(section.changes.map(say.describe)));
    }
    if (spec.changes.length === 0) out.push(paragraph([zh ? '只有格式有变化。' : 'Only formatting changed.']));
    const marks = legend(spec, locale);
    if (spec.mermaid && charts) {
      out.push(html(`<details open><summary>${zh ? '新版流程图' : 'Flowchart of the new version'}</summary>`));
      if (marks) out.push(paragraph(marks));
      out.push({ type: 'code', lang: 'mermaid', value: spec.mermaid.trimEnd() }, html('</details>'));
    } else if (marks) out.push(paragraph(marks));
  }
  for (const note of notes) out.push({ type: 'blockquote', children: [paragraph([note])] });
  const root: Root = { type: 'root', children: out };
  return toMarkdown(root, markdownOptions());
}
