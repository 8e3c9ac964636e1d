import { z } from '../../schemas/zod.ts';
import { format, type Locale } from '../../scripts/core/messages.ts';
import en from '../content/i18n/en.json' with { type: 'json' };
import zh from '../content/i18n/zh-CN.json' with { type: 'json' };

/**
 * The site's own UI strings: flat dotted keys per locale in Starlight's i18n
 * collection (site/content/i18n/), next to any override of Starlight's own
 * strings. Chinese is the source; every locale must have the same keys,
 * non-empty, with the same {{placeholders}}.
 */
export const UiStringsShape = z.object(Object.fromEntries(Object.keys(zh).map((key) => [key, z.string().trim().min(1)])) as Record<keyof typeof zh, z.ZodString>);

export const UiStringsSchema = UiStringsShape.superRefine((strings, ctx) => {
    for (const [key, value] of Object.entries(strings)) {
      const expected = placeholders(zh[key as UiKey]);
      const found = placeholders(value as string);
      if (expected !== found) ctx.addIssue({ code: 'custom', path: [key], message: `uses placeholders ${found || 'none'}, expected ${expected || 'none'}` });
    }
  });

export type UiKey = keyof typeof zh;

function placeholders(text: string): string {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort().join(',');
}

function parse(locale: Locale, strings: unknown): Record<UiKey, string> {
  const result = UiStringsSchema.safeParse(strings);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  site/content/i18n/${locale}.json: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`UI strings are invalid:\n${lines.join('\n')}`);
  }
  return result.data as Record<UiKey, string>;
}

const STRINGS: Record<Locale, Record<UiKey, string>> = { 'zh-CN': parse('zh-CN', zh), en: parse('en', en) };

export type Translate = (key: UiKey, data?: Record<string, unknown>) => string;

export function useTranslations(locale: Locale): Translate {
  return (key, data) => format(STRINGS[locale][key], data);
}

export { punct } from './punct.ts';

/** The URL segment of a locale: Chinese is the root, English lives under /en/. */
export function localeFromParam(lang: string | undefined): Locale {
  return lang === 'en' ? 'en' : 'zh-CN';
}

export const LOCALE_PARAMS = [{ params: { lang: undefined }, locale: 'zh-CN' as Locale }, { params: { lang: 'en' }, locale: 'en' as Locale }];

/** The static paths of a page that exists once per locale: `/…` in Chinese, `/en/…` in English. */
export function localePaths() {
  return LOCALE_PARAMS.map(({ params, locale }) => ({ params, props: { locale } }));
}

/**
 * The static paths of a page per item and locale, each with the item's key for the incremental build
 * (site/lib/page-keys.ts), made once for both languages: the route's `param` is the item's id, and
 * the page gets `{ locale, id }`.
 */
export async function keyedPaths<T>(items: readonly T[], param: string, idOf: (item: T) => string, keyOf: (item: T) => string | Promise<string>) {
  const keys = await Promise.all(items.map(keyOf));
  return LOCALE_PARAMS.flatMap(({ params, locale }) => items.map((item, i) => ({ params: { ...params, [param]: idOf(item) }, props: { locale, id: idOf(item) }, cacheKey: keys[i]! })));
}
