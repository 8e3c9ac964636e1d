import { MESSAGES, type Locale, type MessageKey } from './messages.ts';

/** Text in both languages the handbook speaks. */
export type Bilingual = Record<Locale, string>;

/**
 * A value in a finding's data. Findings stay data until the edge (a terminal, a page, a pull-request
 * comment) renders them in one language, so a value that reads differently per language is kept as
 * what it means: a phrase in both languages, a list, a suggestion, or a reading-stage message.
 */
export type MessageValue =
  | string
  | number
  | boolean
  | { phrase: Bilingual }
  | { list: MessageValue[]; join?: 'and' | 'comma'; limit?: number }
  /** " (did you mean `x`?)" when there is a near name, nothing when `null`. */
  | { suggestion: string | null }
  | { message: MessageKey; data?: MessageData };

export type MessageData = { [name: string]: MessageValue };

/** Fills `{{name}}` placeholders, each value worded in `locale`; an unknown placeholder stays visible rather than vanishing. */
export function render(template: string, data: MessageData | undefined, locale: Locale): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (data && Object.hasOwn(data, name) ? word(data[name]!, locale) : whole));
}

/** A reading-stage message (`scripts/core/messages.ts`) in `locale`. */
export function renderCore(key: MessageKey, data: MessageData | undefined, locale: Locale): string {
  return render(MESSAGES[key][locale], data, locale);
}

function word(value: MessageValue, locale: Locale): string {
  if (typeof value !== 'object' || value === null) return String(value);
  if ('phrase' in value) return value.phrase[locale];
  if ('suggestion' in value) {
    if (value.suggestion === null) return '';
    return locale === 'zh-CN' ? `（是否应为 \`${value.suggestion}\`？）` : ` (did you mean \`${value.suggestion}\`?)`;
  }
  if ('message' in value) return renderCore(value.message, value.data, locale);
  const items = value.list.map((item) => word(item, locale));
  const shown = value.limit !== undefined && items.length > value.limit ? items.slice(0, value.limit) : items;
  const comma = locale === 'zh-CN' ? '、' : ', ';
  if (shown.length < items.length) return `${shown.join(comma)}${locale === 'zh-CN' ? ` 等 ${items.length} 个` : ` and ${items.length - shown.length} more`}`;
  if (value.join === 'and' && items.length > 1) return `${items.slice(0, -1).join(comma)}${locale === 'zh-CN' ? '和' : ' and '}${items.at(-1)}`;
  return items.join(comma);
}

/** A phrase in both languages, for a finding's data. */
export function phrase(en: string, zh: string): MessageValue {
  return { phrase: { en, 'zh-CN': zh } };
}

/** "a, b and c" / "a、b和c". */
export function listAnd(items: readonly MessageValue[]): MessageValue {
  return { list: [...items], join: 'and' };
}

/** "a, b, c" / "a、b、c". */
export function list(items: readonly MessageValue[]): MessageValue {
  return { list: [...items] };
}

/** At most `limit` items, then "and N more" / "等 N 个". */
export function firstFew(items: readonly MessageValue[], limit = 3): MessageValue {
  return { list: [...items], limit };
}

/** A value worded by the same function in each language (a duration, a deadline read back). */
export function inBoth(wording: (locale: Locale) => string): MessageValue {
  return { phrase: { en: wording('en'), 'zh-CN': wording('zh-CN') } };
}
