import { globSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';
import picomatch from 'picomatch';
import { setPageIndexer } from './page-indexer.ts';

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

const isSearched = picomatch(SEARCHED_PAGES);

/** A built page's file under the output folder, from the path it is served at (the build writes `<path>/index.html`). */
export function pageFile(pathname: string): string {
  const file = decodeURI(pathname).replace(/^\/+/, '');
  return file === '' || file.endsWith('/') ? `${file}index.html` : file;
}

/**
 * Pagefind indexes in its own process. It gets each searched page as soon as it is rendered, so it
 * works on the second core while the build renders the rest, rather than reading every page back from
 * disk once the build is done (at 1,000 processes that wait was a fifth of the build). Pages the build
 * does not render (the incremental build copies unchanged ones) are read from disk at the end.
 */
/** Pages handed to Pagefind and not yet indexed, at most. */
const IN_FLIGHT = 8;

export function searchIndex(): AstroIntegration {
  let index: pagefind.PagefindIndex | undefined;
  const streamed = new Set<string>();
  const errors: string[] = [];
  let added = 0;
  // Pages sent and not yet indexed. Past a few, rendering waits: Pagefind reads more slowly than the
  // build renders, and the pages waiting in its input would otherwise fill the build's memory.
  const inFlight = new Set<Promise<void>>();
  const send = (target: pagefind.PagefindIndex, file: { url?: string; sourcePath?: string; content: string }): Promise<void> => {
    const done: Promise<void> = target.addHTMLFile(file).then(
      (result) => void errors.push(...result.errors),
      (error: unknown) => void errors.push(String(error)),
    );
    const sent = done.finally(() => inFlight.delete(sent));
    inFlight.add(sent);
    added++;
    return inFlight.size < IN_FLIGHT ? Promise.resolve() : Promise.race(inFlight);
  };
  return {
    name: 'handbook-search',
    hooks: {
      'astro:config:setup': ({ command, addMiddleware }) => {
        if (command === 'build') addMiddleware({ entrypoint: new URL('./search-middleware.ts', import.meta.url), order: 'post' });
      },
      'astro:build:start': async () => {
        const created = await pagefind.createIndex({});
        if (!created.index) throw new Error(`search index: ${created.errors.join('; ')}`);
        const started = created.index;
        index = started;
        setPageIndexer({
          wants: (pathname) => isSearched(pageFile(pathname)),
          add(pathname, html) {
            streamed.add(pageFile(pathname));
            return send(started, { url: pathname, content: html });
          },
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        setPageIndexer(undefined);
        const started = Date.now();
        try {
          if (!index) throw new Error('search index: the build never started it');
          const out = fileURLToPath(dir);
          const copied = globSync(SEARCHED_PAGES, { cwd: out }).map((file) => file.split(path.sep).join('/')).filter((file) => !streamed.has(file));
          for (const file of copied) await send(index, { sourcePath: file, content: readFileSync(path.join(out, file), 'utf8') });
          await Promise.all(inFlight);
          if (errors.length > 0) throw new Error(`search index: ${errors.join('; ')}`);
          const written = await index.writeFiles({ outputPath: fileURLToPath(new URL('pagefind/', dir)) });
          if (written.errors.length > 0) throw new Error(`search index: ${written.errors.join('; ')}`);
          logger.info(`search index: ${added} pages (${streamed.size} as they were rendered, ${copied.length} unchanged), written in ${Date.now() - started} ms`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
