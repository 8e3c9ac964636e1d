import { describe, expect, it } from 'vitest';
import { deadlineMinutes, parseDeadline, type Deadline } from '../../scripts/model/deadline.ts';
import { formatDeadline } from '../../scripts/model/deadline-format.ts';

const cases: Array<[string, Deadline]> = [
  // English grammar
  ['immediately', { kind: 'immediate' }],
  ['30m', { kind: 'within', amount: 30, unit: 'minute' }],
  ['2h', { kind: 'within', amount: 2, unit: 'hour' }],
  ['3d', { kind: 'within', amount: 3, unit: 'day' }],
  ['2 workdays', { kind: 'within', amount: 2, unit: 'workday' }],
  ['1 workday', { kind: 'within', amount: 1, unit: 'workday' }],
  ['within 45 minutes', { kind: 'within', amount: 45, unit: 'minute' }],
  ['30m after receive', { kind: 'within', amount: 30, unit: 'minute', anchor: { relation: 'after', ref: 'receive' } }],
  ['1 workday before meeting', { kind: 'within', amount: 1, unit: 'workday', anchor: { relation: 'before', ref: 'meeting' } }],
  ['monthly on 25', { kind: 'recurring', every: 'month', interval: 1, day: 25 }],
  ['monthly on last', { kind: 'recurring', every: 'month', interval: 1, day: 'last' }],
  ['yearly on 12-20', { kind: 'recurring', every: 'year', interval: 1, month: 12, day: 20 }],
  ['weekly on fri', { kind: 'recurring', every: 'week', interval: 1, weekday: 5 }],
  ['every 6 months', { kind: 'recurring', every: 'month', interval: 6 }],
  ['quarterly', { kind: 'recurring', every: 'month', interval: 3 }],
  // The Chinese forms of the seed documents
  ['即时', { kind: 'immediate' }],
  ['30分钟内', { kind: 'within', amount: 30, unit: 'minute' }],
  ['接收后30分钟内', { kind: 'within', amount: 30, unit: 'minute', anchor: { relation: 'after', ref: '接收' } }],
  ['分类后1小时内', { kind: 'within', amount: 1, unit: 'hour', anchor: { relation: 'after', ref: '分类' } }],
  ['2个工作日内', { kind: 'within', amount: 2, unit: 'workday' }],
  ['两个工作日内', { kind: 'within', amount: 2, unit: 'workday' }],
  ['24小时内', { kind: 'within', amount: 24, unit: 'hour' }],
  ['当日', { kind: 'within', amount: 1, unit: 'day', sameDay: true }],
  ['当天完成', { kind: 'within', amount: 1, unit: 'day', sameDay: true }],
  ['会后24小时内', { kind: 'within', amount: 24, unit: 'hour', anchor: { relation: 'after', ref: '会' } }],
  ['提前1个工作日', { kind: 'within', amount: 1, unit: 'workday', anchor: { relation: 'before' } }],
  ['每月25日', { kind: 'recurring', every: 'month', interval: 1, day: 25 }],
  ['每月度末', { kind: 'recurring', every: 'month', interval: 1, day: 'last' }],
  ['12月20日前', { kind: 'recurring', every: 'year', interval: 1, month: 12, day: 20 }],
  ['次年1月5日前', { kind: 'recurring', every: 'year', interval: 1, month: 1, day: 5, nextYear: true }],
  ['12月上旬', { kind: 'recurring', every: 'year', interval: 1, month: 12, day: 10 }],
  ['每周五', { kind: 'recurring', every: 'week', interval: 1, weekday: 5 }],
  ['每周五下班前', { kind: 'recurring', every: 'week', interval: 1, weekday: 5 }],
  ['每半年', { kind: 'recurring', every: 'month', interval: 6 }],
  ['每季度', { kind: 'recurring', every: 'month', interval: 3 }],
  ['３０分钟内', { kind: 'within', amount: 30, unit: 'minute' }],
];

describe('parseDeadline', () => {
  it.each(cases)('reads %j', (text, expected) => {
    expect(parseDeadline(text)).toEqual({ ok: true, value: expected });
  });

  it.each(['soon', 'ASAP', '3 parsecs', '每月32日', '13月1日前', '2月30日前', 'weekly on funday', '', '   ', '0分钟内'])(
    'refuses %j with a reason instead of guessing',
    (text) => {
      const result = parseDeadline(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason.length).toBeGreaterThan(0);
    },
  );

  it('refuses values that are not text', () => {
    expect(parseDeadline({ days: 3 }).ok).toBe(false);
    expect(parseDeadline(undefined).ok).toBe(false);
  });
});

describe('deadlineMinutes', () => {
  const minutes = (text: string, workdayHours = 8) => {
    const parsed = parseDeadline(text);
    if (!parsed.ok) throw new Error(parsed.reason);
    return deadlineMinutes(parsed.value, workdayHours);
  };

  it('counts durations in working minutes, a workday lasting the configured hours', () => {
    expect(minutes('30分钟内')).toBe(30);
    expect(minutes('24小时内')).toBe(24 * 60);
    expect(minutes('2个工作日内')).toBe(2 * 8 * 60);
    expect(minutes('2 workdays', 7.5)).toBe(2 * 7.5 * 60);
    expect(minutes('即时')).toBe(0);
  });

  it('adds nothing for lead times and has no duration for calendar dates', () => {
    expect(minutes('提前1个工作日')).toBe(0);
    expect(minutes('每月25日')).toBeUndefined();
    expect(minutes('12月20日前')).toBeUndefined();
  });
});

describe('formatDeadline', () => {
  const show = (text: string, locale: 'zh-CN' | 'en') => {
    const parsed = parseDeadline(text);
    if (!parsed.ok) throw new Error(parsed.reason);
    return formatDeadline(parsed.value, locale);
  };

  it('reads the parsed value back in both languages', () => {
    expect(show('接收后30分钟内', 'en')).toBe('within 30 minutes after “接收”');
    expect(show('2 workdays', 'zh-CN')).toBe('2 个工作日内');
    expect(show('yearly on 12-20', 'zh-CN')).toBe('每年 12 月 20 日前');
    expect(show('weekly on fri', 'en')).toBe('every Friday');
    expect(show('每半年', 'en')).toBe('every 6 months');
    expect(show('每季度', 'en')).toBe('every quarter');
  });

  it('reads 当日 as the same day by its end, not as 24 hours or one day', () => {
    expect(show('当日', 'zh-CN')).toBe('当日（下班前）');
    expect(show('当日', 'en')).toBe('the same day, by end of day');
    expect(show('当日', 'en')).not.toMatch(/1 day|24/);
  });

  it('says a lead time without an event as in advance', () => {
    expect(show('提前1个工作日', 'zh-CN')).toBe('提前 1 个工作日');
    expect(show('提前1个工作日', 'en')).toBe('1 workday in advance');
  });
});

describe('parseDeadline on a repeated text', () => {
  it('answers from the parse before, frozen, and the same for an equal text made anew', () => {
    const first = parseDeadline('2个工作日内');
    expect(parseDeadline(['2个', '工作日内'].join(''))).toBe(first);
    expect(Object.isFrozen(first) && first.ok && Object.isFrozen(first.value)).toBe(true);
    expect(parseDeadline('3个工作日内')).toEqual({ ok: true, value: { kind: 'within', amount: 3, unit: 'workday' } });
    expect(parseDeadline(2)).not.toBe(parseDeadline('2'));
  });
});

describe('text that names what every object inherits', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', '每constructor', 'constructor after a'])('%s is not a time requirement', (text) => {
    const parsed = parseDeadline(text);
    expect(parsed.ok).toBe(false);
  });
});
