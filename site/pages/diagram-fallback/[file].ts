import type { APIRoute, GetStaticPaths } from 'astro';
import { FALLBACK_SCRIPTS } from '../../lib/diagrams.ts';

/**
 * The scripts a page loads to draw a flowchart itself: a process page when the build had no
 * Chromium, and the editor's live preview in every build. Only those pages ever load them.
 */
export const getStaticPaths = (() => Object.keys(FALLBACK_SCRIPTS).map((file) => ({ params: { file } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) =>
  new Response(await FALLBACK_SCRIPTS[params.file as keyof typeof FALLBACK_SCRIPTS](), { headers: { 'content-type': 'text/javascript; charset=utf-8' } });
