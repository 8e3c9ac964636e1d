/**
 * Hostile files on disk, through the linter's file API and its CLI: a 50 MB spec
 * (refused from its size, not read), symlink loops (discovery ends), dangling and
 * unreadable files (a diagnostic each, exit code 2), every other spec still linted.
 */
import { spawnSync } from 'node:child_process';
import fs, { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync, ftruncateSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../scripts/core/diagnostic.ts';
import type { ProjectLint } from '../../scripts/lint/project.ts';
import { lintDisk, worded } from '../lint/helpers.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const COMPLAINT = readFileSync(path.join(ROOT, 'processes/business/customer-complaint.md'), 'utf8');
const ORG = readFileSync(path.join(ROOT, 'processes/org.yml'), 'utf8');
const HUGE = 50 * 1024 * 1024;

let dir: string;
let run: ProjectLint;
let readsOfHuge = 0;
let elapsed = 0;
const isRoot = process.getuid?.() === 0;

/** `nobody` can run the CLI only if every folder above the checkout lets others through (a clone under a 0700 temp folder does not). */
function othersCanReach(folder: string): boolean {
  for (let current = folder; ; current = path.dirname(current)) {
    if ((fs.statSync(current).mode & 0o001) === 0) return false;
    if (path.dirname(current) === current) return true;
  }
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'hostile-files-'));
  const processes = path.join(dir, 'processes');
  mkdirSync(path.join(processes, 'business'), { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{}\n');
  writeFileSync(path.join(processes, 'org.yml'), ORG);
  writeFileSync(path.join(processes, 'business/customer-complaint.md'), COMPLAINT);
  // 50 MB without writing 50 MB: a sparse file.
  const fd = openSync(path.join(processes, 'business/huge.md'), 'w');
  ftruncateSync(fd, HUGE);
  closeSync(fd);
  // Symlink loops: a folder that contains itself, and two files pointing at each other.
  symlinkSync('.', path.join(processes, 'business/again'));
  symlinkSync('..', path.join(processes, 'business/up'));
  symlinkSync('ping.md', path.join(processes, 'business/pong.md'));
  symlinkSync('pong.md', path.join(processes, 'business/ping.md'));
  symlinkSync('nowhere.md', path.join(processes, 'business/gone.md'));
  writeFileSync(path.join(processes, 'business/locked.md'), COMPLAINT.replace('id: customer-complaint', 'id: locked'));
  chmodSync(path.join(processes, 'business/locked.md'), 0o000);

  // Count reads of the huge file: it must be refused from its size alone.
  const original = fs.readFileSync;
  fs.readFileSync = ((file: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
    if (String(file).endsWith('huge.md')) readsOfHuge++;
    return (original as (...args: unknown[]) => unknown)(file, ...rest);
  }) as typeof fs.readFileSync;
  syncBuiltinESMExports();
  try {
    const start = performance.now();
    run = await lintDisk(dir, { today: '2026-11-23' });
    elapsed = performance.now() - start;
  } finally {
    fs.readFileSync = original;
    syncBuiltinESMExports();
  }
});

afterAll(() => {
  if (dir) {
    chmodSync(path.join(dir, 'processes/business/locked.md'), 0o644);
    rmSync(dir, { recursive: true, force: true });
  }
});

const result = (name: string): { diagnostics: Diagnostic[] } | undefined => {
  const found = run.results.find((r) => r.file === `processes/business/${name}`);
  return found && { diagnostics: worded(found) };
};

describe('hostile files on disk', () => {
  it('ends quickly despite symlink loops, and lints each real spec once', () => {
    expect(elapsed).toBeLessThan(10_000);
    const files = run.results.map((r) => r.file);
    expect(files.filter((f) => f.endsWith('customer-complaint.md'))).toEqual(['processes/business/customer-complaint.md']);
    expect(files.every((f) => !f.includes('/again/') && !f.includes('/up/'))).toBe(true);
  });

  it('refuses the 50 MB spec from its size, without reading it', () => {
    expect(readsOfHuge).toBe(0);
    expect(result('huge.md')?.diagnostics).toEqual([expect.objectContaining({ line: 1, column: 1, severity: 'error', message: expect.stringMatching(/50\.0 MB.*larger than the 1\.0 MB/) })]);
  });

  it('a looping or dangling link is reported as unreadable, never dropped, never hangs', () => {
    for (const name of ['ping.md', 'pong.md', 'gone.md']) {
      const found = result(name);
      expect(found, `${name} is in the report`).toBeDefined();
      expect(found!.diagnostics, name).toEqual([expect.objectContaining({ ruleId: 'read-error', line: 1, message: expect.stringMatching(/could not be read: (ELOOP|ENOENT)/) })]);
    }
  });

  it.skipIf(isRoot)('reports a file without read permission (skipped as root, where chmod 000 does not stop reads)', () => {
    expect(result('locked.md')?.diagnostics).toEqual([expect.objectContaining({ ruleId: 'read-error', message: expect.stringMatching(/EACCES/) })]);
  });

  it.runIf(isRoot && existsSync('/usr/bin/setpriv') && othersCanReach(ROOT))('reports a file without read permission when run as an unprivileged user (as root: through setpriv)', () => {
    // Root reads through chmod 000, so the CLI runs as `nobody`, who cannot.
    for (const folder of [dir, path.join(dir, 'processes'), path.join(dir, 'processes/business')]) chmodSync(folder, 0o755);
    const cli = spawnSync('/usr/bin/setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', path.join(ROOT, 'node_modules/.bin/node'), path.join(ROOT, 'scripts/bin/processlint.mjs'), 'processes/business/locked.md', 'processes/business/customer-complaint.md', '--no-cache', '--today', '2026-11-23', '--locale', 'en', '--format', 'json'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', HOME: tmpdir() },
    });
    expect(cli.status, cli.stderr).toBe(2);
    const report = JSON.parse(cli.stdout) as Array<{ file: string; findings: Array<{ ruleId: string; message: string }> }>;
    expect(report.find((r) => r.file.endsWith('locked.md'))?.findings).toEqual([expect.objectContaining({ ruleId: 'read-error', message: expect.stringMatching(/EACCES/) })]);
    expect(report.find((r) => r.file.endsWith('customer-complaint.md'))).toBeDefined();
  });

  it('still lints the good spec next to them', () => {
    expect(result('customer-complaint.md')?.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('the CLI exits 2 with a one-line reason per file and no stack trace', () => {
    const cli = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'scripts/cli.ts'), 'processes', '--no-cache', '--today', '2026-11-23', '--locale', 'en', '--format', 'json'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, NO_COLOR: '1' },
    });
    // 1 (errors) or 2 (a file could not be read): never a crash.
    expect([1, 2], cli.stderr).toContain(cli.status);
    expect(cli.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    const report = JSON.parse(cli.stdout) as Array<{ filePath?: string; file?: string; messages?: unknown[]; diagnostics?: unknown[] }>;
    const text = JSON.stringify(report);
    expect(text).toContain('huge.md');
    expect(text).toMatch(/larger than the 1\.0 MB/);
  });
});
