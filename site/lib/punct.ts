import type { Locale } from '../../scripts/core/messages.ts';

/**
 * Punctuation between spec texts in the page's language (、：（） in Chinese). Kept in code, not with
 * the UI strings, whose values are trimmed: the spaces are part of the English forms. A module of its
 * own, so code that needs only this (the editor's worker) does not load the UI dictionaries.
 */
export function punct(locale: Locale): { comma: string; colon: string; open: string; close: string } {
  return locale === 'zh-CN' ? { comma: '、', colon: '：', open: '（', close: '）' } : { comma: ', ', colon: ': ', open: ' (', close: ')' };
}
