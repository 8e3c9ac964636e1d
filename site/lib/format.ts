import type { Kpi, Process } from '../../schemas/process.ts';
import type { Locale } from '../../scripts/core/messages.ts';
import { formatDeadline, formatStepDeadline } from '../../scripts/model/deadline-format.ts';
import type { DeadlineParse } from '../../scripts/model/deadline.ts';
import { parseDeadline } from '../../scripts/model/deadline.ts';
import { localized, type Localized } from '../../scripts/model/english.ts';
import type { OrgIndex } from '../../scripts/model/org-index.ts';
import type { ProcessModel, StepNode } from '../../scripts/model/process-model.ts';
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

/** A step's name in the page's language. */
export function stepName(node: StepNode, locale: Locale): Localized {
  return localized(node.step.name, node.step.nameEn, locale);
}

/**
 * A step's time requirement as a reader needs it: as written, and what it means with what it counts
 * from ("「投诉接收」完成后 30 分钟内"). English pages show the meaning only, the Chinese as written
 * only when it could not be read.
 */
export function stepDeadline(model: ProcessModel, node: StepNode, locale: Locale, t: Translate): { written?: string; reads?: string; unread: boolean } {
  if (!node.step.deadline) return { unread: false };
  const spec = model.spec;
  const reads = formatStepDeadline(model, node, locale, { step: (n) => stepName(n, locale).text, trigger: localized(spec.scope.start, spec.scope.startEn, locale).text });
  if (reads === undefined) return { written: node.step.deadline, reads: t('process.deadline.unparsed'), unread: true };
  return locale === 'zh-CN' ? { written: node.step.deadline, reads: t('process.deadline.parsed', { value: reads }), unread: false } : { reads, unread: false };
}

/** An exception plan's time requirement, counted from when the exception is found. */
export function exceptionDeadline(parse: DeadlineParse | undefined, written: string | undefined, locale: Locale): string | undefined {
  if (!parse?.ok) return written;
  return formatDeadline(parse.value, locale, { kind: 'exception' });
}

/** A KPI's frequency: a period (每月) worded in the page's language, other text as the spec has it. */
export function kpiFrequency(kpi: Kpi, locale: Locale): Localized | undefined {
  if (kpi.frequency === undefined) return undefined;
  const period = parseDeadline(kpi.frequency);
  if (period.ok && period.value.kind === 'recurring') return { text: formatDeadline(period.value, locale), lang: locale };
  return localized(kpi.frequency, kpi.frequencyEn, locale);
}

/** Processes in force come first; drafts, those in review and retired ones follow. */
export function inForce(spec: Pick<Process, 'status'>): boolean {
  return spec.status === 'published';
}

export function processTitle(spec: { title: string; titleEn?: string | undefined }, locale: Locale): string {
  return locale === 'en' && spec.titleEn ? spec.titleEn : spec.title;
}
