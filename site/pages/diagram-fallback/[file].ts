import type { APIRoute, GetStaticPaths } from 'astro';
import { FALLBACK_SCRIPTS } from '../../lib/diagrams.ts';
import { getSiteHandbook } from '../../lib/handbook.ts';

/** The scripts a page loads to draw its flowchart itself: only in a build that had no Chromium. */
export const getStaticPaths = (async () => {
  const site = await getSiteHandbook();
  return site.diagramMode === 'client' ? Object.keys(FALLBACK_SCRIPTS).map((file) => ({ params: { file } })) : [];
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) =>
  new Response(await FALLBACK_SCRIPTS[params.file as keyof typeof FALLBACK_SCRIPTS](), { headers: { 'content-type': 'text/javascript; charset=utf-8' } });
