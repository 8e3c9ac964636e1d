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
 * a role, a department or a form holds each process it reads as far as the page shows it (a role's
 * pages, for one, show the operating instructions of the role's own steps only). Editing one process's
 * steps or text changes the keys of its own pages and of the pages of the roles, departments and forms
 * that show what changed; renaming a process, a form or a role changes them all, as it changes what
 * every page may show.
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

/** The key of a process's page: its spec and text, findings, date, quiz (it decides the training links) and the changes since its earlier versions, on the handbook's digest. */
export async function processPageKey(site: SiteHandbook, entry: HandbookEntry): Promise<string> {
  const [quiz, changes] = await Promise.all([quizOf(entry), changesSince(entry)]);
  return digest([handbookDigest(site), entry.spec, site.bodies.get(entry.spec.id), site.findings.get(entry.file), site.lastUpdated.get(entry.file)?.toISOString(), quiz, changes]);
}

/** The processes a role's pages (its duties, its learning path) read: those it has a duty in, and those it owns. */
export function roleProcesses(site: SiteHandbook, role: string): HandbookEntry[] {
  return [...(site.handbook.duties.get(role) ?? []).map((duty) => duty.process), ...site.entries.filter((entry) => entry.spec.owner === role)];
}

// Kept as promises: the role's page and its learning path ask at once.
const roleKeys = new Map<string, Promise<string>>();

/**
 * The key of a role's page and of its learning path. They show of each process the role's own steps
 * in full and the other steps by name, number, role and links (RoleDuties, the learning path's lanes,
 * reading minutes), never another role's operating instruction, the prose, the findings or the quiz's
 * questions: so the key holds each process without those. Rewording one step's instruction then
 * renders again the pages of that step's role, not those of every role in the process (at 1,000
 * processes, 4 pages of a rebuild instead of 48).
 */
export function rolePageKey(site: SiteHandbook, role: string): Promise<string> {
  let key = roleKeys.get(role);
  if (!key) {
    const views = [...new Set(roleProcesses(site, role))].map(async (entry) => {
      const own = entry.spec.steps.filter((step) => step.role === role).map((step) => [step.id, step.action, step.actionEn]);
      return digest([outlineDigest(entry), own, await trainingDigest(entry)]);
    });
    key = Promise.all(views).then((digests) => digest([handbookDigest(site), ['role', role], digests]));
    roleKeys.set(role, key);
  }
  return key;
}

const trainings = new Map<string, Promise<string>>();

/** What a learning path shows of a process's training: how many questions its quiz has, and the changes since earlier versions. */
function trainingDigest(entry: HandbookEntry): Promise<string> {
  let made = trainings.get(entry.file);
  if (!made) trainings.set(entry.file, (made = Promise.all([quizOf(entry), changesSince(entry)]).then(([quiz, changes]) => digest([quiz.questions.length, changes]))));
  return made;
}

/**
 * A department's page reads the processes it owns (a row each) and the steps of its roles (a count),
 * a form's page its registry entry and the steps that produce or use it (number, name, role) and the
 * processes that name it. Neither shows a step's operating instruction, the prose, the findings, the
 * quiz or the changes: their keys hold each process without those.
 */
export function departmentPageKey(site: SiteHandbook, department: string): string {
  const roles = site.org.org.roles.filter((role) => role.department === department).map((role) => role.id);
  return listingKey(site, ['department', department], [...site.entries.filter((entry) => entry.spec.department === department), ...roles.flatMap((role) => roleProcesses(site, role))]);
}

export function formPageKey(site: SiteHandbook, form: CatalogueForm): string {
  const uses = [...form.producedBy, ...form.usedBy].map((use) => use.process);
  return listingKey(site, ['form', form.slug, form.form], [...uses, ...form.stages.map((stage) => stage.process)]);
}

function listingKey(site: SiteHandbook, page: unknown, entries: Iterable<HandbookEntry>): string {
  return digest([handbookDigest(site), page, [...new Set(entries)].map(outlineDigest)]);
}

const outlines = new Map<string, string>();

/** A process without its steps' operating instructions: what pages that list its steps show of it. */
function outlineDigest(entry: HandbookEntry): string {
  let made = outlines.get(entry.file);
  if (made === undefined) {
    const steps = entry.spec.steps.map((step) => ({ ...step, action: undefined, actionEn: undefined }));
    outlines.set(entry.file, (made = digest({ ...entry.spec, steps })));
  }
  return made;
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
