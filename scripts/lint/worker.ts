import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerInit, WorkerRequest } from './protocol.ts';
import { createShard } from './shard.ts';

/** A lint worker thread: one shard, answering the main thread's requests in order. */
const handle = createShard(workerData as WorkerInit);
parentPort!.on('message', (request: WorkerRequest) => {
  parentPort!.postMessage({ id: request.id, out: handle(request) });
});
