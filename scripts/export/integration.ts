import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { processesDir, handbookSettings } from '../../site/lib/source.ts';
import { publishedFormats } from '../../site/lib/exports.ts';
import { today } from '../../site/lib/today.ts';
import { exportHandbook } from './run.ts';

/**
 * Publishes the exports with the site: when the build is done, every process (and the whole handbook)
 * as BPMN, Word and PDF under /exports/, printed from the pages just built in one Chromium.
 */
export function handbookExports(): AstroIntegration {
  return {
    name: 'handbook-exports',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const formats = publishedFormats();
        if (formats.length === 0) return;
        const started = Date.now();
        const written = await exportHandbook({
          processes: processesDir(),
          out: fileURLToPath(new URL('exports/', dir)),
          site: fileURLToPath(dir),
          formats,
          title: handbookSettings().name['zh-CN'],
          today: today(),
          log: (line) => logger.info(line),
        });
        logger.info(`${written.length} export files (${formats.join(', ')}) in ${Date.now() - started} ms`);
      },
    },
  };
}
