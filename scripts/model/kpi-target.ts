import type { DurationUnit } from './deadline.ts';

/**
 * A KPI target: comparator, number and unit, e.g. `>= 95%`, `<= 3 workdays`,
 * `≤24小时`, `< 2 次`. Time units are recognised so the target can be compared
 * with the durations of the steps.
 */
export type Comparator = '>=' | '<=' | '>' | '<' | '=';

export interface KpiTarget {
  comparator?: Comparator;
  value?: number;
  /** The unit as written (`%`, `workdays`, `次`, `分`). */
  unit?: string;
  /** Set when the unit is a time unit. */
  timeUnit?: DurationUnit;
}

const COMPARATORS = new Map<string, Comparator>(Object.entries({
  '>=': '>=', '≥': '>=', '⩾': '>=', '<=': '<=', '≤': '<=', '⩽': '<=',
  '>': '>', '<': '<', '=': '=', '==': '=', 不低于: '>=', 不少于: '>=', 不高于: '<=', 不超过: '<=', 不多于: '<=', 低于: '<', 高于: '>', 达到: '>=',
}));

const TIME_UNITS: Array<[RegExp, DurationUnit]> = [
  [/^(?:m|min|mins|minutes?|分钟)$/i, 'minute'],
  [/^(?:h|hr|hrs|hours?|小时|个小时)$/i, 'hour'],
  [/^(?:wd|workdays?|working days?|business days?|个工作日|工作日)$/i, 'workday'],
  [/^(?:d|days?|天|日)$/i, 'day'],
  [/^(?:w|weeks?|周)$/i, 'week'],
  [/^(?:mo|months?|个月)$/i, 'month'],
];

/** Reads a target leniently: the parts found are set, the missing ones left out. */
export function parseKpiTarget(input: unknown): KpiTarget {
  if (typeof input !== 'string' && typeof input !== 'number') return {};
  const text = String(input).normalize('NFKC').trim();
  const match = /^(>=|<=|==|≥|≤|⩾|⩽|>|<|=|不低于|不少于|不高于|不超过|不多于|低于|高于|达到)?\s*(-?\d+(?:\.\d+)?)?\s*(.*?)\s*(?:以内|以上|以下|内)?$/.exec(text);
  if (!match) return {};
  const target: KpiTarget = {};
  const comparator = match[1] ? COMPARATORS.get(match[1]) : undefined;
  if (comparator) target.comparator = comparator;
  if (match[2]) target.value = Number(match[2]);
  const unit = match[3]?.trim();
  if (unit) {
    target.unit = unit;
    const time = TIME_UNITS.find(([pattern]) => pattern.test(unit));
    if (time) target.timeUnit = time[1];
  }
  return target;
}
