import { parentPort, workerData } from 'node:worker_threads';
import { exportHandbook, type ExportOptions } from './run.ts';

/** Runs `exportHandbook` in a worker thread (see integration.ts): its progress lines and files go back as one message. */
const lines: string[] = [];
const written = await exportHandbook({ ...(workerData as Omit<ExportOptions, 'log'>), log: (line) => lines.push(line) });
parentPort!.postMessage({ written, lines });
