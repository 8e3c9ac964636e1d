import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Locale } from '../../scripts/core/messages.ts';
import { loadSpec, type LoadedSpec } from '../../scripts/core/load-spec.ts';
import { readObjects } from '../../scripts/diff/git.ts';
import { describeChange, type Line } from '../../scripts/diff/render.ts';
import { diffSpecs, type ChangeKind, type SpecChange } from '../../scripts/diff/semantic.ts';
import type { HandbookEntry } from '../../scripts/model/handbook.ts';
import { compareVersions } from '../../scripts/model/versions.ts';
import { generateQuiz, type Quiz } from '../../scripts/training/quiz.ts';
import { getSiteHandbook } from './handbook.ts';
import { handbookSettings, processesDir, readSpec } from './source.ts';

/**
 * What the training pages read at build time: each process's quiz, and for re-learning, what
 * changed since each earlier version. The browser only keeps which version it passed; the words of
 * the change are the pull-request diff's own (`diffSpecs` + `describeChange`), computed here for
 * every earlier version git still holds, so the page shows the one the reader learned. Nothing is
 * compared in the browser: the diff stays one implementation, tested once, and the page works
 * without shipping the specs.
 */

// Pages ask for the same process's quiz and changes many times, many at once: each is made once,
// and what is kept is the promise, so a second page asking before the first answer is ready waits for it.
const quizzes = new Map<string, Promise<Quiz>>();

export function quizOf(entry: HandbookEntry): Promise<Quiz> {
  let quiz = quizzes.get(entry.spec.id);
  if (!quiz) quizzes.set(entry.spec.id, (quiz = makeQuiz(entry)));
  return quiz;
}

async function makeQuiz(entry: HandbookEntry): Promise<Quiz> {
  const site = await getSiteHandbook();
  return generateQuiz(entry, site.handbook, { workdayHours: handbookSettings().workdayHours });
}

/** The pass mark, percent of questions right. */
export function passScore(): number {
  return handbookSettings().passScore;
}

/** What changed from one earlier version to the current one, in both languages. */
export interface ChangeSince {
  version: string;
  lines: Record<Locale, Line[]>;
}

/** Changes that are about the record of the change, not the process a new hire follows. */
const BOOKKEEPING: ReadonlySet<ChangeKind> = new Set([
  'version-changed', 'history-added', 'history-removed', 'status-changed', 'stage-changed', 'spec-renamed', 'spec-invalid',
  'lint-introduced', 'lint-fixed', 'version-not-bumped', 'history-not-added',
]);

/** An English text added or reworded (`nameEn`, `translations` …): the process itself did not change. */
function translationOnly(change: SpecChange): boolean {
  if (change.kind !== 'value-changed' && change.kind !== 'items-changed') return false;
  const field = change.field.split('.').at(-1)!;
  return field === 'translations' || field === '$schema' || /^[a-z]+En$/.test(field);
}

let earlier: Map<string, LoadedSpec[]> | undefined;

/** Per process id, the last text of each earlier version in git, newest first. */
function earlierVersions(entries: HandbookEntry[]): Map<string, LoadedSpec[]> {
  if (earlier) return earlier;
  earlier = new Map();
  const dir = processesDir();
  const top = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8' });
  // Not a git checkout (or git missing): the page falls back to the spec's own history lines.
  if (top.status !== 0) return earlier;
  const root = top.stdout.trim();
  const log = spawnSync('git', ['log', '--format=#%H', '--raw', '--no-abbrev', '--no-renames', '--', '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (log.status !== 0) return earlier;
  const blobsByFile = new Map<string, string[]>();
  for (const line of log.stdout.split('\n')) {
    // :100644 100644 <old blob> <new blob> M\t<path from the repository root>
    const match = /^:\d+ \d+ [0-9a-f]+ ([0-9a-f]+) [A-Z]\d*\t(.+)$/.exec(line);
    if (!match || /^0+$/.test(match[1]!)) continue;
    const list = blobsByFile.get(match[2]!) ?? [];
    list.push(match[1]!);
    blobsByFile.set(match[2]!, list);
  }
  const wanted = entries.map((entry) => ({ entry, file: path.relative(root, path.resolve(entry.file)).split(path.sep).join('/') }));
  const objects = readObjects([...new Set(wanted.flatMap(({ file }) => blobsByFile.get(file) ?? []))], root);
  for (const { entry, file } of wanted) {
    const versions: LoadedSpec[] = [];
    const seen = new Set([entry.spec.version]);
    for (const blob of blobsByFile.get(file) ?? []) {
      const bytes = objects.get(blob);
      if (!bytes) continue;
      // Only the newest text of each version is parsed: what a reader saw while that version was current.
      const written = /^version:\s*["']?([^"'\s#]+)/m.exec(new TextDecoder().decode(bytes))?.[1];
      if (written === undefined || seen.has(written)) continue;
      const loaded = loadSpec(file, bytes);
      if (!loaded.spec || seen.has(loaded.spec.version)) continue;
      seen.add(loaded.spec.version);
      versions.push(loaded);
    }
    earlier.set(entry.spec.id, versions.sort((a, b) => compareVersions(b.spec!.version, a.spec!.version)));
  }
  return earlier;
}

const summaries = new Map<string, Promise<ChangeSince[]>>();

/** For each earlier version git has, what changed from it to the current spec, as the pull-request diff words it. */
export function changesSince(entry: HandbookEntry): Promise<ChangeSince[]> {
  let changes = summaries.get(entry.spec.id);
  if (!changes) summaries.set(entry.spec.id, (changes = summarise(entry)));
  return changes;
}

async function summarise(entry: HandbookEntry): Promise<ChangeSince[]> {
  const site = await getSiteHandbook();
  const versions = earlierVersions(site.entries).get(entry.spec.id) ?? [];
  if (versions.length === 0) return [];
  const current = readSpec(path.resolve(entry.file));
  return versions.map((old): ChangeSince => {
    const changes = diffSpecs(old, current, { org: site.org, workdayHours: handbookSettings().workdayHours }).filter((change) => !BOOKKEEPING.has(change.kind) && !translationOnly(change));
    return { version: old.spec!.version, lines: { 'zh-CN': changes.map((change) => describeChange(change, 'zh-CN')), en: changes.map((change) => describeChange(change, 'en')) } };
  });
}
