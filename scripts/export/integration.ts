import { cpSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AstroIntegration } from 'astro';
import { processesDir, handbookSettings } from '../../site/lib/source.ts';
import { publishedFormats } from '../../site/lib/exports.ts';
import { today } from '../../site/lib/today.ts';
import { exportHandbook, type ExportOptions } from './run.ts';

/**
 * Publishes the exports with the site, every process (and the whole handbook) under /exports/.
 * BPMN is made from the specs alone, so it is made in a worker thread while the pages render, on the
 * core the renderer leaves idle (at 1,000 processes it took the finished build another 9 s), into a
 * folder beside the output (the build empties the output folder once it starts), moved in when the
 * build is done. Word and PDF are printed from the pages just built, in one Chromium, once the build is done.
 */
export function handbookExports(): AstroIntegration {
  let outDir: URL | undefined;
  let staging: string | undefined;
  let bpmn: Promise<Exported> | undefined;
  const options = (dir: URL, formats: ExportOptions['formats'], out = fileURLToPath(new URL('exports/', dir))): Omit<ExportOptions, 'log'> => ({
    processes: processesDir(),
    out,
    site: fileURLToPath(dir),
    formats,
    title: handbookSettings().name['zh-CN'],
    today: today(),
  });
  return {
    name: 'handbook-exports',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = config.outDir;
        staging = fileURLToPath(new URL('exports-next/', config.cacheDir));
      },
      'astro:build:start': () => {
        if (!outDir || !staging || !publishedFormats().includes('bpmn')) return;
        rmSync(staging, { recursive: true, force: true });
        bpmn = inWorker(options(outDir, ['bpmn'], staging));
        // Awaited when the build is done; a failure before then must not end the build unreported.
        bpmn.catch(() => {});
      },
      'astro:build:done': async ({ dir, logger }) => {
        const started = Date.now();
        const printed = publishedFormats().filter((format) => format !== 'bpmn');
        const made = bpmn ? await bpmn : { written: [], lines: [] };
        if (bpmn && staging) moveInto(staging, fileURLToPath(new URL('exports/', dir)));
        const docs = printed.length > 0 ? await exportHandbook({ ...options(dir, printed), log: (line) => logger.info(line) }) : [];
        for (const line of made.lines) logger.info(line);
        const written = [...made.written, ...docs];
        if (written.length > 0) logger.info(`${written.length} export files (${publishedFormats().join(', ')}), the last ${Date.now() - started} ms after the pages`);
      },
    },
  };
}

interface Exported {
  written: string[];
  lines: string[];
}

/** Moves a folder's files into another (a rename where both are on one disk). */
function moveInto(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  try {
    renameSync(from, to);
  } catch {
    cpSync(from, to, { recursive: true });
    rmSync(from, { recursive: true, force: true });
  }
}

function inWorker(options: Omit<ExportOptions, 'log'>): Promise<Exported> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { workerData: options });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the exports stopped (exit code ${code})`)));
  });
}
