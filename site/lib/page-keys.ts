import { createHash } from 'node:crypto';
import type { HandbookEntry } from '../../scripts/model/handbook.ts';
import { publishedFormats } from './exports.ts';
import type { SiteHandbook } from './handbook.ts';
import { handbookSettings } from './source.ts';
import { quizOf } from './training.ts';

/**
 * What a page's HTML is made of, as a key (Astro's incremental build: a page whose key and code
 * are unchanged since the last build is copied, not rendered again). A key holds everything the
 * page reads besides its code: the process's own spec, body, findings and date, and what it reads
 * of the rest of the handbook, taken at the handbook's level so nothing is missed (the org, the
 * settings, the build's date, every process's id and titles, each form's page and names). Editing one
 * process's steps or text changes the keys of its own pages only; renaming a process, a form or
 * a role changes them all, as it changes what every page may show.
 */

let shared: string | undefined;

/** The part of every key that comes from the handbook as a whole. */
function handbookDigest(site: SiteHandbook): string {
  return (shared ??= digest([
    site.today,
    handbookSettings(),
    publishedFormats(),
    [...site.org.departments.values()],
    [...site.org.roles.values()],
    site.entries.map((entry) => [entry.spec.id, entry.spec.title, entry.spec.titleEn, entry.spec.status, entry.spec.version, entry.spec.category]),
    // What a process page shows of a form: its page's slug and registered names (FormNames).
    [...site.forms.byName].map(([name, form]) => [name, form.slug, form.form?.name, form.form?.nameEn]),
  ]));
}

/** The key of a process's page: the process itself (its quiz decides the training links), on the handbook's digest. */
export async function processPageKey(site: SiteHandbook, entry: HandbookEntry): Promise<string> {
  return digest([handbookDigest(site), entry.spec, site.bodies.get(entry.spec.id), site.findings.get(entry.file), site.lastUpdated.get(entry.file)?.toISOString(), await quizOf(entry)]);
}

/** The key of a process's quiz page: its questions (made from the whole handbook), on the handbook's digest. */
export async function quizPageKey(site: SiteHandbook, entry: HandbookEntry): Promise<string> {
  return digest([handbookDigest(site), entry.spec.id, entry.spec.title, entry.spec.titleEn, entry.spec.version, await quizOf(entry)]);
}

function digest(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value, (_key, item: unknown) => (item instanceof Map ? [...item] : item instanceof Set ? [...item] : item)))
    .digest('hex')
    .slice(0, 32);
}
