import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { specFilesIn } from '../core/spec-files.ts';
import { checkFileWithFixes, type FileEnv, type FileReport, type FixableFinding, type SourceContent } from '../lint/check-file.ts';
import { findRoot } from '../lint/discover.ts';
import { handbookPhase, phaseOneEnv, readEnvironment, type Environment, type ProjectSource } from '../lint/environment.ts';
import { diskSource } from '../lint/project.ts';
import { finishReport, indexReports, type FileResult } from '../lint/resolve.ts';

/**
 * The handbook an open spec belongs to, linted as `processlint` lints it: the same environment
 * (`readEnvironment`: config, each folder's org.yml, CODEOWNERS, the date), every spec checked on its
 * own (`checkFileWithFixes`), the handbook phase over every spec's outline (`indexReports`,
 * `finishReport`). The specs are the ones on disk, each open document's text replacing its file's.
 *
 * Phase-one reports are kept between runs: a spec on disk until its size or modification time
 * changes, an open document until its text does, all of them until the environment does. A
 * keystroke therefore checks one spec and reruns only the handbook phase, which reads outlines.
 */

/** Where the CLI looks for specs when given no path. */
const DEFAULT_FOLDER = 'processes';

export interface HandbookPlace {
  /** The repository root, as the CLI finds it from a file's folder. */
  root: string;
  /** The folder of specs linted together, relative to the root (`/`-separated). */
  folder: string;
}

/**
 * The handbook of a spec on disk: `processes/` when the file is in it (what `processlint` lints by
 * default), else the nearest folder above it with an org registry (`processlint that/folder`).
 * A Markdown file in neither (a README) is no spec.
 */
export function handbookOf(file: string): HandbookPlace | undefined {
  const absolute = path.resolve(file);
  if (!absolute.endsWith('.md')) return undefined;
  const root = findRoot(path.dirname(absolute));
  const relative = toPosix(path.relative(root, absolute));
  if (relative.startsWith('../') || path.isAbsolute(relative)) return undefined;
  if (relative.startsWith(`${DEFAULT_FOLDER}/`)) return { root, folder: DEFAULT_FOLDER };
  for (let folder = path.dirname(absolute); folder.startsWith(root) && folder !== root; folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, 'org.yml'))) return { root, folder: toPosix(path.relative(root, folder)) };
  }
  return undefined;
}

export function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}

/** One lint of the handbook: the open specs' results, and what completion and quick fixes need. */
export interface HandbookLint {
  environment: Environment;
  /** Final results of the open specs, by path relative to the root. */
  results: Map<string, FileResult>;
  /** Each spec's phase-one report (open or on disk), by path relative to the root. */
  reports: Map<string, FileReport>;
  envFor(file: string): FileEnv;
}

interface DiskEntry {
  stamp: string;
  report: FileReport;
}

interface OpenEntry {
  text: string;
  report: FileReport;
  fixes: FixableFinding[];
}

export class Handbook {
  readonly root: string;
  readonly folder: string;
  private disk: ProjectSource;
  private onDisk: string[] | undefined;
  /** The disk may have changed since the last run (files saved, added, deleted, checked out). */
  private stale = true;
  private diskReports = new Map<string, DiskEntry>();
  private openReports = new Map<string, OpenEntry>();
  private setupKey = '';
  private phaseOne: ReturnType<typeof phaseOneEnv> | undefined;

  constructor(place: HandbookPlace) {
    this.root = place.root;
    this.folder = place.folder;
    this.disk = diskSource(place.root);
  }

  /** Whether a path (relative to the root) is one of this handbook's specs. */
  contains(file: string): boolean {
    return file.endsWith('.md') && (this.folder === '' || file.startsWith(`${this.folder}/`));
  }

  /** Files on disk may have changed: look again at the next run. */
  markStale(): void {
    this.stale = true;
  }

  /**
   * Lints the handbook with `open` (texts by path relative to the root) in place of the files on
   * disk. Throws the config's `UsageError` when the config cannot be used, as the CLI stops on it.
   */
  lint(open: ReadonlyMap<string, string>, today: string): HandbookLint {
    if (this.stale || !this.onDisk) {
      this.onDisk = specFilesIn(path.join(this.root, this.folder)).map((file) => toPosix(path.relative(this.root, file)));
    }
    const restat = this.stale;
    this.stale = false;
    const specs = [...new Set([...this.onDisk, ...[...open.keys()].filter((file) => this.contains(file))])].sort();
    const encoder = new TextEncoder();
    // An open document is read as the bytes it would be saved as, so it decodes as the file would.
    const source: ProjectSource = { read: (file) => (open.has(file) ? encoder.encode(open.get(file)!) : this.disk.read(file)) };

    const environment = readEnvironment(source, specs, { today });
    const key = JSON.stringify(environment.setup);
    if (key !== this.setupKey || !this.phaseOne) {
      this.setupKey = key;
      this.phaseOne = phaseOneEnv(environment.setup);
      this.diskReports.clear();
      this.openReports.clear();
    }
    const { envFor } = this.phaseOne;

    const reports = new Map<string, FileReport>();
    for (const file of specs) {
      const text = open.get(file);
      if (text !== undefined) {
        let entry = this.openReports.get(file);
        if (entry?.text !== text) {
          const checked = checkFileWithFixes(file, encoder.encode(text), envFor(file));
          entry = { text, report: checked.report, fixes: checked.fixes };
          this.openReports.set(file, entry);
        }
        reports.set(file, entry.report);
        continue;
      }
      this.openReports.delete(file);
      const cached = this.diskReports.get(file);
      const stamp = cached && !restat ? cached.stamp : stampOf(path.join(this.root, file));
      if (cached?.stamp === stamp) {
        reports.set(file, cached.report);
        continue;
      }
      const content: SourceContent = this.disk.read(file) ?? { error: 'ENOENT' };
      const report = checkFileWithFixes(file, content, envFor(file)).report;
      this.diskReports.set(file, { stamp, report });
      reports.set(file, report);
    }
    for (const file of this.diskReports.keys()) if (!reports.has(file)) this.diskReports.delete(file);

    const index = indexReports(reports.values());
    const phase = handbookPhase(environment.setup, environment.config);
    const results = new Map<string, FileResult>();
    for (const file of open.keys()) {
      const report = reports.get(file);
      if (report) results.set(file, finishReport(report, index, phase));
    }
    return { environment, results, reports, envFor };
  }

  /** The repairs the linter offers for an open spec's text, from the last run that checked it. */
  fixesFor(file: string, text: string): FixableFinding[] | undefined {
    const entry = this.openReports.get(file);
    return entry?.text === text ? entry.fixes : undefined;
  }
}

/** What tells a file on disk has changed: its size and modification time (or that it is gone). */
function stampOf(absolute: string): string {
  try {
    const stat = statSync(absolute);
    return `${stat.size}:${stat.mtimeMs}:${stat.ino}`;
  } catch (error) {
    return error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
  }
}
