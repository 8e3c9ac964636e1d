import type { Deadline, DurationUnit } from './deadline.ts';
import { parseKpiTarget, type Comparator } from './kpi-target.ts';
import { resolveAnchor, type ProcessModel, type StepNode } from './process-model.ts';

export type Locale = 'zh-CN' | 'en';

const ZH_UNIT: Record<DurationUnit, string> = {
  minute: '分钟', hour: '小时', day: '天', workday: '个工作日', week: '周', month: '个月',
};
const EN_UNIT: Record<DurationUnit, [string, string]> = {
  minute: ['minute', 'minutes'], hour: ['hour', 'hours'], day: ['day', 'days'],
  workday: ['workday', 'workdays'], week: ['week', 'weeks'], month: ['month', 'months'],
};
const ZH_WEEKDAY = ['一', '二', '三', '四', '五', '六', '日'];
const EN_WEEKDAY = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** A duration in words: "2 个工作日" / "2 workdays". */
export function formatDuration(amount: number, unit: DurationUnit, locale: Locale): string {
  if (locale === 'zh-CN') return `${amount} ${ZH_UNIT[unit]}`;
  const [one, many] = EN_UNIT[unit];
  return `${amount} ${amount === 1 ? one : many}`;
}

/**
 * What a time requirement counts from, in words: the step(s) whose completion starts the clock,
 * the event that starts the process, an event named in the requirement, or an exception arising.
 */
export type DeadlineReference =
  | { kind: 'steps'; names: string[] }
  | { kind: 'trigger'; text: string }
  | { kind: 'event'; text: string }
  | { kind: 'exception' };

/** How the parsed deadline reads back, shown beside what the spec wrote; with a reference, it says from when. */
export function formatDeadline(deadline: Deadline, locale: Locale, reference?: DeadlineReference): string {
  const zh = locale === 'zh-CN';
  switch (deadline.kind) {
    case 'immediate':
      return reference ? phrases(reference, locale).immediately : zh ? '立即' : 'immediately';
    case 'within': {
      const span = formatDuration(deadline.amount, deadline.unit, locale);
      const anchor = deadline.anchor;
      if (anchor?.relation === 'before') {
        if (!anchor.ref) return zh ? `提前 ${span}` : `${span} in advance`;
        return zh ? `「${anchor.ref}」前 ${span}` : `${span} before “${anchor.ref}”`;
      }
      // An anchor the caller could not resolve to a step still names its event.
      const from = reference ?? (anchor?.ref ? { kind: 'event' as const, text: anchor.ref } : undefined);
      if (deadline.sameDay) return from ? phrases(from, locale).sameDay : zh ? '当日（下班前）' : 'the same day, by end of day';
      if (!from) return zh ? `${span}内` : `within ${span}`;
      return phrases(from, locale).within(span);
    }
    case 'recurring': {
      const { every, interval, day, month, weekday, nextYear } = deadline;
      if (every === 'year' && month !== undefined && typeof day === 'number') {
        return zh ? `${nextYear ? '次年' : '每年'} ${month} 月 ${day} 日前` : `by ${month}-${String(day).padStart(2, '0')} ${nextYear ? 'of the next year' : 'every year'}`;
      }
      if (every === 'month' && day !== undefined) {
        const which = day === 'last' ? (zh ? '末' : 'the last day') : zh ? `${day} 日` : `day ${day}`;
        const cycle = interval === 3 ? (zh ? '每季度' : 'every quarter') : zh ? (interval === 1 ? '每月' : `每 ${interval} 个月`) : interval === 1 ? 'every month' : `every ${interval} months`;
        return zh ? `${cycle}${which}` : `${cycle} on ${which}`;
      }
      if (every === 'week' && weekday !== undefined) {
        return zh ? `每周${ZH_WEEKDAY[weekday - 1]}` : `every ${EN_WEEKDAY[weekday - 1]}`;
      }
      if (zh) {
        if (every === 'month' && interval === 6) return '每半年';
        if (every === 'month' && interval === 3) return '每季度';
        const unit = { day: '天', week: '周', month: '个月', year: '年' }[every];
        return interval === 1 ? `每${unit === '个月' ? '月' : unit}` : `每 ${interval} ${unit}`;
      }
      if (every === 'month' && interval === 3) return 'every quarter';
      return interval === 1 ? `every ${every}` : `every ${interval} ${every}s`;
    }
  }
}

interface Phrases {
  within: (span: string) => string;
  sameDay: string;
  immediately: string;
}

/** The wording of a deadline with its reference: "「填写报销单」完成后 2 个工作日内", "by the end of the day “Receive” is done". */
function phrases(reference: DeadlineReference, locale: Locale): Phrases {
  if (locale === 'zh-CN') {
    switch (reference.kind) {
      case 'steps': {
        const names = reference.names.map((name) => `「${name}」`).join(' / ');
        return { within: (span) => `${names}完成后 ${span}内`, sameDay: `${names}完成当日（下班前）`, immediately: `${names}完成后立即处理` };
      }
      case 'trigger':
        return { within: (span) => `自「${reference.text}」起 ${span}内`, sameDay: `「${reference.text}」当日（下班前）`, immediately: `「${reference.text}」时立即处理` };
      case 'event':
        return { within: (span) => `「${reference.text}」后 ${span}内`, sameDay: `「${reference.text}」当日（下班前）`, immediately: `「${reference.text}」后立即处理` };
      case 'exception':
        return { within: (span) => `发现异常后 ${span}内`, sameDay: '发现异常当日（下班前）', immediately: '发现异常后立即处理' };
    }
  }
  switch (reference.kind) {
    case 'steps': {
      const names = `${reference.names.map((name) => `“${name}”`).join(' / ')} is done`;
      return { within: (span) => `within ${span} after ${names}`, sameDay: `by the end of the day ${names}`, immediately: `immediately after ${names}` };
    }
    case 'trigger':
      return { within: (span) => `within ${span} of the start (${reference.text})`, sameDay: `by the end of the day the process starts (${reference.text})`, immediately: `immediately when the process starts (${reference.text})` };
    case 'event':
      return { within: (span) => `within ${span} after “${reference.text}”`, sameDay: `by the end of the day of “${reference.text}”`, immediately: `immediately after “${reference.text}”` };
    case 'exception':
      return { within: (span) => `within ${span} of the exception being found`, sameDay: 'by the end of the day the exception is found', immediately: 'immediately when the exception is found' };
  }
}

/**
 * What a step's time requirement counts from: the step a relative deadline names (接收后30分钟内),
 * otherwise the steps before it in the flow (declared loops aside), or, for the first step, the event
 * that starts the process. None for recurring dates and lead times, which say their own reference.
 */
export function deadlineReference(
  model: ProcessModel,
  node: StepNode,
  names: { step: (node: StepNode) => string; trigger: string } = { step: (n) => n.step.name, trigger: model.spec.scope.start },
): DeadlineReference | undefined {
  const parse = node.deadline;
  if (!parse?.ok || parse.value.kind === 'recurring') return undefined;
  const deadline = parse.value;
  if (deadline.kind === 'within' && deadline.anchor) {
    if (deadline.anchor.relation === 'before' || !deadline.anchor.ref) return undefined;
    const anchor = resolveAnchor(model, deadline.anchor.ref, node.index);
    return anchor ? { kind: 'steps', names: [names.step(anchor)] } : { kind: 'event', text: deadline.anchor.ref };
  }
  const before = [...new Set((model.incoming.get(node.step.id) ?? []).filter((edge) => !edge.loop).map((edge) => edge.from))];
  if (before.length > 0) return { kind: 'steps', names: before.map((id) => names.step(model.byId.get(id)!)) };
  if (node === model.start) return { kind: 'trigger', text: names.trigger };
  return undefined;
}

/** A step's deadline with what it counts from, e.g. "「部门负责人审核」完成后 2 个工作日内"; undefined when it does not parse. */
export function formatStepDeadline(
  model: ProcessModel,
  node: StepNode,
  locale: Locale,
  names?: { step: (node: StepNode) => string; trigger: string },
): string | undefined {
  if (!node.deadline?.ok) return undefined;
  return formatDeadline(node.deadline.value, locale, deadlineReference(model, node, names));
}

const COMPARATOR_SIGN: Record<Comparator, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '=': '=' };

/** Units of counted KPIs, Chinese to English and back; other units are shown as written. */
const COUNT_UNITS: Array<[zh: string, en: string]> = [['次', 'times'], ['分', 'points'], ['元', 'yuan'], ['人', 'people'], ['项', 'items'], ['件', 'items'], ['份', 'copies']];

/** A KPI target in the page's language: "<= 2 workdays" reads "≤ 2 个工作日" on a Chinese page and "≤ 2 workdays" on an English one. */
export function formatKpiTarget(text: string, locale: Locale): string {
  const target = parseKpiTarget(text);
  if (target.comparator === undefined || target.value === undefined) return text;
  const sign = COMPARATOR_SIGN[target.comparator];
  if (target.timeUnit) return `${sign} ${formatDuration(target.value, target.timeUnit, locale)}`;
  if (target.unit === undefined) return `${sign} ${target.value}`;
  if (target.unit === '%') return `${sign} ${target.value}%`;
  const known = COUNT_UNITS.find(([zh, en]) => target.unit === zh || target.unit === en);
  const unit = known ? (locale === 'zh-CN' ? known[0] : known[1]) : target.unit;
  return `${sign} ${target.value} ${unit}`;
}
