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

const ENTITY = /&(quot|lt|gt|amp|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g;
const NAMED: Record<string, string> = { quot: '"', lt: '<', gt: '>', amp: '&' };

/** In-browser twin of lib/svg.ts `decodeLabelEntities`: label text shows `"`, not `&quot;`. */
export function decodeLabelEntities(svg: SVGSVGElement): void {
  for (const text of svg.querySelectorAll('text')) {
    const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      node.nodeValue = (node.nodeValue ?? '').replace(ENTITY, (whole, name: string) => {
        if (name[0] !== '#') return NAMED[name]!;
        const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      });
    }
  }
}
