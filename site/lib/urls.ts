import type { Locale } from '../../scripts/core/messages.ts';
import { fnv1a } from '../../scripts/core/random.ts';

/** Site paths, per locale (Chinese at the root, English under /en/). */
export function localePrefix(locale: Locale): string {
  return locale === 'en' ? '/en' : '';
}

export const url = {
  home: (locale: Locale) => `${localePrefix(locale)}/`,
  processes: (locale: Locale) => `${localePrefix(locale)}/processes/`,
  process: (locale: Locale, id: string) => `${localePrefix(locale)}/processes/${id}/`,
  step: (locale: Locale, processId: string, stepId: string) => `${localePrefix(locale)}/processes/${processId}/#step-${stepId}`,
  roles: (locale: Locale) => `${localePrefix(locale)}/roles/`,
  role: (locale: Locale, id: string) => `${localePrefix(locale)}/roles/${id}/`,
  departments: (locale: Locale) => `${localePrefix(locale)}/departments/`,
  department: (locale: Locale, id: string) => `${localePrefix(locale)}/departments/${id}/`,
  forms: (locale: Locale) => `${localePrefix(locale)}/forms/`,
  /** A form's page, by its slug (`FormCatalogue`): the registry id, or `formAnchor` of its name. */
  form: (locale: Locale, slug: string) => `${localePrefix(locale)}/forms/${slug}/`,
  formTemplate: (locale: Locale, slug: string) => `${localePrefix(locale)}/forms/${slug}.csv`,
  rules: (locale: Locale) => `${localePrefix(locale)}/rules/`,
  rule: (locale: Locale, id: string) => `${localePrefix(locale)}/rules/${id}/`,
  broken: (locale: Locale) => `${localePrefix(locale)}/broken/`,
  learnIndex: (locale: Locale) => `${localePrefix(locale)}/learn/`,
  /** A role's learning path. */
  learn: (locale: Locale, role: string) => `${localePrefix(locale)}/learn/${role}/`,
  /** A process's self-check quiz; `role` is the learning path to go back to. */
  quiz: (locale: Locale, id: string, role?: string) => `${localePrefix(locale)}/quiz/${id}/${role ? `?role=${encodeURIComponent(role)}` : ''}`,
  /** The in-browser editor, on a process or (no id) a new one. */
  edit: (locale: Locale, id?: string) => `${localePrefix(locale)}/edit/${id ? `?process=${encodeURIComponent(id)}` : ''}`,
};

/** A stable, ASCII-safe slug for a form name (names are Chinese and may contain anything). */
export function formAnchor(name: string): string {
  return `form-${fnv1a(name).toString(36)}`;
}
