const SVG_NS = 'http://www.w3.org/2000/svg';

/** In-browser twin of lib/svg.ts `linkNodes`: wraps each step node in a link to its table row. */
export function linkRenderedNodes(svg: SVGSVGElement, links: Record<string, [string, string]>): void {
  for (const node of svg.querySelectorAll<SVGGElement>('g.node[id]')) {
    const match = /-flowchart-([A-Za-z0-9_]+)-\d+$/.exec(node.id);
    const link = match ? links[match[1]!] : undefined;
    if (!link) continue;
    const anchor = document.createElementNS(SVG_NS, 'a');
    anchor.setAttribute('class', 'hb-node-link');
    anchor.setAttribute('href', `#step-${link[0]}`);
    anchor.setAttribute('aria-label', link[1]);
    node.replaceWith(anchor);
    anchor.append(node);
  }
}
