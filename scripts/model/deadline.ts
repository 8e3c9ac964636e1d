import { NUMBER_PATTERN, parseNumber } from './numerals.ts';

/**
 * The time requirement (时间要求) of a step, parsed to a value one can compute with.
 * Grammar (English and the Chinese forms found in company handbooks, as aliases):
 *
 *   immediately | 即时 | 立即                           → immediate
 *   30m | 2h | 3d | 2 workdays | 1 week | 1 month       → within a duration
 *   30分钟内 | 24小时内 | 3天内 | 2个工作日内 | 1周内      → within a duration
 *   当日 | 当天                                        → the same day, by its end (a day, marked sameDay)
 *   30m after receive | 接收后30分钟内                   → within a duration after another step
 *   1 workday before meeting | 提前1个工作日               → a lead time before an event
 *   daily | weekly | monthly | quarterly | yearly        → recurring
 *   every 6 months | 每半年 | 每季度 | 每月 | 每周 | 每日      → recurring
 *   monthly on 25 | monthly on last | 每月25日 | 每月末    → recurring on a day of the month
 *   weekly on fri | 每周五 | 每周五下班前                  → recurring on a weekday
 *   yearly on 12-20 | 12月20日前 | 次年1月5日前 | 12月上旬  → recurring on a date of the year
 *
 * Anything else is unparseable and reported, never guessed.
 */

export type DurationUnit = 'minute' | 'hour' | 'day' | 'workday' | 'week' | 'month';
export type Period = 'day' | 'week' | 'month' | 'year';

export interface Anchor {
  relation: 'after' | 'before';
  /** The step or event the time counts from, as written (a step id, or Chinese text like 接收). */
  ref?: string;
}

export type Deadline =
  | { kind: 'immediate' }
  | {
      kind: 'within';
      amount: number;
      unit: DurationUnit;
      anchor?: Anchor;
      /** 当日: by the end of the day it starts on, not 24 hours later (counts as one day on a path). */
      sameDay?: true;
    }
  | {
      kind: 'recurring';
      every: Period;
      interval: number;
      /** Day of month (1–31) or `last`. */
      day?: number | 'last';
      /** Month of year, 1–12. */
      month?: number;
      /** 1 = Monday … 7 = Sunday. */
      weekday?: number;
      /** The date falls in the following year (次年1月5日前). */
      nextYear?: boolean;
    };

export type DeadlineParse = { ok: true; value: Deadline } | { ok: false; reason: string };

const WEEKDAYS_EN = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WEEKDAYS_ZH = '一二三四五六日';

const EN_UNITS: Array<[RegExp, DurationUnit]> = [
  [/^(?:m|min|mins|minutes?)$/, 'minute'],
  [/^(?:h|hr|hrs|hours?)$/, 'hour'],
  [/^(?:wd|workdays?|working days?|business days?)$/, 'workday'],
  [/^(?:d|days?)$/, 'day'],
  [/^(?:w|wk|weeks?)$/, 'week'],
  [/^(?:mo|months?)$/, 'month'],
];

// Tables looked up by spec text are Maps: in a plain object, `constructor` or `__proto__` would be found.
const ZH_UNITS = new Map<string, DurationUnit>(Object.entries({
  分钟: 'minute', 分: 'minute', 小时: 'hour', 个小时: 'hour', 钟头: 'hour', 个钟头: 'hour',
  天: 'day', 日: 'day', 个工作日: 'workday', 工作日: 'workday', 周: 'week', 个星期: 'week', 星期: 'week', 个月: 'month', 月: 'month',
}));

const ZH_UNIT_PATTERN = [...ZH_UNITS.keys()].sort((a, b) => b.length - a.length).join('|');

const EN_RECURRING = new Map<string, [Period, number]>([
  ['daily', ['day', 1]], ['weekly', ['week', 1]], ['monthly', ['month', 1]], ['quarterly', ['month', 3]],
  ['half-yearly', ['month', 6]], ['yearly', ['year', 1]], ['annually', ['year', 1]],
]);

const ZH_RECURRING = new Map<string, [Period, number]>([
  ['每日', ['day', 1]], ['每天', ['day', 1]], ['每个工作日', ['day', 1]], ['每周', ['week', 1]], ['每两周', ['week', 2]], ['每月', ['month', 1]],
  ['每季度', ['month', 3]], ['每季', ['month', 3]], ['每半年', ['month', 6]], ['每年', ['year', 1]], ['每年度', ['year', 1]],
]);

const ZH_PERIODS = new Map<string, Period>([['月', 'month'], ['周', 'week'], ['年', 'year'], ['天', 'day'], ['日', 'day']]);

const ok = (value: Deadline): DeadlineParse => ({ ok: true, value });

/** Parses of texts seen before: a handbook writes the same few time requirements thousands of times. */
const parsed = new Map<string, DeadlineParse>();
const PARSED_LIMIT = 2_000;

/** Parses a time requirement; never throws. The result is frozen: it may be shared. */
export function parseDeadline(input: unknown): DeadlineParse {
  if (typeof input !== 'string' && typeof input !== 'number') {
    return { ok: false, reason: 'a time requirement must be text' };
  }
  const key = typeof input === 'string' ? input : `#${input}`;
  const known = parsed.get(key);
  if (known) return known;
  // Key and result are copies: a text cut from a spec would keep the whole spec in memory.
  const result = deepFreeze(JSON.parse(JSON.stringify(parseText(input))) as DeadlineParse);
  if (parsed.size >= PARSED_LIMIT) parsed.clear();
  parsed.set(JSON.parse(JSON.stringify(key)) as string, result);
  return result;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function parseText(input: string | number): DeadlineParse {
  const text = String(input).normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (text === '') return { ok: false, reason: 'the time requirement is empty' };
  return parseEnglish(text.toLowerCase()) ?? parseChinese(text) ?? {
    ok: false,
    reason: `cannot read "${text}" as a time requirement`,
  };
}

function parseEnglish(text: string): DeadlineParse | undefined {
  if (/^(?:immediately|immediate|at once|now)$/.test(text)) return ok({ kind: 'immediate' });

  const relative = /^(?:within )?(\d+(?:\.\d+)?) ?([a-z ]+?) (after|before) ([a-z0-9-]+)$/.exec(text);
  if (relative) {
    const unit = englishUnit(relative[2]!);
    if (!unit) return undefined;
    return ok({ kind: 'within', amount: Number(relative[1]), unit, anchor: { relation: relative[3] as Anchor['relation'], ref: relative[4]! } });
  }

  const duration = /^(?:within )?(\d+(?:\.\d+)?) ?([a-z ]+)$/.exec(text);
  if (duration) {
    const unit = englishUnit(duration[2]!);
    if (unit) return ok({ kind: 'within', amount: Number(duration[1]), unit });
    return undefined;
  }

  const recurring = EN_RECURRING.get(text);
  if (recurring) {
    const [every, interval] = recurring;
    return ok({ kind: 'recurring', every, interval });
  }

  const every = /^every (?:(\d+) )?(day|week|month|year)s?$/.exec(text);
  if (every) return ok({ kind: 'recurring', every: every[2] as Period, interval: every[1] ? Number(every[1]) : 1 });

  const monthly = /^monthly on (\d{1,2}|last)$/.exec(text);
  if (monthly) {
    const day = monthly[1] === 'last' ? 'last' : Number(monthly[1]);
    if (day !== 'last' && (day < 1 || day > 31)) return { ok: false, reason: `day ${day} is not a day of the month (1–31 or last)` };
    return ok({ kind: 'recurring', every: 'month', interval: 1, day });
  }

  const weekly = /^weekly on ([a-z]+)$/.exec(text);
  if (weekly) {
    const index = WEEKDAYS_EN.indexOf(weekly[1]!.slice(0, 3));
    if (index === -1) return { ok: false, reason: `"${weekly[1]}" is not a weekday (mon … sun)` };
    return ok({ kind: 'recurring', every: 'week', interval: 1, weekday: index + 1 });
  }

  const yearly = /^yearly on (\d{1,2})-(\d{1,2})$/.exec(text);
  if (yearly) return yearlyOn(Number(yearly[1]), Number(yearly[2]), false);
  return undefined;
}

function englishUnit(word: string): DurationUnit | undefined {
  return EN_UNITS.find(([pattern]) => pattern.test(word.trim()))?.[1];
}

// Built once (they were built per call: ~80 ms of 10,000 specs' CPU).
let ZH_LEAD: RegExp;
let ZH_WITHIN: RegExp;
let ZH_EVERY_N: RegExp;

function parseChinese(text: string): DeadlineParse | undefined {
  ZH_LEAD ??= new RegExp(`^(?:(.+?))?提前(${NUMBER_PATTERN})(${ZH_UNIT_PATTERN})$`);
  ZH_WITHIN ??= new RegExp(`^(?:(.+?)后)?(${NUMBER_PATTERN}|半)(${ZH_UNIT_PATTERN})(?:内|以内|之内)?(?:完成|处理|响应|启动处理|反馈|回复)?$`);
  ZH_EVERY_N ??= new RegExp(`^每(${NUMBER_PATTERN})(?:个)?(月|周|年|天|日)$`);
  const t = text.replace(/\s/g, '').replace(/[。；;，,]$/, '');
  if (/^(?:即时|立即|立刻|马上|实时|当场|即刻)(?:处理|完成|响应)?$/.test(t)) return ok({ kind: 'immediate' });
  if (/^当(?:日|天)(?:内|完成|下班前)?$/.test(t)) return ok({ kind: 'within', amount: 1, unit: 'day', sameDay: true });

  const lead = ZH_LEAD.exec(t);
  if (lead) return withinChinese(lead[2]!, lead[3]!, { relation: 'before', ...(lead[1] ? { ref: lead[1] } : {}) });

  const within = ZH_WITHIN.exec(t);
  if (within) {
    const anchor = within[1] ? ({ relation: 'after', ref: within[1] } as const) : undefined;
    return withinChinese(within[2]!, within[3]!, anchor);
  }

  const plain = /^(每[^\d]*?)(?:末|底|初)?(?:下班前)?$/.exec(t);
  const recurring = plain ? ZH_RECURRING.get(plain[1]!) : undefined;
  if (recurring && !/末|底/.test(t)) {
    const [every, interval] = recurring;
    return ok({ kind: 'recurring', every, interval });
  }
  if (/^每(?:个)?月(?:度)?(?:末|底)(?:前)?$/.test(t) || t === '月末' || t === '月底') {
    return ok({ kind: 'recurring', every: 'month', interval: 1, day: 'last' });
  }
  if (/^每季度?(?:末|底)$/.test(t)) return ok({ kind: 'recurring', every: 'month', interval: 3, day: 'last' });

  const everyN = ZH_EVERY_N.exec(t);
  if (everyN) {
    return ok({ kind: 'recurring', every: ZH_PERIODS.get(everyN[2]!)!, interval: parseNumber(everyN[1]!) ?? 1 });
  }

  const weekly = /^每(?:周|星期)([一二三四五六日天])(?:下班前|前|之前)?$/.exec(t);
  if (weekly) {
    const weekday = WEEKDAYS_ZH.indexOf(weekly[1] === '天' ? '日' : weekly[1]!) + 1;
    return ok({ kind: 'recurring', every: 'week', interval: 1, weekday });
  }

  const monthly = /^每月(\d{1,2}|[一二三四五六七八九十]+)(?:日|号)(?:前|之前|下班前)?$/.exec(t);
  if (monthly) {
    const day = parseNumber(monthly[1]!);
    if (day === undefined || day < 1 || day > 31) return { ok: false, reason: `${monthly[1]}日 is not a day of the month` };
    return ok({ kind: 'recurring', every: 'month', interval: 1, day });
  }

  const yearly = /^(次年|每年)?(\d{1,2})月(\d{1,2})(?:日|号)(?:前|之前|下班前)?$/.exec(t);
  if (yearly) return yearlyOn(Number(yearly[2]), Number(yearly[3]), yearly[1] === '次年');

  const tenDays = /^(次年|每年)?(\d{1,2})月(上旬|中旬|下旬)(?:前)?$/.exec(t);
  if (tenDays) {
    const month = Number(tenDays[2]);
    const day = tenDays[3] === '上旬' ? 10 : tenDays[3] === '中旬' ? 20 : lastDayOf(month);
    return yearlyOn(month, day, tenDays[1] === '次年');
  }
  return undefined;
}

function withinChinese(amountText: string, unitText: string, anchor?: Anchor): DeadlineParse {
  const unit = ZH_UNITS.get(unitText);
  const amount = amountText === '半' ? 0.5 : parseNumber(amountText);
  if (!unit || amount === undefined) return { ok: false, reason: `cannot read "${amountText}${unitText}" as a duration` };
  if (amount <= 0) return { ok: false, reason: 'a duration must be longer than zero' };
  return ok({ kind: 'within', amount, unit, ...(anchor ? { anchor } : {}) });
}

function yearlyOn(month: number, day: number, nextYear: boolean): DeadlineParse {
  if (month < 1 || month > 12) return { ok: false, reason: `month ${month} does not exist (1–12)` };
  if (day < 1 || day > lastDayOf(month)) return { ok: false, reason: `${month}-${day} is not a date` };
  return ok({ kind: 'recurring', every: 'year', interval: 1, month, day, ...(nextYear ? { nextYear } : {}) });
}

function lastDayOf(month: number): number {
  return [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 31;
}

/** How long a unit lasts in working minutes; a workday lasts `workdayHours`. */
export function unitMinutes(unit: DurationUnit, workdayHours: number): number {
  const workday = workdayHours * 60;
  switch (unit) {
    case 'minute': return 1;
    case 'hour': return 60;
    case 'day': return workday;
    case 'workday': return workday;
    case 'week': return 5 * workday;
    case 'month': return 22 * workday;
  }
}

/**
 * The time a deadline adds to a path through the process, in working minutes:
 * durations count, a lead time before an event and calendar dates do not.
 * `undefined` means the deadline is not a duration (recurring dates).
 */
export function deadlineMinutes(deadline: Deadline, workdayHours: number): number | undefined {
  if (deadline.kind === 'immediate') return 0;
  if (deadline.kind === 'within') {
    if (deadline.anchor?.relation === 'before') return 0;
    return deadline.amount * unitMinutes(deadline.unit, workdayHours);
  }
  return undefined;
}

const PERIOD_DAYS: Record<Period, number> = { day: 1, week: 7, month: 30.44, year: 365.25 };

/** How many calendar days a recurring deadline's cycle lasts (a month is 30.44); `undefined` for any other kind. */
export function recurrenceDays(deadline: Deadline): number | undefined {
  return deadline.kind === 'recurring' ? PERIOD_DAYS[deadline.every] * deadline.interval : undefined;
}
