import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AstroIntegration } from 'astro';

/**
 * Empties the output folder at the start of a build by moving the last build's files aside (a rename)
 * and deleting them in the background, in a worker thread. Astro deletes them itself, one file after
 * the other on the main thread, before it renders anything: at 1,000 processes that was 5.1 s of a 40 s
 * rebuild, whose pages are then copied back from its cache anyway. Not with the asynchronous `rm`: its
 * thousands of deletions queue on the threads Node keeps for file work, ahead of the copies the rebuild
 * waits for. Where a rename cannot be made (another disk), Astro empties the folder as before.
 */
export function outputAside(): AstroIntegration {
  let outDir: URL | undefined;
  let cacheDir: URL | undefined;
  return {
    name: 'handbook-output-aside',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = config.outDir;
        cacheDir = config.cacheDir;
      },
      'astro:build:start': () => {
        if (outDir && cacheDir) void setAside(fileURLToPath(outDir), fileURLToPath(new URL('output-aside/', cacheDir)));
      },
    },
  };
}

/**
 * Moves everything in `out` but `.git` (a deployment's repository) into a new folder under `aside`,
 * and returns the deletion of that folder, and of any left by a build that stopped, once done.
 */
export function setAside(out: string, aside: string): Promise<void> {
  if (!existsSync(out)) return Promise.resolve();
  const earlier = existsSync(aside) ? readdirSync(aside).map((entry) => path.join(aside, entry)) : [];
  const into = path.join(aside, `${process.pid}-${Date.now()}`);
  mkdirSync(into, { recursive: true });
  for (const entry of readdirSync(out)) {
    if (entry === '.git') continue;
    try {
      renameSync(path.join(out, entry), path.join(into, entry));
    } catch {
      // Left for Astro to delete.
    }
  }
  return new Promise((resolve) => {
    const worker = new Worker(`for (const dir of require('node:worker_threads').workerData) require('node:fs').rmSync(dir, { recursive: true, force: true, maxRetries: 3 });`, { eval: true, workerData: [into, ...earlier] });
    // A deletion that fails leaves its folder for the next build to delete.
    worker.once('error', () => resolve());
    worker.once('exit', () => resolve());
  });
}
