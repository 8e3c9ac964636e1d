import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';

/**
 * The search index (Pagefind), built from the pages readers search: processes, roles, departments,
 * forms, the guide and the home and learning index pages, in both languages. Starlight would hand
 * Pagefind every page of the site, and a handbook's quiz, learning-path, rule and editor pages (which
 * say `pagefind: false`, so none of them is indexed) are about half its HTML: reading them cost a
 * large handbook's build a third of its search time and memory for nothing. A test holds this list
 * equal to the pages that mark their content for search (`data-pagefind-body`).
 */
const SEARCHED = ['index.html', 'processes/**/*.html', 'roles/**/*.html', 'departments/**/*.html', 'forms/**/*.html', 'guide/**/*.html', 'learn/index.html'];
export const SEARCHED_PAGES = `{${[...SEARCHED, ...SEARCHED.map((glob) => `en/${glob}`)].join(',')}}`;

export function searchIndex(): AstroIntegration {
  return {
    name: 'handbook-search',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = Date.now();
        try {
          const { index, errors } = await pagefind.createIndex({});
          if (!index) throw new Error(errors.join('; '));
          const added = await index.addDirectory({ path: fileURLToPath(dir), glob: SEARCHED_PAGES });
          if (added.errors.length > 0) throw new Error(added.errors.join('; '));
          const written = await index.writeFiles({ outputPath: fileURLToPath(new URL('pagefind/', dir)) });
          if (written.errors.length > 0) throw new Error(written.errors.join('; '));
          logger.info(`search index: ${added.page_count} pages in ${Date.now() - started} ms`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
