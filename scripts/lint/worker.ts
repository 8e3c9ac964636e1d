import { parentPort, workerData } from 'node:worker_threads';
import type { PhaseOneSetup } from './environment.ts';
import { workerLane, type SpecItem } from './runner.ts';

/** A lint worker thread: runs phase one on the batches the main thread sends, in order. */
const { setup, stats } = workerData as { setup: PhaseOneSetup; stats: boolean };
const lane = workerLane(setup, stats);
parentPort!.on('message', (request: { id: number; items: SpecItem[] }) => {
  parentPort!.postMessage({ id: request.id, out: lane(request.items) });
});
