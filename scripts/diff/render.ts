/**
 * The semantic diff in words: plain text for the terminal, Markdown for a
 * pull-request comment. Pure functions of the report; Chinese or English.
 */
import type { StageId } from '../../schemas/process.ts';
import type { Locale } from '../core/messages.ts';
import type { DiffReport, SpecDiff } from './collect.ts';
import { WARNING_KINDS, type ChangeKind, type RoleRef, type SpecChange, type StageState } from './semantic.ts';

/** The hidden marker by which CI finds (and updates) its one comment on a pull request. */
export const COMMENT_MARKER = '<!-- processlint-semantic-diff -->';

type Esc = (text: string) => string;

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

const FILE_STATUS: Record<SpecDiff['status'], Record<Locale, string>> = {
  added: { 'zh-CN': '新增', en: 'added' },
  deleted: { 'zh-CN': '删除', en: 'deleted' },
  modified: { 'zh-CN': '修改', en: 'modified' },
  renamed: { 'zh-CN': '移动', en: 'moved' },
  'lint-only': { 'zh-CN': '未修改，检查结果有变化', en: 'unchanged; lint findings changed' },
};

const SECTIONS: Array<{ title: Record<Locale, string>; kinds: ChangeKind[] }> = [
  { title: { 'zh-CN': '⚠️ 需要处理', en: '⚠️ Needs attention' }, kinds: [...WARNING_KINDS] },
  { title: { 'zh-CN': '流程', en: 'Process' }, kinds: ['spec-added', 'spec-removed', 'spec-renamed', 'title-changed', 'owner-changed', 'status-changed', 'version-changed', 'history-added', 'fields-changed'] },
  {
    title: { 'zh-CN': '步骤', en: 'Steps' },
    kinds: ['step-added', 'step-removed', 'step-renamed', 'step-moved', 'role-changed', 'deadline-changed', 'critical-path', 'flow-changed', 'control-added', 'control-removed', 'output-added', 'output-removed', 'step-fields-changed'],
  },
  { title: { 'zh-CN': '关键绩效指标', en: 'KPIs' }, kinds: ['kpi-added', 'kpi-removed', 'kpi-target-changed'] },
  { title: { 'zh-CN': '生命周期', en: 'Lifecycle' }, kinds: ['stage-changed'] },
  { title: { 'zh-CN': '检查结果', en: 'Lint findings' }, kinds: ['lint-introduced', 'lint-fixed'] },
];

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

/** One change as a sentence. `esc` escapes spec text for the output format; `code` marks identifiers. */
export function describeChange(change: SpecChange, locale: Locale, esc: Esc = (t) => t, code: Esc = (t) => `\`${t}\``): string {
  const zh = locale === 'zh-CN';
  const q = (text: string) => (zh ? `「${esc(text)}」` : `“${esc(text)}”`);
  const paren = (text: string) => (zh ? `（${text}）` : ` (${text})`);
  const step = (s: { id: string; name: string }) => `${q(s.name)}${paren(code(s.id))}`;
  const role = (r: RoleRef) => (r.name ? `${esc(r.name)}${paren(code(r.id))}` : code(r.id));
  const roles = (rs: RoleRef[]) => (rs.length ? rs.map(role).join(', ') : zh ? '未指定' : 'none');
  const status = (s: string) => (zh && STATUS_NAMES[s] ? `${STATUS_NAMES[s]} ${code(s)}` : code(s));
  const stage = (s?: StageState) => (s ? `${status(s.status)}${s.date ? paren(s.date) : ''}` : zh ? '未填写' : 'absent');
  const unset = zh ? '未填写' : 'not set';
  switch (change.kind) {
    case 'spec-added': return zh ? `新增流程${q(change.title)}${paren(code(change.id))}` : `New process ${q(change.title)} (${code(change.id)})`;
    case 'spec-removed': return zh ? `删除流程${q(change.title)}${paren(code(change.id))}` : `Process ${q(change.title)} (${code(change.id)}) deleted`;
    case 'spec-renamed': return zh ? `文件由 ${code(change.from)} 移动到 ${code(change.to)}` : `File moved from ${code(change.from)} to ${code(change.to)}`;
    case 'spec-invalid':
      return change.side === 'after'
        ? zh ? '新版本不符合流程规范结构，无法逐项比较；请按下方检查结果修正。' : 'The new version does not match the spec schema, so it cannot be compared item by item; fix the lint findings below.'
        : zh ? '旧版本不符合流程规范结构，无法逐项比较。' : 'The old version did not match the spec schema, so it cannot be compared item by item.';
    case 'title-changed': return zh ? `流程名称：${q(change.from)} → ${q(change.to)}` : `Title: ${q(change.from)} → ${q(change.to)}`;
    case 'owner-changed': return zh ? `流程负责人：${role(change.from)} → ${role(change.to)}` : `Process owner: ${role(change.from)} → ${role(change.to)}`;
    case 'status-changed': return zh ? `状态：${status(change.from)} → ${status(change.to)}` : `Status: ${code(change.from)} → ${code(change.to)}`;
    case 'version-changed': return zh ? `版本：${change.from} → ${change.to}` : `Version: ${change.from} → ${change.to}`;
    case 'fields-changed': {
      const parts = [...change.fields.map((f) => code(f)), ...(change.body ? [zh ? '正文' : 'the prose body'] : [])];
      return zh ? `其他修改：${parts.join('、')}` : `Also changed: ${parts.join(', ')}`;
    }
    case 'step-fields-changed':
      return zh ? `步骤${step(change.step)}的其他修改：${change.fields.map((f) => code(f)).join('、')}` : `Step ${step(change.step)}, also changed: ${change.fields.map((f) => code(f)).join(', ')}`;
    case 'history-added': {
      const h = change.entry;
      return zh ? `新增修订记录 ${h.version}（${h.date}，${esc(h.author)}）：${esc(h.change)}` : `History entry ${h.version} added (${h.date}, ${esc(h.author)}): ${esc(h.change)}`;
    }
    case 'step-added': return zh ? `新增步骤${step(change.step)}，位于第 ${change.position} 步` : `Step ${step(change.step)} added at position ${change.position}`;
    case 'step-removed': return zh ? `删除步骤${step(change.step)}（原第 ${change.position} 步）` : `Step ${step(change.step)} removed (was position ${change.position})`;
    case 'step-renamed': return zh ? `步骤 ${code(change.step.id)} 改名：${q(change.from)} → ${q(change.step.name)}` : `Step ${code(change.step.id)} renamed: ${q(change.from)} → ${q(change.step.name)}`;
    case 'step-moved': return zh ? `步骤${step(change.step)}顺序调整：第 ${change.from} 步 → 第 ${change.to} 步` : `Step ${step(change.step)} moved: position ${change.from} → ${change.to}`;
    case 'role-changed': {
      const field = change.field === 'role' ? (zh ? '责任岗位（R）' : 'responsible role (R)') : zh ? '批准岗位（A）' : 'accountable role (A)';
      return zh ? `步骤${step(change.step)}的${field}：${roles(change.from)} → ${roles(change.to)}` : `Step ${step(change.step)}, ${field}: ${roles(change.from)} → ${roles(change.to)}`;
    }
    case 'deadline-changed': {
      const [from, to] = [change.from !== undefined ? q(change.from) : unset, change.to !== undefined ? q(change.to) : unset];
      return zh ? `步骤${step(change.step)}的时间要求：${from} → ${to}` : `Step ${step(change.step)}, time requirement: ${from} → ${to}`;
    }
    case 'critical-path': {
      const show = (m?: number) => (m === undefined ? (zh ? '无法计算' : 'not computable') : formatMinutes(m, change.workdayHours, locale));
      const basis = zh ? `（按每个工作日 ${change.workdayHours} 小时计）` : ` (${change.workdayHours}-hour workdays)`;
      if (change.before !== undefined && change.before === change.after) return zh ? `关键路径总时长不变：${show(change.after)}${basis}` : `Critical path total unchanged: ${show(change.after)}${basis}`;
      const delta = change.before !== undefined && change.after !== undefined ? paren(`${change.after > change.before ? '+' : ''}${formatMinutes(change.after - change.before, change.workdayHours, locale)}`) : '';
      return zh ? `关键路径总时长：${show(change.before)} → ${show(change.after)}${delta}${basis}` : `Critical path total: ${show(change.before)} → ${show(change.after)}${delta}${basis}`;
    }
    case 'flow-changed': {
      const list = (ts: string[]) => (ts.length ? ts.map((t) => esc(t)).join(', ') : zh ? '流程结束' : 'end of process');
      return zh ? `步骤${step(change.step)}的去向：${list(change.from)} → ${list(change.to)}` : `Step ${step(change.step)} now leads to ${list(change.to)} (was ${list(change.from)})`;
    }
    case 'control-added': return zh ? `步骤${step(change.step)}新增关键控制点：${q(change.text)}` : `Step ${step(change.step)}: control point added: ${q(change.text)}`;
    case 'control-removed': return zh ? `步骤${step(change.step)}删除关键控制点：${q(change.text)}` : `Step ${step(change.step)}: control point removed: ${q(change.text)}`;
    case 'output-added': return zh ? `步骤${step(change.step)}新增输出成果：${q(change.text)}` : `Step ${step(change.step)}: output added: ${q(change.text)}`;
    case 'output-removed': return zh ? `步骤${step(change.step)}删除输出成果：${q(change.text)}` : `Step ${step(change.step)}: output removed: ${q(change.text)}`;
    case 'kpi-added': return zh ? `新增指标${q(change.kpi.name)}，目标${q(change.target)}` : `KPI ${q(change.kpi.name)} added, target ${q(change.target)}`;
    case 'kpi-removed': return zh ? `删除指标${q(change.kpi.name)}（原目标${q(change.target)}）` : `KPI ${q(change.kpi.name)} removed (target was ${q(change.target)})`;
    case 'kpi-target-changed': return zh ? `指标${q(change.kpi.name)}的目标：${q(change.from)} → ${q(change.to)}` : `KPI ${q(change.kpi.name)}, target: ${q(change.from)} → ${q(change.to)}`;
    case 'stage-changed': {
      const name = STAGE_NAMES[change.stage][locale];
      return zh ? `${name}（${code(change.stage)}）：${stage(change.from)} → ${stage(change.to)}` : `Lifecycle ${name} (${code(change.stage)}): ${stage(change.from)} → ${stage(change.to)}`;
    }
    case 'lint-introduced':
    case 'lint-fixed': {
      const f = change.finding;
      const severity = f.severity === 'error' ? (zh ? '错误' : 'error') : zh ? '警告' : 'warning';
      const what = change.kind === 'lint-introduced' ? (zh ? '新问题' : 'New') : zh ? '已修复' : 'Fixed';
      const line = change.kind === 'lint-introduced' ? (zh ? `，第 ${f.line} 行` : `, line ${f.line}`) : '';
      return zh ? `${what}（${severity}）${code(f.ruleId)}${line}：${esc(f.message)}` : `${what} ${severity} ${code(f.ruleId)}${line}: ${esc(f.message)}`;
    }
    case 'version-not-bumped':
      return zh
        ? `这是已发布（published）的流程，修改后版本号仍为 ${change.version}。请升级 ${code('version')}（例如 ${nextVersions(change.version)}）。`
        : `This process is published, yet its version is still ${change.version} after the change. Bump ${code('version')} (e.g. ${nextVersions(change.version)}).`;
    case 'history-not-added':
      return zh
        ? `这是已发布（published）的流程，但 ${code('history')} 中没有为本次修改新增修订记录。请为新版本添加一条（version、date、author、change）。`
        : `This process is published, but ${code('history')} has no new entry for this change. Add one (version, date, author, change).`;
  }
}

function grouped(changes: SpecChange[]): Array<{ title: Record<Locale, string>; changes: SpecChange[] }> {
  return SECTIONS.map((section) => ({ title: section.title, changes: changes.filter((c) => section.kinds.includes(c.kind)) })).filter((s) => s.changes.length > 0);
}

function heading(spec: SpecDiff, locale: Locale): string {
  return locale === 'zh-CN' ? `${spec.title}（${spec.id}）— ${FILE_STATUS[spec.status][locale]}` : `${spec.title} (${spec.id}) — ${FILE_STATUS[spec.status][locale]}`;
}

function intro(report: DiffReport, locale: Locale, code: Esc): string[] {
  const zh = locale === 'zh-CN';
  const head = report.head ?? (zh ? '工作区' : 'the working tree');
  const lines = [zh ? `对比 ${code(report.base)} → ${report.head ? code(head) : head}：${report.specs.length} 个流程有变化。` : `Comparing ${code(report.base)} → ${report.head ? code(head) : head}: ${report.specs.length} process${report.specs.length === 1 ? '' : 'es'} changed.`];
  if (report.forkPoint) lines.push(zh ? `从当前分支与 ${code(report.base)} 的分叉点 ${code(report.forkPoint)} 起比较，${code(report.base)} 此后的修改不计入。` : `Compared from where this branch forked from ${code(report.base)} (${code(report.forkPoint)}); later changes on ${code(report.base)} are not counted.`);
  if (report.fallback) lines.push(zh ? `没有 ${code('origin/main')}，改为与 ${code(report.fallback)} 对比。` : `No ${code('origin/main')}; compared with ${code(report.fallback)} instead.`);
  if (report.orgChanged) lines.push(zh ? `组织注册表 ${code('processes/org.yml')} 也有修改。` : `The org registry ${code('processes/org.yml')} changed too.`);
  for (const note of report.notes) lines.push(note);
  return lines;
}

export interface RenderOptions {
  locale: Locale;
  /** Include the Mermaid flowcharts in plain text (Markdown has them unless it would be too long). */
  mermaid?: boolean;
  /** Longest Markdown to produce, in characters (a GitHub comment holds 65,536). */
  maxLength?: number;
}

export const MAX_COMMENT_LENGTH = 65_000;

export function renderText(report: DiffReport, options: RenderOptions): string {
  const { locale } = options;
  const zh = locale === 'zh-CN';
  const code: Esc = (t) => t;
  const out = [...intro(report, locale, code)];
  if (report.specs.length === 0) out.push(zh ? '没有流程规范被修改。' : 'No process spec changed.');
  for (const spec of report.specs) {
    out.push('', `== ${heading(spec, locale)} ==`, `   ${spec.oldFile && spec.oldFile !== spec.file ? `${spec.oldFile} → ` : ''}${spec.file}`);
    for (const section of grouped(spec.changes)) {
      out.push(`${section.title[locale]}${zh ? '：' : ':'}`);
      for (const change of section.changes) out.push(`  - ${describeChange(change, locale, (t) => t, code)}`);
    }
    if (spec.changes.length === 0) out.push(zh ? '  （只有格式或正文有变化）' : '  (only formatting or body text changed)');
    if (spec.removedSteps.length > 0 || Object.keys(spec.highlight).length > 0) out.push(legend(spec, locale, code));
    if (options.mermaid && spec.mermaid) out.push(zh ? '流程图（Mermaid）：' : 'Flowchart (Mermaid):', spec.mermaid.trimEnd());
  }
  return `${out.join('\n')}\n`;
}

function legend(spec: SpecDiff, locale: Locale, code: Esc): string {
  const zh = locale === 'zh-CN';
  const ids = (kind: string) => Object.entries(spec.highlight).filter(([, k]) => k === kind).map(([id]) => code(id));
  const parts: string[] = [];
  const added = ids('added');
  const changed = ids('changed');
  if (added.length) parts.push(zh ? `新增（绿色）：${added.join('、')}` : `added (green): ${added.join(', ')}`);
  if (changed.length) parts.push(zh ? `修改（黄色）：${changed.join('、')}` : `changed (amber): ${changed.join(', ')}`);
  if (spec.removedSteps.length) {
    const removed = spec.removedSteps.map((s) => code(s.id));
    parts.push(zh ? `已删除（不在新流程图中）：${removed.join('、')}` : `removed (not in the new flowchart): ${removed.join(', ')}`);
  }
  return (zh ? '流程图标记：' : 'Flowchart marks: ') + parts.join(zh ? '；' : '; ');
}

/**
 * Markdown-escapes text from specs and lint messages: no emphasis, links, HTML
 * or table breaks can come from a spec. Complete code spans are kept (their
 * content is literal in Markdown), so rule messages keep their `identifiers`.
 */
export function escapeMarkdown(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  const plain = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/[\\`*_[\]|~$]/g, (c) => `\\${c}`);
  return flat
    .split(/(`[^`]+`)/)
    .map((part, i) => (i % 2 === 1 ? part : plain(part)))
    .join('');
}

const inlineCode: Esc = (t) => `\`${t.replace(/`/g, 'ˋ')}\``;

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
  const noCharts = zh ? '\n> 评论篇幅有限，已省略流程图；请在网站预览中查看。\n' : '\n> The comment is too long for the flowcharts; see them in the site preview.\n';
  let shown = report.specs.length;
  let text = markdown(report, options, false, shown) + noCharts;
  while (text.length > limit && shown > 0) {
    shown--;
    const rest = report.specs.length - shown;
    const cut = zh ? `\n> 还有 ${rest} 个流程的变化未能列出（评论篇幅有限），请在本地运行 \`npm run diff\` 查看。\n` : `\n> ${rest} more changed process${rest === 1 ? '' : 'es'} not listed (the comment is too long); run \`npm run diff\` locally to see them.\n`;
    text = markdown(report, options, false, shown) + noCharts + cut;
  }
  return text;
}

function markdown(report: DiffReport, options: RenderOptions, charts: boolean, shown: number): string {
  const { locale } = options;
  const zh = locale === 'zh-CN';
  const out = [COMMENT_MARKER, zh ? '## 流程变更摘要' : '## Process changes', '', ...intro(report, locale, inlineCode)];
  if (report.specs.length === 0) out.push('', zh ? '没有流程规范被修改。' : 'No process spec changed.');
  for (const spec of report.specs.slice(0, shown)) {
    out.push('', `### ${escapeMarkdown(heading(spec, locale))}`, '', `${spec.oldFile && spec.oldFile !== spec.file ? `${inlineCode(spec.oldFile)} → ` : ''}${inlineCode(spec.file)}`);
    for (const section of grouped(spec.changes)) {
      out.push('', `**${section.title[locale]}**`, '');
      for (const change of section.changes) out.push(`- ${describeChange(change, locale, escapeMarkdown, inlineCode)}`);
    }
    if (spec.changes.length === 0) out.push('', zh ? '只有格式或正文有变化。' : 'Only formatting or body text changed.');
    if (spec.mermaid && charts) {
      out.push('', `<details open><summary>${zh ? '新版流程图' : 'Flowchart of the new version'}</summary>`, '');
      if (spec.removedSteps.length > 0 || Object.keys(spec.highlight).length > 0) out.push(legend(spec, locale, inlineCode), '');
      out.push('```mermaid', spec.mermaid.trimEnd(), '```', '', '</details>');
    } else if (spec.removedSteps.length > 0 || Object.keys(spec.highlight).length > 0) {
      out.push('', legend(spec, locale, inlineCode));
    }
  }
  return `${out.join('\n')}\n`;
}
