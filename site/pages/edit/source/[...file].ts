import type { APIRoute } from 'astro';
import { editableSpecs, publishedText } from '../../../lib/editor-data.ts';

/** Each spec's published text, for the editor to open and to compare a change against. */
export function getStaticPaths() {
  return editableSpecs().map((file) => ({ params: { file } }));
}

export const GET: APIRoute = ({ params }) => new Response(publishedText(params.file!), { headers: { 'content-type': 'text/markdown; charset=utf-8' } });
