/**
 * Post-processing of the SVG Mermaid renders, as plain string work on its
 * serialised XML (well-formed, no comments, text escaped): drop Mermaid's own
 * stylesheet (the site styles diagrams with CSS variables, so one rendering
 * serves light and dark), give ids a stable prefix, and wrap each step node in
 * a link to its row of the responsibility table.
 */

/** Removes `<style>` and renames the render id (`mermaid-3`) to `id` everywhere it is referenced. */
export function normaliseSvg(svg: string, renderId: string, id: string): string {
  const pattern = new RegExp(`${escapeRegExp(renderId)}(?![0-9])`, 'g');
  return decodeLabelEntities(naturalSize(svg.replace(/<style>[\s\S]*?<\/style>/g, '').replace(pattern, id)));
}

/**
 * Mermaid turns the label entities we write (`#quot;`) into HTML entities
 * (`&quot;`) but, for SVG-text labels, never decodes them, so they would show
 * literally. Decode them once, as text, inside `<text>` only.
 */
export function decodeLabelEntities(svg: string): string {
  return svg.replace(/<text\b[^>]*>[\s\S]*?<\/text>/g, (text) => text.replace(/&amp;(quot|lt|gt|amp|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, '&$1;'));
}

/**
 * Mermaid sizes the SVG `width="100%"`, shrinking wide swimlanes until the text
 * is unreadable. Give it its natural size instead (as `--hb-w`, so the site's
 * CSS can shrink it only so far and scroll beyond that).
 */
export function naturalSize(svg: string): string {
  const open = /^<svg\b[^>]*>/.exec(svg);
  if (!open) return svg;
  const viewBox = /viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"/.exec(open[0]);
  if (!viewBox) return svg;
  const width = Math.ceil(Number(viewBox[1]));
  const height = Math.ceil(Number(viewBox[2]));
  const tag = open[0]
    .replace(/\swidth="[^"]*"/, '')
    .replace(/\sheight="[^"]*"/, '')
    .replace(/\sstyle="[^"]*"/, '')
    .replace(/^<svg\b/, `<svg width="${width}" height="${height}" style="--hb-w: ${width}px"`);
  return tag + svg.slice(open[0].length);
}

/** A start or end tag, its attributes read with their quotes so a `>` or `"` in label text is never taken for markup. */
const TAG = /<(\/?)([a-zA-Z][\w:.-]*)((?:\s+[^\s"'=<>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/g;
const ATTRIBUTE = /\s+([^\s"'=<>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g;
/** Elements dropped with everything inside them. */
const DROP_WITH_CONTENT = new Set(['script', 'iframe', 'object', 'embed', 'style']);
/** Elements dropped on their own (their content, if any, stays as it is inert). */
const DROP_TAG = new Set(['img', 'image', 'use', 'video', 'audio', 'source', 'link', 'meta', 'animate', 'set', 'animatetransform', 'animatemotion']);

/**
 * Defence in depth: nothing executable or external survives, whatever Mermaid
 * emitted. Works tag by tag: text between tags (where hostile labels live) is
 * never touched, so a quote or `onerror=` inside a label cannot make a pattern
 * reach across the markup around it.
 */
export function assertInert(svg: string): string {
  let out = '';
  let last = 0;
  let skipping: string | undefined;
  for (let match = TAG.exec(svg); match; match = TAG.exec(svg)) {
    const [whole, closing, rawName, attributes = '', selfClosing] = match;
    const name = rawName!.toLowerCase();
    if (!skipping) out += svg.slice(last, match.index);
    last = match.index + whole.length;
    if (skipping) {
      if (closing && name === skipping) skipping = undefined;
      continue;
    }
    if (DROP_WITH_CONTENT.has(name)) {
      if (!closing && !selfClosing) skipping = name;
      continue;
    }
    if (DROP_TAG.has(name)) continue;
    out += closing ? `</${rawName}>` : `<${rawName}${safeAttributes(attributes)}${selfClosing ? '/' : ''}>`;
  }
  TAG.lastIndex = 0;
  return skipping ? out : out + svg.slice(last);
}

function safeAttributes(attributes: string): string {
  let kept = '';
  for (let match = ATTRIBUTE.exec(attributes); match; match = ATTRIBUTE.exec(attributes)) {
    const name = match[1]!.toLowerCase();
    const value = (match[2] ?? '').replace(/^["']|["']$/g, '');
    if (name.startsWith('on')) continue;
    if (['src', 'srcset', 'formaction', 'action'].includes(name)) continue;
    // Only in-document references (`#marker-id`) may stay.
    if ((name === 'href' || name === 'xlink:href') && !value.startsWith('#')) continue;
    if (/url\(\s*['"]?\s*(?!#)/i.test(value) || /javascript:|expression\(/i.test(value)) continue;
    kept += match[0];
  }
  ATTRIBUTE.lastIndex = 0;
  return kept;
}

export interface NodeLink {
  /** The node id in the Mermaid text, e.g. `s3`. */
  nodeId: string;
  href: string;
  label: string;
}

/**
 * Wraps every `<g class="node …" id="<prefix>-flowchart-<nodeId>-<n>">` in
 * `<a href="…">`, so a click or Enter on a step jumps to its table row.
 */
export function linkNodes(svg: string, links: NodeLink[]): string {
  const byNode = new Map(links.map((link) => [link.nodeId, link]));
  const open = /<g class="node[^"]*" id="[^"]*?-flowchart-([A-Za-z0-9_]+)-\d+"[^>]*>/g;
  let out = '';
  let last = 0;
  for (let match = open.exec(svg); match; match = open.exec(svg)) {
    const link = byNode.get(match[1]!);
    if (!link) continue;
    const end = closingG(svg, match.index);
    if (end < 0) continue;
    out += svg.slice(last, match.index);
    out += `<a class="hb-node-link" href="${attr(link.href)}" aria-label="${attr(link.label)}">${svg.slice(match.index, end)}</a>`;
    last = end;
    open.lastIndex = end;
  }
  return out + svg.slice(last);
}

/** Index just after the `</g>` closing the `<g>` that starts at `start`. */
function closingG(svg: string, start: number): number {
  const tag = /<(\/?)g\b[^>]*?(\/?)>/g;
  tag.lastIndex = start;
  let depth = 0;
  for (let match = tag.exec(svg); match; match = tag.exec(svg)) {
    if (match[2]) continue;
    depth += match[1] ? -1 : 1;
    if (depth === 0) return match.index + match[0].length;
  }
  return -1;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function attr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
