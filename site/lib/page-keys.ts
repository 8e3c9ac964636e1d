import { createHash } from 'node:crypto';
import type { HandbookEntry } from '../../scripts/model/handbook.ts';
import { publishedFormats } from './exports.ts';
import type { SiteHandbook } from './handbook.ts';
import { handbookSettings } from './source.ts';
import type { CatalogueForm } from './forms.ts';
import { changesSince, quizOf } from './training.ts';

/**
 * What a page's HTML is made of, as a key (Astro's incremental build: a page whose key and code
 * are unchanged since the last build is copied, not rendered again). A key holds everything the
 * page reads besides its code: the process's own spec, body, findings and date, and what it reads
 * of the rest of the handbook, taken at the handbook's level so nothing is missed (the org, the
 * settings, the build's date, every process's id and titles, each form's page and names). A page about
 * a role, a department or a form holds, whole, each process it reads. Editing one process's steps or
 * text changes the keys of its own pages and of the pages of the roles, departments and forms it
 * names; renaming a process, a form or a role changes them all, as it changes what every page may show.
 */

let shared: string | undefined;
// Kept as promises: the pages of roles, departments and forms ask for the same processes at once.
const processDigests = new Map<string, Promise<string>>();

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

/** A process as a page shows it: its spec and text, findings, date, quiz and the changes since its earlier versions. */
function processDigest(site: SiteHandbook, entry: HandbookEntry): Promise<string> {
  let made = processDigests.get(entry.file);
  if (!made) {
    made = Promise.all([quizOf(entry), changesSince(entry)]).then(([quiz, changes]) => digest([entry.spec, site.bodies.get(entry.spec.id), site.findings.get(entry.file), site.lastUpdated.get(entry.file)?.toISOString(), quiz, changes]));
    processDigests.set(entry.file, made);
  }
  return made;
}

/** The key of a page that shows the given processes, on the handbook's digest. */
async function pageKey(site: SiteHandbook, page: unknown, entries: Iterable<HandbookEntry>): Promise<string> {
  const unique = [...new Set(entries)];
  return digest([handbookDigest(site), page, await Promise.all(unique.map((entry) => processDigest(site, entry)))]);
}

/** The key of a process's page: the process itself (its quiz decides the training links), on the handbook's digest. */
export function processPageKey(site: SiteHandbook, entry: HandbookEntry): Promise<string> {
  return pageKey(site, entry.spec.id, [entry]);
}

/** The processes a role's pages (its duties, its learning path) read: those it has a duty in, and those it owns. */
export function roleProcesses(site: SiteHandbook, role: string): HandbookEntry[] {
  return [...(site.handbook.duties.get(role) ?? []).map((duty) => duty.process), ...site.entries.filter((entry) => entry.spec.owner === role)];
}

const roleKeys = new Map<string, Promise<string>>();

/**
 * The key of a role's page and of its learning path. They show of each process the role's own steps
 * in full and the other steps by name, number, role and links (RoleDuties, the learning path's lanes,
 * reading minutes), never another role's operating instruction, the prose, the findings or the quiz's
 * questions: so the key holds each process without those. Rewording one step's instruction then
 * renders again the pages of that step's role, not those of every role in the process (at 1,000
 * processes, 48 pages of a rebuild instead of 4).
 */
export function rolePageKey(site: SiteHandbook, role: string): Promise<string> {
  let key = roleKeys.get(role);
  if (!key) {
    const views = [...new Set(roleProcesses(site, role))].map(async (entry) => {
      const { spec } = entry;
      const [quiz, changes] = await Promise.all([quizOf(entry), changesSince(entry)]);
      const steps = spec.steps.map((step) => (step.role === role ? step : { ...step, action: undefined, actionEn: undefined }));
      return digest([{ ...spec, steps }, quiz.questions.length, changes]);
    });
    key = Promise.all(views).then((digests) => digest([handbookDigest(site), ['role', role], digests]));
    roleKeys.set(role, key);
  }
  return key;
}

/** A department's page reads the processes it owns and every duty of its roles. */
export function departmentPageKey(site: SiteHandbook, department: string): Promise<string> {
  const roles = site.org.org.roles.filter((role) => role.department === department).map((role) => role.id);
  return pageKey(site, ['department', department], [...site.entries.filter((entry) => entry.spec.department === department), ...roles.flatMap((role) => roleProcesses(site, role))]);
}

/** A form's page reads its registry entry and the processes that produce, use or name it. */
export function formPageKey(site: SiteHandbook, form: CatalogueForm): Promise<string> {
  const uses = [...form.producedBy, ...form.usedBy].map((use) => use.process);
  return pageKey(site, ['form', form.slug, form.form], [...uses, ...form.stages.map((stage) => stage.process)]);
}

/** The key of a process's quiz page: its questions (made from the whole handbook), on the handbook's digest. */
export async function quizPageKey(site: SiteHandbook, entry: HandbookEntry): Promise<string> {
  return digest([handbookDigest(site), entry.spec.id, entry.spec.title, entry.spec.titleEn, entry.spec.version, await quizOf(entry)]);
}

/**
 * The key of a lint rule's page: the rule's own metadata is code (Astro keys the page's code itself);
 * of the handbook it shows only what every page's frame shows (its name, its repository for the edit link).
 */
export function rulePageKey(rule: string): string {
  return digest(['rule', rule, handbookSettings()]);
}

function digest(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value, (_key, item: unknown) => (item instanceof Map ? [...item] : item instanceof Set ? [...item] : item)))
    .digest('hex')
    .slice(0, 32);
}
