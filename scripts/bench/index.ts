/**
 * `npm run bench`: generates synthetic handbooks of 1,000 and 10,000 specs into `.bench/`
 * and measures, each in a fresh child process (so peak memory is per measurement):
 *   floor    read every file + gray-matter front matter, one thread, nothing else
 *   lint     the CLI on the folder, --no-cache, started as its bin starts it (same Node options);
 *            floor and lint run five times, alternately, and the medians are compared
 *   changed  --changed HEAD after one spec changes, cache warmed by one run
 *   site     the site build for 1,000 specs, cold (no Astro cache) and after one spec changes; its
 *            cpu s and tree memory count every process of the build (Node, Pagefind)
 * Prints a table against the targets and writes `.bench/results.json`.
 *
 * Flags: --sizes 1000,10000   --skip-site   --skip-lint   --site-size N   --regenerate
 *        --site-env KEY=VALUE (repeatable; e.g. HANDBOOK_EXPORTS=0 for the site build)
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PROCESSLINT_BIN, processlintNodeOptions } from '../lint/node-options.ts';
import { generateOrg, generateSpec, orgYaml } from './corpus.ts';
import { sampleTree, type TreeUsage } from './tree.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BENCH = path.join(ROOT, '.bench');
const NODE = path.join(ROOT, 'node_modules/.bin/node');
const TIME = '/usr/bin/time';
const TODAY = '2026-11-23';
const SEED = 1;

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000' },
    'skip-site': { type: 'boolean', default: false },
    'skip-lint': { type: 'boolean', default: false },
    'site-size': { type: 'string', default: '1000' },
    regenerate: { type: 'boolean', default: false },
    'site-env': { type: 'string', multiple: true, default: [] },
  },
});
const siteEnv = Object.fromEntries(values['site-env'].map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
const sizes = values.sizes.split(',').map(Number).filter((n) => n > 0);
const siteSize = Number(values['site-size']);

interface Measurement {
  seconds: number;
  peakMb?: number;
  /** User + system CPU seconds of the process tree. */
  cpuSeconds?: number;
  /** 1-minute load average just before the run: above the core count, other work competed for the CPU. */
  load: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

interface Row {
  id: string;
  label: string;
  size: number;
  seconds: number;
  peakMb?: number;
  cpuSeconds?: number;
  load?: number;
  /** Seconds divided by the floor of the same size. */
  ratio?: number;
  target?: string;
  pass?: boolean;
  /** PASS/FAIL per part when a target has several. */
  verdict?: string;
  note?: string;
}

/** Runs a command in a fresh process; wall time from here, peak RSS from /usr/bin/time when present. */
let measurements = 0;

function measure(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Measurement {
  const usage = path.join(BENCH, `.time-${process.pid}-${++measurements}.txt`);
  const hasTime = existsSync(TIME);
  const [cmd, argv] = hasTime ? [TIME, ['-f', '%M %U %S', '-o', usage, command, ...args]] : [command, args];
  const load = os.loadavg()[0]!;
  const start = performance.now();
  const child = spawnSync(cmd, argv, {
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: options.timeoutMs ?? 1_800_000,
  });
  const seconds = (performance.now() - start) / 1000;
  let peakMb: number | undefined;
  let cpuSeconds: number | undefined;
  if (hasTime && !existsSync(usage)) notes.push(`no resource usage was recorded for ${path.basename(args[0] ?? command)}`);
  if (hasTime && existsSync(usage)) {
    // The last line that is exactly "%M %U %S" (time may add a line about the exit status before it).
    const line = readFileSync(usage, 'utf8').split('\n').filter((l) => /^\d+ [\d.]+ [\d.]+$/.test(l.trim())).at(-1) ?? '';
    const [kb, user, system] = line.trim().split(' ').map(Number);
    if (Number.isFinite(kb)) peakMb = kb! / 1024;
    if (Number.isFinite(user) && Number.isFinite(system)) cpuSeconds = user! + system!;
    rmSync(usage, { force: true });
  }
  return { seconds, ...(peakMb !== undefined ? { peakMb } : {}), ...(cpuSeconds !== undefined ? { cpuSeconds } : {}), load, code: child.status, stdout: child.stdout ?? '', stderr: child.stderr ?? '' };
}

/** `measure` for a site build: the same figures, plus what its whole process tree used (Pagefind included). */
async function measureBuild(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Measurement & { tree?: TreeUsage }> {
  const usage = path.join(BENCH, `.time-${process.pid}-${++measurements}.txt`);
  const hasTime = existsSync(TIME);
  const [cmd, argv] = hasTime ? [TIME, ['-f', '%M %U %S', '-o', usage, command, ...args]] : [command, args];
  const load = os.loadavg()[0]!;
  const start = performance.now();
  const child = spawn(cmd, argv, { cwd: options.cwd, env: { ...process.env, NO_COLOR: '1', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const [code, tree] = await Promise.all([exited, sampleTree(child.pid!, exited)]);
  const seconds = (performance.now() - start) / 1000;
  let peakMb: number | undefined;
  if (hasTime && existsSync(usage)) {
    const line = readFileSync(usage, 'utf8').split('\n').filter((l) => /^\d+ [\d.]+ [\d.]+$/.test(l.trim())).at(-1) ?? '';
    const kb = Number(line.trim().split(' ')[0]);
    if (Number.isFinite(kb) && kb > 0) peakMb = kb / 1024;
    rmSync(usage, { force: true });
  }
  return { seconds, ...(peakMb !== undefined ? { peakMb } : {}), ...(tree ? { cpuSeconds: tree.cpuSeconds, tree } : {}), load, code, stdout, stderr };
}

function git(args: string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.com' } });
}

/** The corpus of `size` specs in `.bench/handbook-<size>/`, a git repository with one commit; regenerated only when the generator changed. */
function corpus(size: number): { dir: string; bytes: number; files: string[] } {
  const dir = path.join(BENCH, `handbook-${size}`);
  const generator = createHash('sha256').update(readFileSync(path.join(import.meta.dirname, 'corpus.ts'))).update(`${size}:${SEED}`).digest('hex');
  const marker = path.join(dir, '.generated');
  const manifest = path.join(dir, '.files.json');
  if (!values.regenerate && existsSync(marker) && readFileSync(marker, 'utf8') === generator && existsSync(manifest)) {
    git(['checkout', '-q', '--', '.'], dir);
    const info = JSON.parse(readFileSync(manifest, 'utf8')) as { bytes: number; files: string[] };
    return { dir, ...info };
  }
  const start = performance.now();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'processes'), { recursive: true });
  const org = generateOrg();
  writeFileSync(path.join(dir, 'processes/org.yml'), orgYaml(org));
  let bytes = 0;
  const files: string[] = [];
  for (let i = 0; i < size; i++) {
    const spec = generateSpec(i, size, org, SEED);
    const file = path.join(dir, spec.path);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, spec.text);
    bytes += Buffer.byteLength(spec.text);
    files.push(spec.path);
  }
  writeFileSync(path.join(dir, '.gitignore'), '.cache/\n.generated\n.files.json\n');
  git(['init', '-q'], dir);
  git(['add', '-A'], dir);
  git(['commit', '-q', '-m', `synthetic handbook of ${size} specs`], dir);
  writeFileSync(manifest, JSON.stringify({ bytes, files }));
  writeFileSync(marker, generator);
  console.log(`  generated ${size} specs (${(bytes / 1024 / 1024).toFixed(1)} MB) in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  return { dir, bytes, files };
}

const lintArgs = (extra: string[]) => [...processlintNodeOptions(), PROCESSLINT_BIN, 'processes', '--today', TODAY, '--locale', 'en', '--format', 'json', '--output', path.join(BENCH, '.lint.json'), ...extra];

/** Files and findings in the JSON report of the last lint, to check each run did the work. */
function lintReport(): { files: number; errors: number; warnings: number; rules: Record<string, number> } {
  const report = JSON.parse(readFileSync(path.join(BENCH, '.lint.json'), 'utf8')) as Array<{ errorCount: number; warningCount: number; findings: Array<{ ruleId: string }> }>;
  const rules: Record<string, number> = {};
  for (const file of report) for (const d of file.findings) rules[d.ruleId] = (rules[d.ruleId] ?? 0) + 1;
  return { files: report.length, errors: report.reduce((n, r) => n + r.errorCount, 0), warnings: report.reduce((n, r) => n + r.warningCount, 0), rules };
}

function median(runs: Measurement[]): Measurement {
  return [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)]!;
}

const spread = (runs: Measurement[]) => runs.map((m) => fmt(m.seconds)).join(' / ') + ' s';

function failIf(m: Measurement, what: string, okCodes: number[]): void {
  if (m.code === null || !okCodes.includes(m.code)) {
    throw new Error(`${what} exited with ${m.code}:\n${m.stderr.slice(-3000)}`);
  }
}

/** Changes one spec the way an author would: a step's action and a new body sentence. */
function touchOneSpec(dir: string, files: string[]): string {
  const file = files[Math.floor(files.length / 2)]!;
  const absolute = path.join(dir, file);
  const text = readFileSync(absolute, 'utf8');
  writeFileSync(absolute, text.replace(/action: ([^\n]*)。/, 'action: $1，并抄送流程负责人。').replace(/\n*$/, '\n\n修订：补充抄送要求。\n'));
  return file;
}

/** Gives every `every`-th spec an error: a step's role that is not in the registry, as a handbook being adopted has. */
function breakSpecs(dir: string, files: string[], every: number): string[] {
  const broken = files.filter((_, i) => i % every === every - 1);
  for (const file of broken) {
    const absolute = path.join(dir, file);
    writeFileSync(absolute, readFileSync(absolute, 'utf8').replace('    role: ', '    role: no-such-'));
  }
  return broken;
}

/**
 * Every spec with an error and a warning: each names a role the registry lacks, and a CODEOWNERS
 * file that names no owner makes the `codeowners` rule warn on each (the registry has no GitHub
 * handles). What a team sees when it first adopts the linter or turns on a rule.
 */
function everySpecWithFindings(dir: string, files: string[]): () => void {
  const broken = breakSpecs(dir, files, 1);
  mkdirSync(path.join(dir, '.github'), { recursive: true });
  writeFileSync(path.join(dir, '.github/CODEOWNERS'), '# handbook administrators\n/processes/org.yml @acme/handbook-admins\n');
  return () => {
    git(['checkout', '-q', '--', ...broken], dir);
    rmSync(path.join(dir, '.github'), { recursive: true, force: true });
  };
}

const rows: Row[] = [];
const stats = (m: Measurement) => ({ seconds: m.seconds, ...(m.peakMb !== undefined ? { peakMb: m.peakMb } : {}), ...(m.cpuSeconds !== undefined ? { cpuSeconds: m.cpuSeconds } : {}), load: m.load });
const notes: string[] = [];
const fmt = (n: number | undefined, digits = 2) => (n === undefined ? '—' : n.toFixed(digits));

mkdirSync(BENCH, { recursive: true });
console.log(`bench: ${os.availableParallelism()} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${(os.totalmem() / 1024 ** 3).toFixed(0)} GB, Node ${execFileSync(NODE, ['--version'], { encoding: 'utf8' }).trim()}`);
if (!existsSync(TIME)) notes.push('/usr/bin/time not found: peak memory not measured (apt-get install time).');

const lintSizes = values['skip-lint'] ? [] : sizes;
// Compiled once before measuring, as on any machine that has run the linter since its last change
// (the row "first run after a code change" measures the other case).
if (lintSizes.length) execFileSync(NODE, [...processlintNodeOptions(), PROCESSLINT_BIN, '--version']);
for (const size of lintSizes) {
  console.log(`\n${size} specs`);
  const { dir, bytes, files } = corpus(size);
  rmSync(path.join(dir, '.cache'), { recursive: true, force: true });

  // Floor, lint and lint of a handbook where every spec has findings alternate, five times each, and
  // the medians are compared: this machine's speed drifts by a quarter from one run to the next, which
  // a single pair would report as a ratio.
  const floors: Measurement[] = [];
  const lints: Measurement[] = [];
  const everyFindings: Measurement[] = [];
  let everyReport: ReturnType<typeof lintReport> | undefined;
  let report: ReturnType<typeof lintReport> | undefined;
  // Once unmeasured: the first run compiles what --version did not load, and warms the file cache.
  failIf(measure(NODE, lintArgs(['--no-cache']), { cwd: dir }), 'lint (warm-up)', [0, 1]);
  for (let round = 0; round < 5; round++) {
    const floorRun = measure(NODE, [path.join(import.meta.dirname, 'floor.mjs'), path.join(dir, 'processes')], { cwd: dir });
    failIf(floorRun, 'floor', [0]);
    floors.push(floorRun);
    const lintRun = measure(NODE, lintArgs(['--no-cache']), { cwd: dir });
    failIf(lintRun, 'lint', [0, 1]);
    lints.push(lintRun);
    report = lintReport();
    const restore = everySpecWithFindings(dir, files);
    const findingsRun = measure(NODE, lintArgs(['--no-cache']), { cwd: dir });
    failIf(findingsRun, 'lint, every spec with findings', [1]);
    everyFindings.push(findingsRun);
    everyReport = lintReport();
    restore();
  }
  const floor = median(floors);
  const lint = median(lints);
  const floorFiles = (JSON.parse(floor.stdout) as { files: number }).files;
  rows.push({ id: `floor-${size}`, label: `floor: read + gray-matter (${(bytes / 1024 / 1024).toFixed(0)} MB)`, size, ...stats(floor), ratio: 1, note: `${floorFiles} files; median of ${spread(floors)}` });
  console.log(`  floor            ${fmt(floor.seconds)} s  ${fmt(floor.peakMb, 0)} MB  (${spread(floors)})`);

  const lintRatio = lint.seconds / floor.seconds;
  const peak = Math.max(...lints.map((m) => m.peakMb ?? 0));
  const big = size >= 10_000;
  rows.push({
    id: `lint-${size}`,
    label: 'full lint (CLI, --no-cache)',
    size,
    ...stats(lint),
    peakMb: peak,
    ratio: lintRatio,
    ...(big ? { target: '≤ 1.5× floor, < 150 MB', pass: lintRatio <= 1.5 && peak < 150, verdict: `time ${lintRatio <= 1.5 ? 'PASS' : 'FAIL'}, memory ${peak < 150 ? 'PASS' : 'FAIL'}` } : {}),
    note: `${report!.files} files, ${report!.errors} errors, ${report!.warnings} warnings; median of ${spread(lints)}, ratios ${lints.map((m, i) => (m.seconds / floors[i]!.seconds).toFixed(2)).join(', ')}; peak MB is the highest of the five (${lints.map((m) => fmt(m.peakMb, 0)).join(' / ')})`,
  });
  if (report!.files !== size + 0 && report!.files !== size + 1) notes.push(`lint ${size}: the report lists ${report!.files} files for ${size} specs.`);
  if (report!.errors + report!.warnings > 0) notes.push(`lint ${size}: the corpus is not clean: ${JSON.stringify(report!.rules)}`);
  console.log(`  lint             ${fmt(lint.seconds)} s  ${fmt(peak, 0)} MB  ${fmt(lintRatio)}× floor  (${rows.at(-1)!.note})`);

  const every = median(everyFindings);
  const everyRatio = every.seconds / floor.seconds;
  const everyPeak = Math.max(...everyFindings.map((m) => m.peakMb ?? 0));
  rows.push({
    id: `lint-every-${size}`,
    label: 'full lint, every spec with an error and a warning',
    size,
    ...stats(every),
    peakMb: everyPeak,
    ratio: everyRatio,
    ...(big ? { target: '≤ 1.5× floor, < 150 MB', pass: everyRatio <= 1.5 && everyPeak < 150, verdict: `time ${everyRatio <= 1.5 ? 'PASS' : 'FAIL'}, memory ${everyPeak < 150 ? 'PASS' : 'FAIL'}` } : {}),
    note: `${everyReport!.errors} errors, ${everyReport!.warnings} warnings in ${everyReport!.files} files; median of ${spread(everyFindings)}, ratios ${everyFindings.map((m, i) => (m.seconds / floors[i]!.seconds).toFixed(2)).join(', ')}; peaks ${everyFindings.map((m) => fmt(m.peakMb, 0)).join(' / ')} MB`,
  });
  if (everyReport!.errors < size || everyReport!.warnings < size) notes.push(`lint ${size}: expected an error and a warning in every spec, got ${everyReport!.errors} errors and ${everyReport!.warnings} warnings.`);
  console.log(`  lint (every spec with findings) ${fmt(every.seconds)} s  ${fmt(everyPeak, 0)} MB  ${fmt(everyRatio)}× floor`);

  // The first run after the linter's code changed compiles it, stripping types on the way.
  const cold = measure(NODE, lintArgs(['--no-cache']), { cwd: dir, env: { NODE_DISABLE_COMPILE_CACHE: '1' } });
  failIf(cold, 'lint without the compile cache', [0, 1]);
  rows.push({ id: `lint-cold-${size}`, label: 'full lint, first run after a code change', size, ...stats(cold), ratio: cold.seconds / floor.seconds });
  console.log(`  lint (cold code) ${fmt(cold.seconds)} s  ${fmt(cold.peakMb, 0)} MB  ${fmt(cold.seconds / floor.seconds)}× floor`);

  // Worker threads: what the second core buys, and what it costs.
  const two = measure(NODE, lintArgs(['--no-cache', '--threads', '2']), { cwd: dir });
  failIf(two, 'lint --threads 2', [0, 1]);
  rows.push({ id: `lint-2threads-${size}`, label: 'full lint, two worker threads (--threads 2)', size, ...stats(two), ratio: two.seconds / floor.seconds });
  console.log(`  lint (2 threads) ${fmt(two.seconds)} s  ${fmt(two.peakMb, 0)} MB  ${fmt(two.seconds / floor.seconds)}× floor`);

  // A handbook where a few specs have findings.
  const broken = breakSpecs(dir, files, 20);
  const findings = measure(NODE, lintArgs(['--no-cache']), { cwd: dir });
  failIf(findings, 'lint with findings', [0, 1]);
  const findingsReport = lintReport();
  git(['checkout', '-q', '--', ...broken], dir);
  rows.push({ id: `lint-findings-${size}`, label: 'full lint, one spec in 20 with a finding', size, ...stats(findings), ratio: findings.seconds / floor.seconds, note: `${findingsReport.errors} errors in ${findingsReport.files} files` });
  console.log(`  lint (findings)  ${fmt(findings.seconds)} s  ${fmt(findings.peakMb, 0)} MB  ${fmt(findings.seconds / floor.seconds)}× floor  (${rows.at(-1)!.note})`);

  // --changed: fill the cache with one full run, change one spec, lint what changed.
  const fill = measure(NODE, lintArgs([]), { cwd: dir });
  failIf(fill, 'lint filling the cache', [0, 1]);
  rows.push({ id: `lint-fill-${size}`, label: 'full lint, writing the cache', size, ...stats(fill), ratio: fill.seconds / floor.seconds });
  console.log(`  lint (fill cache) ${fmt(fill.seconds)} s  ${fmt(fill.peakMb, 0)} MB`);
  const touched = touchOneSpec(dir, files);
  const changed = measure(NODE, lintArgs(['--changed', 'HEAD']), { cwd: dir });
  failIf(changed, 'lint --changed', [0, 1]);
  const changedReport = lintReport();
  git(['checkout', '-q', '--', touched], dir);
  rows.push({
    id: `changed-${size}`,
    label: '--changed HEAD after one spec changed',
    size,
    ...stats(changed),
    ratio: changed.seconds / floor.seconds,
    ...(big ? { target: '< 1 s', pass: changed.seconds < 1 } : {}),
    note: `${changedReport.files} files reported`,
  });
  console.log(`  --changed        ${fmt(changed.seconds)} s  ${fmt(changed.peakMb, 0)} MB  (${changedReport.files} files reported)`);
}

if (!values['skip-site']) {
  console.log(`\nsite, ${siteSize} specs${values['site-env'].length ? ` (${values['site-env'].join(' ')})` : ''}`);
  const { dir, files } = corpus(siteSize);
  const work = path.join(BENCH, `site-${siteSize}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  // Its own Astro cache and output, so a cold build is really cold and the dev's dist/ is untouched.
  const env = {
    HANDBOOK_PROCESSES_DIR: path.join(dir, 'processes'),
    HANDBOOK_OUT_DIR: path.join(work, 'dist'),
    HANDBOOK_TODAY: TODAY,
    BENCH_ASTRO_CACHE: path.join(work, 'astro-cache'),
    // The rows measure the site and its flowcharts; printing Word and PDF copies is measured on its own (README).
    HANDBOOK_EXPORTS: 'bpmn',
    ...siteEnv,
  };
  notes.push('cpu s of the site builds counts every process of the build (Node, Pagefind), sampled from /proc every 250 ms; peak MB is the largest single process, as /usr/bin/time reports it.');
  if (values['site-env'].length > 0) notes.push(`site built with ${values['site-env'].join(' ')}`);
  const astro = [path.join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--root', ROOT, '--config', 'scripts/bench/astro.bench.mjs'];
  const treeNote = (m: { tree?: TreeUsage }) => (m.tree ? `; whole tree at most ${fmt(m.tree.peakTreeMb, 0)} MB at once, largest process ${m.tree.largest.command} ${fmt(m.tree.largest.peakMb, 0)} MB` : '');
  const cold = await measureBuild(NODE, astro, { cwd: work, env });
  if (cold.code !== 0) notes.push(`site build exited with ${cold.code}: ${cold.stderr.slice(-1500)}`);
  const pages = cold.code === 0 ? countPages(path.join(work, 'dist')) : 0;
  const coldTime = cold.seconds <= 60;
  const coldMemory = (cold.peakMb ?? Infinity) < 1024;
  rows.push({
    id: `site-${siteSize}`,
    label: 'site build, cold (diagrams rendered)',
    size: siteSize,
    ...stats(cold),
    target: '≤ 60 s, < 1 GB',
    pass: cold.code === 0 && coldTime && coldMemory,
    verdict: `time ${coldTime ? 'PASS' : 'FAIL'}, memory ${coldMemory ? 'PASS' : 'FAIL'}`,
    note: `${pages} pages${treeNote(cold)}`,
  });
  console.log(`  cold build       ${fmt(cold.seconds)} s  ${fmt(cold.peakMb, 0)} MB  ${fmt(cold.cpuSeconds)} cpu s  ${rows.at(-1)!.note}`);

  const touched = touchOneSpec(dir, files);
  const warm = await measureBuild(NODE, astro, { cwd: work, env });
  git(['checkout', '-q', '--', touched], dir);
  if (warm.code !== 0) notes.push(`site rebuild exited with ${warm.code}: ${warm.stderr.slice(-1500)}`);
  rows.push({
    id: `site-rebuild-${siteSize}`,
    label: 'site rebuild after one spec changed',
    size: siteSize,
    ...stats(warm),
    target: '≤ 0.25× cold',
    pass: warm.code === 0 && warm.seconds <= cold.seconds * 0.25,
    note: `${(warm.seconds / cold.seconds).toFixed(2)}× cold (cpu ${((warm.cpuSeconds ?? 0) / (cold.cpuSeconds ?? 1)).toFixed(2)}×)${treeNote(warm)}`,
  });
  console.log(`  rebuild          ${fmt(warm.seconds)} s  ${fmt(warm.peakMb, 0)} MB  ${fmt(warm.cpuSeconds)} cpu s  ${rows.at(-1)!.note}`);
}

function countPages(dist: string): number {
  try {
    return execFileSync('find', [dist, '-name', '*.html'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
}

// The table.
const header = ['measurement', 'specs', 'seconds', '× floor', 'cpu s', 'peak MB', 'load', 'target', 'result'];
const table = rows.map((r) => [r.label, String(r.size), fmt(r.seconds), r.ratio === undefined ? '—' : `${fmt(r.ratio)}×`, fmt(r.cpuSeconds), fmt(r.peakMb, 0), fmt(r.load, 1), r.target ?? '—', r.verdict ?? (r.pass === undefined ? '' : r.pass ? 'PASS' : 'FAIL')]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
console.log(`\nbench on ${os.availableParallelism()} cores:\n`);
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of table) console.log(line(row));
const cores = os.availableParallelism();
if (rows.some((r) => (r.load ?? 0) > cores)) notes.push(`the load average exceeded the ${cores} cores during some measurements ("load" column): other work competed for the CPU, so wall times there are pessimistic; cpu s is less affected.`);
for (const note of notes) console.log(`\nnote: ${note}`);
for (const row of rows) if (row.note && !row.id.startsWith('floor')) console.log(`  ${row.id}: ${row.note}`);

writeFileSync(
  path.join(BENCH, 'results.json'),
  `${JSON.stringify({ date: new Date().toISOString(), machine: { cores: os.availableParallelism(), cpu: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 1024 ** 3), node: execFileSync(NODE, ['--version'], { encoding: 'utf8' }).trim() }, rows, notes }, null, 2)}\n`,
);
console.log(`\nwrote ${path.relative(ROOT, path.join(BENCH, 'results.json'))}`);
if (rows.some((r) => r.pass === false)) process.exitCode = 1;
