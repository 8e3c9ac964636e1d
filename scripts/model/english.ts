import type { Process, Step } from '../../schemas/process.ts';
import type { Locale } from '../core/messages.ts';
import { parseDeadline } from './deadline.ts';

/**
 * A spec's text in the reader's language. Chinese is the source; English sits beside it in the
 * `…En` fields (`name` / `nameEn`). A text shown in a language other than the page's keeps its own
 * `lang`, so the page can mark it and say plainly that it is Chinese.
 */
export interface Localized {
  text: string;
  lang: Locale;
}

export function localized(zh: string, en: string | undefined, locale: Locale): Localized {
  return locale === 'en' && en !== undefined ? { text: en, lang: 'en' } : { text: zh, lang: 'zh-CN' };
}

/** A list and its English, item by item; an English list of another length is no translation of it. */
export function localizedList(zh: readonly string[] | undefined, en: readonly string[] | undefined, locale: Locale): Localized[] {
  const translated = locale === 'en' && en !== undefined && en.length === (zh ?? []).length;
  return (zh ?? []).map((text, i) => (translated ? { text: en[i]!, lang: 'en' } : { text, lang: 'zh-CN' }));
}

/** A KPI's frequency: periods (每月, 每季度) are read and worded in any language; other text needs `frequencyEn`. */
export function frequencyIsPeriod(frequency: string): boolean {
  const parse = parseDeadline(frequency);
  return parse.ok && parse.value.kind === 'recurring';
}

/** A reader-visible text without its English: where it is, and the field that would hold the English. */
export interface EnglishGap {
  /** Path of the Chinese text, or of the English list whose length is wrong. */
  path: Array<string | number>;
  /** The English field to add or correct, e.g. `nameEn`. */
  field: string;
  /** For a list: how many items the Chinese has and the English has. */
  count?: { expected: number; found: number };
}

type Source = Record<string, unknown>;

/**
 * Every text a reader sees that has no English: the title, goal, summary and scope; each KPI's name,
 * source and frequency (unless it is a period); each step's name, action, inputs, outputs, controls,
 * tools and branch conditions; each exception's situation and action. The `translation-complete`
 * rule reports these; the English pages say how much is still Chinese.
 */
export function englishGaps(spec: Process): EnglishGap[] {
  const gaps: EnglishGap[] = [];
  const text = (object: Source, key: string, at: Array<string | number>) => {
    if (typeof object[key] === 'string' && (object[key] as string).trim() !== '' && object[`${key}En`] === undefined) gaps.push({ path: [...at, key], field: `${key}En` });
  };
  const list = (object: Source, key: string, at: Array<string | number>) => {
    const items = object[key] as string[] | undefined;
    if (!items?.length) return;
    const english = object[`${key}En`] as string[] | undefined;
    if (english === undefined) gaps.push({ path: [...at, key], field: `${key}En` });
    else if (english.length !== items.length) gaps.push({ path: [...at, `${key}En`], field: `${key}En`, count: { expected: items.length, found: english.length } });
  };
  text(spec, 'title', []);
  text(spec, 'goal', []);
  text(spec, 'summary', []);
  text(spec.scope, 'start', ['scope']);
  text(spec.scope, 'end', ['scope']);
  list(spec.scope, 'includes', ['scope']);
  list(spec.scope, 'excludes', ['scope']);
  spec.kpis?.forEach((kpi, i) => {
    text(kpi, 'name', ['kpis', i]);
    text(kpi, 'source', ['kpis', i]);
    if (kpi.frequency !== undefined && !frequencyIsPeriod(kpi.frequency)) text(kpi, 'frequency', ['kpis', i]);
  });
  spec.steps.forEach((step, i) => {
    const at = ['steps', i];
    text(step, 'name', at);
    text(step, 'action', at);
    for (const key of ['inputs', 'outputs', 'controls', 'tools'] as const) list(step, key, at);
    step.branches?.forEach((branch, j) => text(branch, 'when', [...at, 'branches', j]));
  });
  spec.exceptions?.forEach((exception, i) => {
    text(exception, 'when', ['exceptions', i]);
    text(exception, 'action', ['exceptions', i]);
  });
  return gaps;
}

/**
 * The spec with its English in place of the Chinese wherever it has some: what the English
 * flowchart is drawn from. Ids, roles, deadlines and the graph are unchanged.
 */
export function inEnglish(spec: Process): Process {
  const step = (s: Step): Step => ({
    ...s,
    name: s.nameEn ?? s.name,
    ...(s.branches ? { branches: s.branches.map((branch) => ({ ...branch, ...(branch.whenEn !== undefined ? { when: branch.whenEn } : {}) })) } : {}),
  });
  return { ...spec, title: spec.titleEn ?? spec.title, steps: spec.steps.map(step) };
}
