/**
 * Catches a hang that a synchronous loop would hide from any timer on the main
 * thread: a worker watches a shared counter and, when one case runs longer than
 * the limit, prints how to replay it and ends the process.
 */
import { Worker } from 'node:worker_threads';

export interface Watchdog {
  /** Marks the start of case `index` (fast-check's run index, for FUZZ_PATH). */
  begin(index: number): void;
  end(): void;
  stop(): Promise<void>;
}

const WORKER = `
const { workerData } = require('node:worker_threads');
const state = new Int32Array(workerData.buffer);
let seen = -1, since = Date.now();
setInterval(() => {
  const running = Atomics.load(state, 0) === 1;
  const index = Atomics.load(state, 1);
  if (!running) { seen = -1; return; }
  if (index !== seen) { seen = index; since = Date.now(); return; }
  if (Date.now() - since > workerData.limitMs) {
    process.stderr.write('\\nFUZZ HANG: case ' + index + ' ran longer than ' + workerData.limitMs + ' ms. Replay with ' + workerData.replay.replace('{index}', index) + '\\n');
    process.kill(process.pid, 'SIGKILL');
  }
}, 250);
`;

export function startWatchdog(limitMs: number, replay: string): Watchdog {
  const buffer = new SharedArrayBuffer(8);
  const state = new Int32Array(buffer);
  const worker = new Worker(WORKER, { eval: true, workerData: { buffer, limitMs, replay } });
  worker.unref();
  return {
    begin(index) {
      Atomics.store(state, 1, index);
      Atomics.store(state, 0, 1);
    },
    end() {
      Atomics.store(state, 0, 0);
    },
    async stop() {
      await worker.terminate();
    },
  };
}
