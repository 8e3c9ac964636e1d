import { closest } from '../../core/friendly-issues.ts';
import type { Locale } from '../../core/messages.ts';

/** A localized " — did you mean `x`?" (or nothing), for the `{{suggestion}}` placeholder. */
export function didYouMean(locale: Locale, word: string, candidates: Iterable<string>): string {
  const match = closest(word, [...candidates]);
  if (!match) return '';
  return locale === 'zh-CN' ? `（是否应为 \`${match}\`？）` : ` (did you mean \`${match}\`?)`;
}

/** A list of values for a message, in the locale's way of listing. */
export function list(locale: Locale, items: readonly string[]): string {
  return items.join(locale === 'zh-CN' ? '、' : ', ');
}
