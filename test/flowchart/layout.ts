/**
 * Where a rendered flowchart's edges run, as the reader's browser draws them. `measureFlowcharts`
 * reads the site's own SVG (scripts/flowchart/to-svg.ts): nodes are `[data-node]`, edges
 * `path.hb-edge[data-from][data-to]`, a declared loop also `.hb-edge-loop`.
 *
 * `measureDiagrams` reads Mermaid's: for every Mermaid edge of every `.hb-diagram svg` on a
 * page, its two nodes (from the ids Mermaid gives them) and whether the target is drawn above
 * its source, i.e. against a top-down flow. Reads only what Mermaid writes (`g.node` ids,
 * `data-id="L_<from>_<to>_<n>"` on edges, the dashed pattern class), so it measures any
 * Mermaid flowchart or swimlane SVG, the site's before this change included.
 */

export interface MeasuredEdge {
  from: string;
  to: string;
  /** Drawn with a solid line: not a declared loop. */
  solid: boolean;
  /** Vertical distance from the source's centre to the target's: negative runs upwards. */
  dy: number;
}

export interface MeasuredDiagram {
  /** `data-diagram` of the element around the SVG, or the page's path. */
  name: string;
  nodes: string[];
  edges: MeasuredEdge[];
}

/** A target this far above its source (px) runs against the flow; less is the same rank drawn a hair apart. */
export const AGAINST_THE_FLOW = -1;

export const backwardSolid = (diagram: MeasuredDiagram) => diagram.edges.filter((edge) => edge.solid && edge.dy < AGAINST_THE_FLOW);

/**
 * Runs in the page: Playwright sends its source, so it is self-contained and names no inner
 * function (a TypeScript loader would wrap a named one in a helper the page lacks).
 */
export const measureDiagrams = (): MeasuredDiagram[] =>
  [...document.querySelectorAll('.hb-diagram svg')].map((svg) => {
    const centres = new Map<string, number>();
    for (const group of svg.querySelectorAll('g.node[id]')) {
      // `<svg id>-flowchart-<node id>-<counter>`
      const start = group.id.indexOf('-flowchart-') + '-flowchart-'.length;
      const end = group.id.lastIndexOf('-');
      const box = group.getBoundingClientRect();
      if (start >= '-flowchart-'.length && end > start) centres.set(group.id.slice(start, end), box.top + box.height / 2);
    }
    const edges = [...svg.querySelectorAll('path[data-edge][data-id]')].map((path) => {
      const [, from = '', to = ''] = (path.getAttribute('data-id') ?? '').split('_');
      const dashed = path.classList.contains('edge-pattern-dashed') || path.classList.contains('edge-pattern-dotted');
      return { from, to, solid: !dashed, dy: (centres.get(to) ?? Number.NaN) - (centres.get(from) ?? Number.NaN) };
    });
    const name = svg.closest('[data-diagram]')?.getAttribute('data-diagram') ?? location.pathname;
    return { name, nodes: [...centres.keys()], edges };
  });

/** The site's own flowcharts on the page (see above); self-contained for the same reason. */
export const measureFlowcharts = (): MeasuredDiagram[] =>
  [...document.querySelectorAll('.hb-diagram svg')].map((svg) => {
    const centres = new Map<string, number>();
    for (const node of svg.querySelectorAll('[data-node]')) {
      const box = node.getBoundingClientRect();
      centres.set(node.getAttribute('data-node')!, box.top + box.height / 2);
    }
    const edges = [...svg.querySelectorAll('path.hb-edge')].map((path) => {
      const [from, to] = [path.getAttribute('data-from') ?? '', path.getAttribute('data-to') ?? ''];
      const solid = getComputedStyle(path).strokeDasharray === 'none';
      return { from, to, solid, dy: (centres.get(to) ?? Number.NaN) - (centres.get(from) ?? Number.NaN) };
    });
    const name = svg.closest('[data-diagram]')?.getAttribute('data-diagram') ?? location.pathname;
    return { name, nodes: [...centres.keys()], edges };
  });
