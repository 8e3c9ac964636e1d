import { todayLocal } from '../../scripts/model/dates.ts';

export { daysBetween } from '../../scripts/model/dates.ts';

/** Today's date for review deadlines: the build date, or HANDBOOK_TODAY=YYYY-MM-DD (tests). */
export function today(): string {
  const fixed = process.env.HANDBOOK_TODAY;
  return fixed && /^\d{4}-\d{2}-\d{2}$/.test(fixed) ? fixed : todayLocal();
}
