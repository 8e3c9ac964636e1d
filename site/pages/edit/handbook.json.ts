import type { APIRoute } from 'astro';
import { editorHandbook } from '../../lib/editor-data.ts';

/** The in-browser editor's view of the handbook (see lib/editor-data.ts). */
export const GET: APIRoute = async () => new Response(JSON.stringify(await editorHandbook()), { headers: { 'content-type': 'application/json' } });
