import type { Locale } from '../../scripts/core/messages.ts';
import type { Localized } from '../../scripts/model/english.ts';
import { formName } from '../../scripts/model/handbook.ts';

/** What a form's link needs of the forms catalogue: its page's slug and its registered names. The editor ships just this. */
export interface FormNames {
  byName: ReadonlyMap<string, { slug: string; form?: { name: string; nameEn?: string | undefined } | undefined }>;
}

/**
 * A form as a step or stage writes it (《费用报销单》（部门审核意见）), in the page's language: the
 * spec's English for that item when it has one, else the registry's English name when the text is
 * just the form's name, else the Chinese as written.
 */
export function formLabel(text: string, english: string | undefined, catalogue: FormNames, locale: Locale): Localized {
  if (locale === 'en') {
    if (english !== undefined) return { text: english, lang: 'en' };
    const registered = catalogue.byName.get(formName(text))?.form;
    if (registered?.nameEn && text.trim() === `《${registered.name}》`) return { text: registered.nameEn, lang: 'en' };
  }
  return { text, lang: 'zh-CN' };
}
