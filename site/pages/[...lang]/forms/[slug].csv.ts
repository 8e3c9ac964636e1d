import type { APIRoute } from 'astro';
import type { Locale } from '../../../../scripts/core/messages.ts';
import { templateCsv } from '../../../lib/forms.ts';
import { getSiteHandbook } from '../../../lib/handbook.ts';
import { LOCALE_PARAMS } from '../../../lib/i18n.ts';

/** Each template as a blank CSV, headed in the page's language: `/forms/<id>.csv`, `/en/forms/<id>.csv`. */
export async function getStaticPaths() {
  const site = await getSiteHandbook();
  const templates = site.forms.forms.filter((form) => form.form?.template);
  return LOCALE_PARAMS.flatMap(({ params, locale }) => templates.map((form) => ({ params: { ...params, slug: form.slug }, props: { locale, slug: form.slug } })));
}

export const GET: APIRoute = async ({ props }) => {
  const { locale, slug } = props as { locale: Locale; slug: string };
  const form = (await getSiteHandbook()).forms.bySlug.get(slug)!.form!;
  return new Response(templateCsv(form, locale), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
