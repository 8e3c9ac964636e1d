import { hash } from 'node:crypto';
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { checkFile, type SourceContent } from './check-file.ts';
import { phaseOneEnv, type PhaseOneSetup } from './environment.ts';
import { pack, type PackedReport } from './packed.ts';
import { SourceReader } from './read.ts';

/**
 * Runs phase one over many specs: each read once, on this thread or on worker threads, its report
 * reused from the cache when the spec's bytes are unchanged. Every thread runs the same
 * `checkFile`; only where the bytes come from differs.
 */

/** Below this many specs to check, one thread is faster than starting workers. */
export const PARALLEL_THRESHOLD = 200;
/**
 * Threads when not told: one. Each worker thread loads its own copy of the rules, schemas and
 * parsers (about 55 MB here) to save a quarter of the time on two cores (`npm run bench` prints
 * both), and a linter that gates every pull request should stay small.
 */
export const DEFAULT_THREADS = Number(process.env.PROCESSLINT_THREADS) || 1;
const BATCH = 64;
/** A file changed within this long before it was hashed could change again unseen within one timestamp tick (git's racy-clean rule). */
const RACY_MS = 2000;

export interface FileStat {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

/** A spec's phase-one report and what the cache needs to trust it next time: the hash of its bytes, and its file's metadata. */
export interface CachedReport {
  hash: string;
  stat?: FileStat;
  /** When the stat was taken: a file unchanged since, and old enough then, is not even read. */
  statAt?: number;
  report: PackedReport;
}

/** A spec to check: its path in the project, on disk where to read it, and what the cache knows of it. */
export interface SpecItem {
  file: string;
  absolute?: string;
  hash?: string;
  stat?: FileStat;
  statAt?: number;
}

/**
 * A lane of work: checks a batch of specs and answers with copies of their reports. `stats`: take
 * each file's metadata and hash for the cache (a run without one only opens each file, which gives its size).
 */
function createLane(setup: PhaseOneSetup, read?: (file: string) => SourceContent, stats = true) {
  const { envFor } = phaseOneEnv(setup);
  // Each spec is decoded before the next is read, so one buffer serves them all.
  const reader = new SourceReader();
  return (items: SpecItem[]): CachedReply[] =>
    items.map((item) => {
      const statAt = Date.now();
      const stat = item.absolute && stats ? statOf(item.absolute) : undefined;
      if (item.hash && stat && item.stat && sameStat(item.stat, stat) && item.stat.ctimeMs + RACY_MS < (item.statAt ?? 0)) return { file: item.file, hit: true };
      const content = item.absolute ? reader.read(item.absolute, stat?.size) : read!(item.file);
      // Only a cache needs the hash (sha1 of every byte: a tenth of a second on 10,000 specs).
      const contentHash = stats && (typeof content === 'string' || content instanceof Uint8Array) ? hashOf(content) : undefined;
      const fresh = { ...(stat ? { stat, statAt } : {}), ...(contentHash ? { hash: contentHash } : {}) };
      if (item.hash && contentHash === item.hash) return { file: item.file, hit: true, ...fresh };
      return { file: item.file, ...fresh, report: pack(checkFile(item.file, content, envFor(item.file))) };
    });
}

interface CachedReply {
  file: string;
  hit?: boolean;
  hash?: string;
  stat?: FileStat;
  statAt?: number;
  report?: PackedReport;
}

export interface RunOptions {
  setup: PhaseOneSetup;
  /** Reads a spec by its path, when it is not on disk (git blobs, texts in memory). */
  read?: (file: string) => SourceContent;
  threads: number;
  /** Whether the entries go to a cache, which then needs each file's metadata and hash (default yes). */
  stats?: boolean;
}

/**
 * Phase one for every item, in item order. Reports come from the cache where the bytes are
 * unchanged; the returned entries are what the cache should keep next.
 */
export async function runPhaseOne(specs: Array<{ file: string; absolute?: string }>, cache: ReadonlyMap<string, CachedReport>, options: RunOptions): Promise<CachedReport[]> {
  const items = specs.map((spec): SpecItem => {
    const cached = cache.get(spec.file);
    return { ...spec, ...(cached ? { hash: cached.hash, ...(cached.stat ? { stat: cached.stat, statAt: cached.statAt ?? 0 } : {}) } : {}) };
  });
  const lanes = new Lanes(options, items.filter((item) => !item.hash).length);
  try {
    const replies = await lanes.map(items);
    return replies.map((reply): CachedReport => {
      if (reply.hit) {
        const cached = cache.get(reply.file)!;
        // Hashed again (the metadata changed): the same bytes, so the same report, with the new metadata.
        return reply.stat ? { ...cached, stat: reply.stat, statAt: reply.statAt! } : cached;
      }
      return { hash: reply.hash ?? '', ...(reply.stat ? { stat: reply.stat, statAt: reply.statAt! } : {}), report: reply.report! };
    });
  } finally {
    await lanes.close();
  }
}

/** This thread, or worker threads that each run a lane. */
class Lanes {
  private options: RunOptions;
  private workers: Worker[] = [];
  private local: ((items: SpecItem[]) => CachedReply[]) | undefined;
  private pending = new Map<number, (out: CachedReply[] | undefined) => void>();
  private nextId = 0;
  private failure: Error | undefined;

  constructor(options: RunOptions, work: number) {
    this.options = options;
    const count = Math.max(1, Math.min(options.threads, availableParallelism()));
    // Worker threads read from disk; texts held in this thread, and small runs, stay here.
    if (count > 1 && !options.read && work >= PARALLEL_THRESHOLD) this.workers = Array.from({ length: count }, () => this.startWorker());
    else this.local = createLane(options.setup, options.read, options.stats ?? true);
  }

  private startWorker(): Worker {
    const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), {
      workerData: { setup: this.options.setup, stats: this.options.stats ?? true },
      // PROCESSLINT_PROFILE=1 passes this process's flags (e.g. --cpu-prof) on to the workers.
      execArgv: process.env.PROCESSLINT_PROFILE ? process.execArgv : [],
      resourceLimits: { maxYoungGenerationSizeMb: 32, maxOldGenerationSizeMb: 1024 },
    });
    worker.on('message', (message: { id: number; out: CachedReply[] }) => {
      this.pending.get(message.id)?.(message.out);
      this.pending.delete(message.id);
    });
    worker.on('error', (error) => {
      this.failure = error;
      for (const resolve of this.pending.values()) resolve(undefined);
      this.pending.clear();
    });
    return worker;
  }

  /** Batches handed out on demand, so a slow batch never leaves another thread idle. */
  async map(items: SpecItem[]): Promise<CachedReply[]> {
    if (this.local) return this.local(items);
    const batches = Math.ceil(items.length / BATCH);
    const out: CachedReply[][] = new Array(batches);
    let next = 0;
    const run = async (worker: Worker) => {
      while (next < batches) {
        const index = next++;
        const batch = await this.send(worker, items.slice(index * BATCH, (index + 1) * BATCH));
        if (this.failure || !batch) throw this.failure ?? new Error('a lint worker stopped');
        out[index] = batch;
      }
    };
    // Two batches in flight per worker, so it has work while its last reply travels.
    await Promise.all(this.workers.flatMap((worker) => [run(worker), run(worker)]));
    return out.flat();
  }

  private send(worker: Worker, items: SpecItem[]): Promise<CachedReply[] | undefined> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      worker.postMessage({ id, items });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

/** The lane a worker thread runs. */
export function workerLane(setup: PhaseOneSetup, stats: boolean): (items: SpecItem[]) => CachedReply[] {
  return createLane(setup, undefined, stats);
}

/** A content hash (one call, no hash object per file). */
export function hashOf(content: Uint8Array | string): string {
  return hash('sha1', content, 'base64url');
}

function statOf(file: string): FileStat | undefined {
  try {
    const { size, mtimeMs, ctimeMs, ino } = statSync(file);
    return { size, mtimeMs, ctimeMs, ino };
  } catch {
    return undefined;
  }
}

function sameStat(a: FileStat, b: FileStat): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}
