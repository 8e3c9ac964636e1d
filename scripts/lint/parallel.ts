import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { statSync } from 'node:fs';
import type { Cache, CacheEntry } from './cache.ts';
import { CacheIncomplete, handbookKeyOf } from './cache.ts';
import type { ResolvedConfig } from './config.ts';
import { displayPath } from './discover.ts';
import type { CheckEnv, FileResult, LintDiagnostic } from './engine.ts';
import { confirmed, factsOf, fileIndex, finalIndex, mergeFacts, needsFacts, stepTargets, type LaneFacts } from './speculate.ts';
import { EVERY_RULE, RACY_MS, type FirstItem, type FirstOut, type SecondItem, type WorkerInit, type WorkerRequest } from './protocol.ts';
import { orgFromFile } from './org.ts';
import { createShard } from './shard.ts';

/** Below this many specs one thread is faster than starting workers. */
export const PARALLEL_THRESHOLD = 200;
/**
 * Threads for a large run when not told. One: each worker thread loads its own copy of the
 * rules, schemas and parsers (about 55 MB here) to save a quarter of the time on two cores
 * (`npm run bench` prints both), and a linter that gates every pull request should stay small.
 */
export const AUTO_THREADS = Number(process.env.PROCESSLINT_THREADS) || 1;
const BATCH = 64;

export interface ParallelInput {
  files: string[];
  selected: string[];
  cwd: string;
  env: CheckEnv;
  orgFileOf: Map<string, string | undefined>;
  baseConfig: ResolvedConfig;
  configRoot: string;
  cache?: Cache;
  threads: number;
  /** With --changed: ids (file names) of changed specs, whose referrers are checked too. */
  changedIds?: Set<string>;
}

/**
 * Lints many specs on worker threads in two passes. Pass one reads each spec once, runs every
 * rule that does not read the handbook, and returns a small outline; pass two builds the
 * handbook from the outlines and re-reads only the specs whose rules needed it. Texts and
 * specs are never all held at once. Results come back in file order whatever the timing.
 */
export async function lintParallel(input: ParallelInput): Promise<FileResult[]> {
  try {
    return await lintStreamed(input);
  } catch (error) {
    // The cache lost its outline file: check everything afresh rather than trust half a cache.
    if (error instanceof CacheIncomplete) return lintStreamed({ ...input, cache: undefined });
    throw error;
  }
}

async function lintStreamed(input: ParallelInput): Promise<FileResult[]> {
  const { cwd, env, cache } = input;
  const orgs: WorkerInit['orgs'] = {};
  for (const org of new Set(input.orgFileOf.values())) {
    if (!org) continue;
    const loaded = orgFromFile(org, displayPath(org, cwd), env.locale);
    if (loaded.text !== undefined) orgs[org] = { display: loaded.file, text: loaded.text };
  }
  const init: WorkerInit = {
    configRaw: input.baseConfig.raw,
    ...(input.baseConfig.file ? { configFile: input.baseConfig.file } : {}),
    configRoot: input.configRoot,
    ruleFlags: input.baseConfig.ruleFlags,
    cwd,
    locale: env.locale,
    today: env.today,
    ...(env.codeowners !== undefined ? { codeowners: env.codeowners } : {}),
    orgs,
    // By folder: every spec of a folder has the same registry, and 10,000 keys would cost a megabyte.
    orgOf: Object.fromEntries([...input.orgFileOf].map(([file, org]) => [path.posix.dirname(file), org])),
    files: input.files.map((absolute) => displayPath(absolute, cwd)),
    ...(!cache && !input.changedIds ? { light: true } : {}),
  };
  const count = Math.max(1, Math.min(input.threads, availableParallelism()));
  // Started on first use: a run answered from the cache needs no worker.
  const pool = new Pool(count, init);
  try {
    const selected = new Set(input.selected);
    const old = cache?.entries ?? new Map<string, CacheEntry>();
    const items: FirstItem[] = input.files.map((absolute, index) => {
      const file = init.files[index]!;
      const cached = old.get(file);
      return {
        absolute,
        file,
        select: selected.has(absolute),
        ...(cached ? { hash: cached.hash } : {}),
        ...(cached?.stat ? { stat: cached.stat, statAt: cached.statAt ?? 0 } : {}),
      };
    });
    const firstOut = await firstPass(pool, items);
    // The replies carry copies of the paths; one string per file is enough.
    for (const [index, out] of firstOut.entries()) {
      out.file = items[index]!.file;
      if (out.result) out.result.file = out.file;
    }
    debug(`pass one: ${firstOut.filter((o) => o.hit).length} cache hits`);
    if (process.env.PROCESSLINT_DEBUG) await pool.heapReport();

    const next = new Map<string, CacheEntry>();
    const outlineHashes: Array<[string, string]> = [];
    for (const out of firstOut) {
      if (out.hash === undefined) continue;
      const entry: CacheEntry = out.hit
        ? old.get(out.file)!
        : {
            hash: out.hash,
            outlineHash: out.outlineHash ?? '',
            ...(out.outline ? { outline: out.outline } : {}),
            ...(out.id !== undefined ? { id: out.id } : {}),
            ...(out.mentions ? { mentions: out.mentions } : {}),
          };
      if (out.stat) Object.assign(entry, { stat: out.stat, statAt: out.statAt });
      if (!out.hit && out.result) entry.result = out.result;
      next.set(out.file, entry);
      if (cache) outlineHashes.push([out.file, entry.outlineHash]);
    }
    // What cached results that read the handbook are valid for; nothing is kept without a cache.
    const handbookKey = cache ? handbookKeyOf(outlineHashes) : '';
    const names = fileIndex(init.files);
    const final = finalIndex(names, (file) => next.get(file)?.id);

    /** Every valid spec's outline, in run order: from the lanes that read them, or from the cache. */
    let gathered: Array<{ file: string; spec: string }> | undefined;
    const allOutlines = async () =>
      (gathered ??= init.light
        ? await pool.outlines(init.files)
        : init.files.flatMap((file) => {
            const entry = next.get(file);
            const spec = entry?.outlineHash ? (entry.outline ?? cache?.outline(file)) : undefined;
            return spec === undefined ? [] : [{ file, spec }];
          }));

    const holds = (asked: string | undefined) => asked === undefined || confirmed(JSON.parse(asked) as string[], final);

    /**
     * Confirms a first pass's guesses; returns the rules still to run on the real handbook
     * (none: the result stands), or undefined when the spec needed no handbook at all.
     */
    const settle = (out: FirstOut): { deferred: string[]; findings: LintDiagnostic[] } | undefined => {
      if (out.findings === undefined && out.asked === undefined) return undefined;
      const entry = next.get(out.file)!;
      if (!holds(out.asked)) return recheck(entry);
      if (out.asked !== undefined) entry.asked = out.asked;
      if (out.findings === undefined) {
        entry.handbookKey = handbookKey;
        return { deferred: [], findings: [] };
      }
      const deferred = out.deferred ?? [];
      Object.assign(entry, { deferred, findings: out.findings });
      return { deferred, findings: out.findings };
    };

    /** A guess did not hold: every rule runs again on the real handbook, and again whenever it changes. */
    const recheck = (entry: CacheEntry) => {
      delete entry.result;
      delete entry.asked;
      Object.assign(entry, { deferred: [EVERY_RULE], findings: [] });
      return { deferred: [EVERY_RULE], findings: [] };
    };

    const results = new Map<string, FileResult>();
    const second: SecondItem[] = [];
    const rerun: FirstItem[] = [];
    // With --changed: the specs that name a changed one are checked too.
    if (input.changedIds?.size) {
      for (const [index, out] of firstOut.entries()) {
        const mentions = next.get(out.file)?.mentions;
        if (mentions && [...input.changedIds].some((id) => mentions.includes(` ${id} `))) selected.add(items[index]!.absolute);
      }
    }
    // Guesses about forms and about steps of specs read later are confirmed against every outline
    // (gathered only when a spec checked now, or cached against another handbook, made one).
    const targets = new Set<string>();
    let needed = false;
    for (const [index, out] of firstOut.entries()) {
      if (!selected.has(items[index]!.absolute)) continue;
      const entry = next.get(out.file);
      const asked = !out.hit ? out.asked : entry?.handbookKey !== handbookKey ? entry?.asked : undefined;
      if (asked === undefined || !(asked.includes('"form:') || asked.includes('"step:'))) continue;
      const questions = JSON.parse(asked) as string[];
      if (!needsFacts(questions)) continue;
      needed = true;
      for (const file of stepTargets(questions)) targets.add(file);
    }
    // A light run asks the lanes that read the outlines; otherwise every outline is at hand here.
    if (needed) final.facts = init.light ? mergeFacts(await pool.facts([...targets])) : factsOf(await allOutlines(), targets);

    for (const [index, out] of firstOut.entries()) {
      const item = items[index]!;
      if (!selected.has(item.absolute)) continue;
      if (out.hash === undefined) {
        results.set(out.file, out.result!);
        continue;
      }
      const entry = next.get(out.file)!;
      const settled = out.hit ? undefined : settle(out);
      const dependsOnHandbook = entry.asked !== undefined || Boolean(entry.deferred?.length);
      if (settled) {
        if (settled.deferred.length === 0) results.set(out.file, entry.result!);
        else second.push({ absolute: item.absolute, file: item.file, deferred: settled.deferred, findings: settled.findings });
      } else if (entry.result && dependsOnHandbook) {
        // Cached against another handbook: the result stands if the answers it rests on do.
        if (entry.handbookKey === handbookKey) results.set(out.file, entry.result);
        else if (!holds(entry.asked)) second.push({ absolute: item.absolute, file: item.file, ...recheck(entry) });
        else if (entry.deferred?.length) second.push({ absolute: item.absolute, file: item.file, deferred: entry.deferred, findings: entry.findings ?? [] });
        else {
          entry.handbookKey = handbookKey;
          results.set(out.file, entry.result);
        }
      } else if (entry.result) {
        results.set(out.file, entry.result);
      } else {
        rerun.push({ absolute: item.absolute, file: item.file, select: true });
      }
    }
    // Cached only as an outline (it was not selected last time): check it now.
    if (rerun.length) {
      for (const out of await pool.map<FirstItem, FirstOut>('first', rerun)) {
        const entry = next.get(out.file);
        if (!entry || out.hash === undefined) {
          if (out.result) results.set(out.file, out.result);
          continue;
        }
        if (out.mentions) entry.mentions = out.mentions;
        if (out.result) entry.result = out.result;
        const settled = settle(out);
        if (!settled || settled.deferred.length === 0) results.set(out.file, entry.result!);
        else second.push({ absolute: path.resolve(cwd, out.file), file: out.file, deferred: settled.deferred, findings: settled.findings });
      }
    }
    debug(`pass two: ${second.length} specs, ${rerun.length} re-checked, handbook ${handbookKey.slice(0, 8)}`);
    if (second.length) {
      const outlines = await allOutlines();
      const done = await pool.second(outlines, second);
      debug('pass two done');
      for (const result of done) {
        results.set(result.file, result);
        const entry = next.get(result.file);
        if (entry) Object.assign(entry, { result, handbookKey });
      }
    }
    cache?.save(next);
    debug('cache saved');
    return items.filter((item) => selected.has(item.absolute)).map((item) => results.get(item.file)!).filter(Boolean);
  } finally {
    await pool.close();
  }
}

const started = performance.now();
export function debug(what: string) {
  if (process.env.PROCESSLINT_DEBUG) process.stderr.write(`[processlint] ${what} at ${Math.round(performance.now() - started)} ms, rss ${Math.round(process.memoryUsage().rss / 1e6)} MB, main heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} of ${Math.round(process.memoryUsage().heapTotal / 1e6)} MB, peak rss ${Math.round(process.resourceUsage().maxRSS / 1e3)} MB\n`);
}

/** Files whose metadata is unchanged since they were hashed are cache hits without a worker; the rest go to the workers. */
async function firstPass(pool: Pool, items: FirstItem[]): Promise<FirstOut[]> {
  const out: Array<FirstOut | undefined> = items.map((item) => (trusted(item) ? { file: item.file, hash: item.hash!, hit: true } : undefined));
  const rest = items.filter((_, i) => !out[i]);
  if (rest.length) {
    const done = await pool.map<FirstItem, FirstOut>('first', rest);
    let next = 0;
    for (let i = 0; i < out.length; i++) if (!out[i]) out[i] = done[next++];
  }
  return out as FirstOut[];
}

function trusted(item: FirstItem): boolean {
  if (!item.hash || !item.stat) return false;
  try {
    const stat = statSync(item.absolute);
    return stat.size === item.stat.size && stat.mtimeMs === item.stat.mtimeMs && stat.ctimeMs === item.stat.ctimeMs && stat.ino === item.stat.ino && item.stat.ctimeMs + RACY_MS < (item.statAt ?? 0);
  } catch {
    return false;
  }
}

/** A worker thread, or the main thread running a shard itself (`threads: 1`). */
type Lane = Worker | { local: (request: WorkerRequest) => unknown };

class Pool {
  private started: Lane[] | undefined;
  private nextId = 0;
  private pending = new Map<number, (out: unknown) => void>();
  private failure: Error | undefined;
  private count: number;
  private init: WorkerInit;

  private localLane: Lane | undefined;

  constructor(count: number, init: WorkerInit) {
    this.count = count;
    this.init = init;
  }

  /** This thread as a lane, created on first use. */
  private get local(): Lane {
    return (this.localLane ??= { local: createShard(this.init) });
  }

  /** A few specs (e.g. --changed) are checked in this thread: starting workers would cost more than they save. */
  private lanesFor(count: number): Lane[] {
    return count < PARALLEL_THRESHOLD ? [this.local] : this.workers;
  }

  private get workers(): Lane[] {
    if (this.started) return this.started;
    // One lane: this thread.
    if (this.count <= 1) return (this.started = [this.local]);
    // With several lanes all are worker threads and this one only hands out work: a thread that
    // parses keeps some of what it reads, so V8 grows its young generation to the maximum (134 MB
    // measured here); a worker's is capped below. 10,000 specs: peak RSS 430 -> 370 MB.
    const url = new URL('./worker-entry.mjs', import.meta.url);
    const init = this.init;
    return (this.started = Array.from({ length: this.count }, () => {
      const worker = new Worker(url, {
        workerData: init,
        // PROCESSLINT_PROFILE=1 passes this process's flags (e.g. --cpu-prof) on to the workers.
        execArgv: process.env.PROCESSLINT_PROFILE ? process.execArgv : [],
        resourceLimits: { maxYoungGenerationSizeMb: 32, maxOldGenerationSizeMb: 1024 },
      });
      worker.on('message', (message: { id: number; out: unknown }) => {
        const resolve = this.pending.get(message.id);
        this.pending.delete(message.id);
        resolve?.(message.out);
      });
      worker.on('error', (error) => {
        this.failure = error;
        for (const resolve of this.pending.values()) resolve(undefined);
        this.pending.clear();
      });
      return worker;
    }));
  }

  private send<T>(lane: Lane, request: Omit<WorkerRequest, 'id'>): Promise<T> {
    const id = this.nextId++;
    // The local lane waits a turn of the event loop first: run back to back in microtasks it would
    // starve the worker threads' replies, leaving them idle until this thread had done everything.
    if ('local' in lane) return new Promise<T>((resolve) => setImmediate(() => resolve(lane.local({ ...request, id } as WorkerRequest) as T)));
    return new Promise<T>((resolve) => {
      this.pending.set(id, resolve as (out: unknown) => void);
      lane.postMessage({ ...request, id });
    });
  }

  /** Batches handed out on demand, so a slow batch never leaves the other core idle. */
  /**
   * Batches handed out on demand, so a slow batch never leaves another lane idle. With two
   * lanes, one works from the front and one from the back: each reads a contiguous run of
   * specs, so links between neighbouring specs are usually answered in the first pass.
   */
  async map<I, O>(type: 'first' | 'second', items: I[], workers = this.lanesFor(items.length)): Promise<O[]> {
    const batches = Math.ceil(items.length / BATCH);
    const out: O[][] = new Array(batches);
    let front = 0;
    let back = batches - 1;
    const run = async (worker: Lane, fromBack: boolean) => {
      while (front <= back) {
        const index = fromBack ? back-- : front++;
        const batch = await this.send<O[]>(worker, { type, items: items.slice(index * BATCH, (index + 1) * BATCH) } as never);
        if (this.failure || !batch) throw this.failure ?? new Error('worker stopped');
        out[index] = batch;
      }
    };
    // A worker thread gets a second batch in flight, so it has work while its last reply travels and is read.
    await Promise.all(workers.flatMap((worker, i) => {
      const fromBack = workers.length === 2 && i === 1;
      return 'local' in worker ? [run(worker, fromBack)] : [run(worker, fromBack), run(worker, fromBack)];
    }));
    return out.flat();
  }

  /** Gives every worker (or one, for a few specs) the handbook, then hands out the specs in batches. */
  async second(outlines: Array<{ file: string; spec: string }>, items: SecondItem[]): Promise<FileResult[]> {
    const workers = this.lanesFor(items.length);
    const acks = await Promise.all(workers.map((worker) => this.send<boolean>(worker, { type: 'handbook', outlines } as never)));
    if (this.failure || acks.some((a) => !a)) throw this.failure ?? new Error('worker stopped');
    return this.map<SecondItem, FileResult>('second', items, workers);
  }

  async outlines(files: string[]): Promise<Array<{ file: string; spec: string }>> {
    const lanes = new Set([...(this.started ?? []), ...(this.localLane ? [this.localLane] : [])]);
    const lists = await Promise.all([...lanes].map((lane) => this.send<Array<[string, string]>>(lane, { type: 'outlines' } as never)));
    if (this.failure || lists.some((l) => !l)) throw this.failure ?? new Error('worker stopped');
    const byFile = new Map(lists.flat());
    return files.flatMap((file) => {
      const spec = byFile.get(file);
      return spec === undefined ? [] : [{ file, spec }];
    });
  }

  async facts(targets: string[]): Promise<LaneFacts[]> {
    const lanes = new Set([...(this.started ?? []), ...(this.localLane ? [this.localLane] : [])]);
    const facts = await Promise.all([...lanes].map((lane) => this.send<LaneFacts>(lane, { type: 'facts', targets } as never)));
    if (this.failure || facts.some((f) => !f)) throw this.failure ?? new Error('worker stopped');
    return facts;
  }

  async heapReport() {
    const { getHeapStatistics, getHeapSpaceStatistics } = await import('node:v8');
    const mb = (n: number) => Math.round(n / 1e6);
    debug(`main heap total ${mb(getHeapStatistics().total_heap_size)} MB, used ${mb(getHeapStatistics().used_heap_size)}; spaces ${getHeapSpaceStatistics().map((s) => `${s.space_name} ${mb(s.space_size)}`).join(', ')}`);
    for (const lane of this.started ?? []) {
      if ('local' in lane) continue;
      const h = await (lane as unknown as { getHeapStatistics(): Promise<{ total_heap_size: number; used_heap_size: number }> }).getHeapStatistics();
      debug(`worker heap total ${mb(h.total_heap_size)} MB, used ${mb(h.used_heap_size)}`);
    }
  }

  async close() {
    await Promise.all((this.started ?? []).map((lane) => ('local' in lane ? undefined : lane.terminate())));
  }
}
