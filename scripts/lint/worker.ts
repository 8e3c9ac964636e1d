import { parentPort, workerData } from 'node:worker_threads';
import type { PhaseOneSetup } from './environment.ts';
import { workerLane, type SpecItem } from './runner.ts';

/** A lint worker thread: runs phase one on the batches the main thread sends, in order. */
const lane = workerLane(workerData as PhaseOneSetup);
parentPort!.on('message', (request: { id: number; items: SpecItem[] }) => {
  parentPort!.postMessage({ id: request.id, out: lane(request.items) });
});
