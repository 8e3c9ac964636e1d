import type { Locale } from '../../scripts/core/messages.ts';
import { formatDeadline } from '../../scripts/model/deadline-format.ts';
import type { DeadlineParse } from '../../scripts/model/deadline.ts';
import type { OrgIndex } from '../../scripts/model/org-index.ts';
import type { Translate } from './i18n.ts';

/** Names from the org registry in the page's language (English names fall back to Chinese). */
export function roleName(org: OrgIndex, id: string, locale: Locale): string {
  const role = org.roles.get(id);
  if (!role) return id;
  return locale === 'en' ? role.nameEn ?? role.name : role.name;
}

export function departmentName(org: OrgIndex, id: string, locale: Locale): string {
  const department = org.departments.get(id);
  if (!department) return id;
  return locale === 'en' ? department.nameEn ?? department.name : department.name;
}

/** The department of a role, or undefined for unregistered roles. */
export function roleDepartment(org: OrgIndex, roleId: string, locale: Locale): string | undefined {
  const department = org.departmentOf(roleId);
  return department ? departmentName(org, department.id, locale) : undefined;
}

/** The deadline as the system reads it, e.g. "即：「接收」后 30 分钟内". */
export function parsedDeadline(parse: DeadlineParse | undefined, locale: Locale, t: Translate): string | undefined {
  if (!parse) return undefined;
  return parse.ok ? t('process.deadline.parsed', { value: formatDeadline(parse.value, locale) }) : t('process.deadline.unparsed');
}

export function processTitle(spec: { title: string; titleEn?: string | undefined }, locale: Locale): string {
  return locale === 'en' && spec.titleEn ? spec.titleEn : spec.title;
}
