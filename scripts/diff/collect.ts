/**
 * Builds the semantic diff report between two revisions of a handbook
 * repository: reads both sides through git, lints both in memory with the same
 * rules and date (so only the change moves the findings), and diffs each spec.
 */
import type { Org } from '../../schemas/org.ts';
import type { Diagnostic } from '../core/diagnostic.ts';
import { loadOrg } from '../core/load-org.ts';
import { loadSpec, type LoadedSpec } from '../core/load-spec.ts';
import type { Locale } from '../core/messages.ts';
import { toMermaid } from '../flowchart/to-mermaid.ts';
import { CONFIG_FILE } from '../lint/config.ts';
import { messageOf } from '../lint/findings.ts';
import { lintProject, memorySource } from '../lint/project.ts';
import { indexOrg } from '../model/org-index.ts';
import { buildModel } from '../model/process-model.ts';
import { changedFiles, isRevision, listFiles, readFiles, resolveBase, GitError, SPEC_DIR } from './git.ts';
import { diffSpecs, highlights, type SpecChange, type StepRef } from './semantic.ts';

export const ORG_FILE = `${SPEC_DIR}/org.yml`;
export const CODEOWNERS_FILE = '.github/CODEOWNERS';

export interface SpecDiff {
  /** Path in the new revision (in the old one for a deleted spec). */
  file: string;
  oldFile?: string;
  status: 'added' | 'deleted' | 'modified' | 'renamed' | 'lint-only';
  id: string;
  title: string;
  changes: SpecChange[];
  /** Flowchart of the new version, changed steps highlighted. */
  mermaid?: string;
  highlight: Record<string, 'added' | 'changed'>;
  removedSteps: StepRef[];
}

export interface DiffReport {
  base: string;
  /** `undefined`: the working tree. */
  head?: string;
  /** Set when `origin/main` was missing and another base was used. */
  fallback?: string;
  /** The commit where the current branch forked from the base, when the base has moved on since. */
  forkPoint?: string;
  orgChanged: boolean;
  /** GitHub users and teams to ask for a review: roles newly given work in a process (CODEOWNERS asks only its owner). */
  reviewRequests: string[];
  notes: string[];
  specs: SpecDiff[];
}

export interface DiffOptions {
  cwd: string;
  base?: string;
  head?: string;
  locale: Locale;
  /** The date both revisions are linted as of (default: today). */
  today?: string;
}

export interface Side {
  rev: string | undefined;
  texts: Map<string, Uint8Array>;
  org?: Org;
  lint: Map<string, Diagnostic[]>;
}

/** One side of the diff: its files from git (or the working tree), linted as CI lints them, with the same config and date. */
export async function readSide(rev: string | undefined, cwd: string, options: DiffOptions): Promise<Side> {
  const files = listFiles(rev, cwd).filter((path) => path.endsWith('.md') || path.endsWith('org.yml'));
  const texts = readFiles(rev, [...files, CODEOWNERS_FILE, CONFIG_FILE], cwd);
  const orgBytes = texts.get(ORG_FILE);
  const org = orgBytes !== undefined ? loadOrg(ORG_FILE, orgBytes).org : undefined;
  const specs = files.filter((path) => path.endsWith('.md') && texts.has(path));
  const lint = await lintProject({ source: memorySource(texts), specs, ...(options.today ? { today: options.today } : {}) });
  const worded = lint.results.map((result) => [result.file, result.findings.map((finding) => ({ ...finding, message: messageOf(finding, options.locale) }))] as const);
  return { rev, texts, ...(org ? { org } : {}), lint: new Map(worded) };
}

/** The report for `base` → `head` (the working tree when `head` is undefined). */
export async function semanticDiff(options: DiffOptions): Promise<DiffReport> {
  const { cwd, locale } = options;
  const base = resolveBase(options.base, cwd);
  if (options.head !== undefined && !isRevision(options.head, cwd)) throw new GitError(`unknown revision "${options.head}"`);
  const changed = changedFiles(base.commit, options.head, cwd);
  const before = await readSide(base.commit, cwd, options);
  const after = await readSide(options.head, cwd, options);
  const load = (side: Side, file: string): LoadedSpec | undefined => {
    const text = side.texts.get(file);
    return text === undefined ? undefined : loadSpec(file, text);
  };

  // Pairs: git's renames, then a deleted and an added file that hold the same process id (a move git did not see).
  type Pair = { status: SpecDiff['status']; oldFile?: string; file?: string };
  const pairs: Pair[] = [];
  const idOf = (side: Side, file: string) => /^id:\s*(\S+)\s*$/m.exec(new TextDecoder().decode(side.texts.get(file) ?? new Uint8Array()))?.[1];
  // Git pairs files by similarity; two processes written from the same template look alike, so a
  // "rename" between different process ids is a deletion and an addition.
  const specChanges = changed
    .filter((c) => c.path.endsWith('.md'))
    .flatMap((c): typeof changed =>
      c.status === 'renamed' && idOf(before, c.oldPath!) !== idOf(after, c.path)
        ? [{ status: 'deleted', path: c.oldPath! }, { status: 'added', path: c.path }]
        : [c],
    );
  const deleted = specChanges.filter((c) => c.status === 'deleted');
  const added = specChanges.filter((c) => c.status === 'added');
  for (const gone of deleted) {
    const id = idOf(before, gone.path);
    const twin = id ? added.find((a) => idOf(after, a.path) === id) : undefined;
    if (twin) {
      added.splice(added.indexOf(twin), 1);
      pairs.push({ status: 'renamed', oldFile: gone.path, file: twin.path });
    } else pairs.push({ status: 'deleted', oldFile: gone.path });
  }
  for (const c of specChanges) {
    if (c.status === 'modified') pairs.push({ status: 'modified', oldFile: c.path, file: c.path });
    if (c.status === 'renamed') pairs.push({ status: 'renamed', oldFile: c.oldPath!, file: c.path });
  }
  for (const a of added) pairs.push({ status: 'added', file: a.path });

  // Specs the change did not touch whose findings still moved (e.g. org.yml or CODEOWNERS changed).
  const touched = new Set(pairs.flatMap((p) => [p.file, p.oldFile]));
  const key = (d: Diagnostic) => `${d.ruleId}\u0000${d.message}`;
  for (const [file, findings] of after.lint) {
    if (touched.has(file) || !before.lint.has(file)) continue;
    const was = before.lint.get(file)!.map(key).sort().join('\n');
    if (was !== findings.map(key).sort().join('\n')) pairs.push({ status: 'lint-only', oldFile: file, file });
  }

  const orgIndex = after.org ? indexOrg(after.org) : undefined;
  const specs: SpecDiff[] = [];
  for (const pair of pairs) {
    const old = pair.oldFile ? load(before, pair.oldFile) : undefined;
    const neu = pair.file ? load(after, pair.file) : undefined;
    const changes = diffSpecs(old, neu, {
      ...(after.org ? { org: after.org } : {}),
      ...(before.org ? { beforeOrg: before.org } : {}),
      workdayHours: 8,
      // A deleted spec's findings are gone with it, not fixed.
      lintBefore: pair.oldFile && pair.file ? before.lint.get(pair.oldFile) ?? [] : [],
      lintAfter: pair.file ? after.lint.get(pair.file) ?? [] : [],
    });
    if (pair.status === 'renamed' && !changes.some((c) => c.kind === 'spec-renamed')) changes.unshift({ kind: 'spec-renamed', from: pair.oldFile!, to: pair.file! });
    const { highlight, removed } = highlights(changes);
    const current = neu?.spec ?? old?.spec;
    const raw = (neu ?? old)?.data as { id?: unknown; title?: unknown } | undefined;
    specs.push({
      file: (pair.file ?? pair.oldFile)!,
      ...(pair.oldFile && pair.file && pair.oldFile !== pair.file ? { oldFile: pair.oldFile } : {}),
      status: pair.status,
      id: current?.id ?? (typeof raw?.id === 'string' ? raw.id : (pair.file ?? pair.oldFile)!.replace(/^.*\/|\.md$/g, '')),
      title: current?.title ?? (typeof raw?.title === 'string' ? raw.title : ''),
      changes,
      ...(neu?.spec && pair.status !== 'lint-only' ? { mermaid: toMermaid(buildModel(neu.spec), orgIndex, { locale, highlight }) } : {}),
      highlight,
      removedSteps: removed,
    });
  }
  specs.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return {
    base: base.ref,
    ...(options.head ? { head: options.head } : {}),
    ...(base.fallback ? { fallback: base.fallback } : {}),
    ...(base.forkPoint ? { forkPoint: base.forkPoint } : {}),
    orgChanged: changed.some((c) => c.path === ORG_FILE || c.oldPath === ORG_FILE),
    reviewRequests: [...new Set(specs.flatMap((s) => s.changes.flatMap((c) => (c.kind === 'new-participant' ? c.reviewers : []))))].sort(),
    notes: [],
    specs,
  };
}
