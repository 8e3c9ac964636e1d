import type { Deadline, DurationUnit } from './deadline.ts';

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

/** How the parsed deadline reads back, shown beside what the spec wrote. */
export function formatDeadline(deadline: Deadline, locale: Locale): string {
  const zh = locale === 'zh-CN';
  switch (deadline.kind) {
    case 'immediate':
      return zh ? '立即' : 'immediately';
    case 'within': {
      const span = formatDuration(deadline.amount, deadline.unit, locale);
      const anchor = deadline.anchor;
      if (!anchor) return zh ? `${span}内` : `within ${span}`;
      if (anchor.relation === 'before') {
        return zh ? `${anchor.ref ? `${anchor.ref} ` : ''}提前 ${span}` : `${span} before ${anchor.ref ?? 'the event'}`;
      }
      return zh ? `「${anchor.ref}」后 ${span}内` : `within ${span} after “${anchor.ref}”`;
    }
    case 'recurring': {
      const { every, interval, day, month, weekday, nextYear } = deadline;
      if (every === 'year' && month !== undefined && typeof day === 'number') {
        return zh ? `${nextYear ? '次年' : '每年'} ${month} 月 ${day} 日前` : `by ${month}-${String(day).padStart(2, '0')} ${nextYear ? 'of the next year' : 'every year'}`;
      }
      if (every === 'month' && day !== undefined) {
        const which = day === 'last' ? (zh ? '月末' : 'the last day') : zh ? `${day} 日` : `day ${day}`;
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
      return interval === 1 ? `every ${every}` : `every ${interval} ${every}s`;
    }
  }
}
