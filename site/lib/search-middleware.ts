import { defineMiddleware } from 'astro:middleware';
import { pageIndexer } from './page-indexer.ts';

/** Hands each searched page the build renders to the search index (search-index.ts) as soon as it is rendered. */
export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  const indexer = pageIndexer();
  if (!indexer || !context.isPrerendered || !indexer.wants(context.url.pathname)) return response;
  const html = await response.text();
  await indexer.add(context.url.pathname, html);
  return new Response(html, { status: response.status, statusText: response.statusText, headers: response.headers });
});
