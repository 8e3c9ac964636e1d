import type { APIRoute } from 'astro';
import { editableSpecs, editorLintData } from '../../lib/editor-data.ts';
import { getSiteHandbook } from '../../lib/handbook.ts';
import { handbookRepository } from '../../lib/repository.ts';
import { displayPath, processesDir } from '../../lib/source.ts';
import { today } from '../../lib/today.ts';
import type { EditorHandbook } from '../../scripts/editor/protocol.ts';

/** The in-browser editor's view of the handbook (see lib/editor-data.ts). */
export const GET: APIRoute = async () => {
  const site = await getSiteHandbook();
  const repository = handbookRepository();
  const handbook: EditorHandbook = {
    ...(await editorLintData(process.cwd(), editableSpecs(), today())),
    processes: site.entries.map((entry) => ({ id: entry.spec.id, file: entry.file, title: entry.spec.title, ...(entry.spec.titleEn ? { titleEn: entry.spec.titleEn } : {}) })),
    forms: site.forms.forms.map((form) => [form.name, { slug: form.slug, ...(form.form ? { form: { name: form.form.name, ...(form.form.nameEn ? { nameEn: form.form.nameEn } : {}) } } : {}) }]),
    specFolder: displayPath(processesDir()),
    // A build pinned to a date (tests) lints as of that date; otherwise the reader's own date is today, as in CI.
    ...(process.env.HANDBOOK_TODAY ? { today: today() } : {}),
    ...(repository ? { repository } : {}),
  };
  return new Response(JSON.stringify(handbook), { headers: { 'content-type': 'application/json' } });
};
