/**
 * Stands in for codemirror-json-schema's `utils/markdown` (astro.config.mjs points its imports here):
 * that module renders schema descriptions as Markdown and loads Shiki, several megabytes, on every
 * page that imports it. Our descriptions are plain text; they are escaped through the DOM.
 */
export function renderMarkdown(text: string): string {
  const holder = document.createElement('span');
  holder.textContent = text;
  return holder.innerHTML;
}
