import { execFileSync } from 'node:child_process';
import { getCollection } from 'astro:content';
import type { FormRegistry } from '../../schemas/forms.ts';
import type { Org } from '../../schemas/org.ts';
import type { Process } from '../../schemas/process.ts';
import type { Locale } from '../../scripts/core/messages.ts';
import { indexForms } from '../../scripts/model/form-registry.ts';
import { buildHandbook, type Handbook, type HandbookEntry } from '../../scripts/model/handbook.ts';
import { indexOrg, type OrgIndex } from '../../scripts/model/org-index.ts';
import { buildFormCatalogue, type FormCatalogue } from './forms.ts';
import { allowBroken, displayPath, specFiles } from './source.ts';
import { lintFindings, type Finding } from './lint-findings.ts';
import { today } from './today.ts';

export type { Finding } from './lint-findings.ts';

export interface BrokenSpec {
  file: string;
  problems: Record<Locale, Array<{ line: number; column: number; message: string }>>;
}

/** Everything the pages read, built once per build. */
export interface SiteHandbook {
  handbook: Handbook;
  org: OrgIndex;
  /** Processes sorted by category order, then title. */
  entries: HandbookEntry[];
  broken: BrokenSpec[];
  findings: Map<string, Record<Locale, Finding[]>>;
  lastUpdated: Map<string, Date>;
  /** Markdown body per process id. */
  bodies: Map<string, string>;
  /** Every form named in the handbook or registered in processes/forms.yml. */
  forms: FormCatalogue;
  today: string;
}

const CATEGORY_ORDER = ['business', 'management', 'information'];
let cached: Promise<SiteHandbook> | undefined;

export function getSiteHandbook(): Promise<SiteHandbook> {
  return (cached ??= load());
}

async function load(): Promise<SiteHandbook> {
  const [processEntries, orgEntries, formEntries, brokenEntries] = await Promise.all([
    getCollection('processes'),
    getCollection('org'),
    getCollection('forms'),
    // The collection exists only with HANDBOOK_ALLOW_BROKEN=1.
    allowBroken() ? getCollection('brokenSpecs' as 'processes') : Promise.resolve([]),
  ]);
  const org = indexOrg(orgEntries[0]!.data as Org);
  const specs = processEntries.map((entry) => ({ file: entry.filePath ?? entry.id, spec: entry.data as Process, body: entry.body ?? '' }));
  const handbook = buildHandbook(specs, org);
  const entries = [...handbook.entries].sort(
    (a, b) => CATEGORY_ORDER.indexOf(a.spec.category) - CATEGORY_ORDER.indexOf(b.spec.category) || a.spec.title.localeCompare(b.spec.title, 'zh-CN') || a.spec.id.localeCompare(b.spec.id),
  );

  return {
    handbook,
    org,
    entries,
    broken: brokenEntries.map((entry) => entry.data as unknown as BrokenSpec).sort((a, b) => a.file.localeCompare(b.file)),
    findings: await lintFindings(specFiles().map(displayPath), process.cwd(), today()),
    lastUpdated: gitDates(),
    bodies: new Map(processEntries.map((entry) => [entry.id, entry.body ?? ''])),
    forms: buildFormCatalogue(handbook, indexForms(formEntries[0]?.data as FormRegistry | undefined), org),
    today: today(),
  };
}

/** Last commit date of every file, from one `git log` (none outside a repository). */
function gitDates(): Map<string, Date> {
  const dates = new Map<string, Date>();
  try {
    const log = execFileSync('git', ['log', '--format=#%ct', '--name-only', '--', '.'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
    let current: Date | undefined;
    for (const line of log.split('\n')) {
      if (line.startsWith('#')) current = new Date(Number(line.slice(1)) * 1000);
      else if (line && current && !dates.has(line)) dates.set(line, current);
    }
  } catch {
    // Not a git checkout: pages show no "last updated".
  }
  return dates;
}
