import type { Config, DOMPurify, UponSanitizeAttributeHookEvent } from 'dompurify';

/**
 * Browser code, run in two places: in the headless Chromium that draws the flowcharts at build
 * time (bundled by lib/diagrams.ts), and in the reader's browser when the build had no
 * Chromium (components/ClientFlowchart.astro). Both therefore draw the same diagram: Mermaid
 * renders the text, `finishSvg` adapts its SVG to the site as DOM operations, and DOMPurify
 * with its SVG profile decides what may reach the page.
 */

export const DIAGRAM_FONT = '"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif';

/** Mermaid's configuration for the site's diagrams (the diagram text adds its own layout settings). */
export const RENDER_CONFIG = {
  securityLevel: 'strict',
  startOnLoad: false,
  // HTML labels: Mermaid decodes our label entities and wraps text properly only in them.
  htmlLabels: true,
  // 160px holds a step number and eight Chinese characters on a line.
  flowchart: { htmlLabels: true, useMaxWidth: true, curve: 'basis', wrappingWidth: 160 },
  look: 'classic',
  theme: 'neutral',
  fontFamily: DIAGRAM_FONT,
  // The site's stylesheet sets the same size on the diagram (handbook.css), as Mermaid's own is dropped.
  fontSize: 16,
} as const;

/** What the page knows about each node of a diagram, by the node id in the Mermaid text. */
export interface NodeInfo {
  kind: string;
  /** The step id, for step nodes: the node links to `#step-<id>`. */
  step?: string;
  /** The link's accessible name, e.g. `4. 分派处理`. */
  label?: string;
}

export type NodeInfos = Record<string, NodeInfo>;

export interface MermaidLike {
  render(id: string, text: string, container?: Element): Promise<{ svg: string }>;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Renders one diagram and returns its sanitised SVG markup. `container` hosts Mermaid's measuring. */
export async function renderDiagram(mermaid: MermaidLike, purify: DOMPurify, text: string, nodes: NodeInfos, container?: Element): Promise<string> {
  const { svg } = await mermaid.render('hbd', text, container);
  const template = document.createElement('template');
  template.innerHTML = svg;
  const element = template.content.querySelector('svg');
  if (!element) throw new Error('Mermaid returned no SVG');
  finishSvg(element, nodes);
  purify.addHook('uponSanitizeAttribute', keepOnlyInertAttributes);
  try {
    purify.sanitize(element, { ...SANITISE, IN_PLACE: true });
  } finally {
    purify.removeHook('uponSanitizeAttribute', keepOnlyInertAttributes);
  }
  return element.outerHTML;
}

/**
 * Adapts Mermaid's SVG to the site: drops its stylesheet (the site styles diagrams with CSS
 * variables, so one drawing serves light, dark and print), gives the SVG its natural size
 * (Mermaid's `width="100%"` shrinks wide diagrams until the text is unreadable), names each
 * node with its kind and step, and wraps each step in a link to its row of the table.
 */
export function finishSvg(svg: SVGSVGElement, nodes: NodeInfos): void {
  for (const style of svg.querySelectorAll('style')) style.remove();
  const box = svg.viewBox.baseVal;
  if (box && box.width > 0) {
    const width = Math.ceil(box.width);
    svg.removeAttribute('style');
    svg.setAttribute('width', String(width));
    svg.setAttribute('height', String(Math.ceil(box.height)));
    svg.style.setProperty('--hb-w', `${width}px`);
  }
  // Edge geometry, kept by Mermaid for its editor: kilobytes per diagram no page reads.
  for (const edge of svg.querySelectorAll('[data-points]')) edge.removeAttribute('data-points');
  for (const group of svg.querySelectorAll<SVGGElement>('g.node[id]')) {
    const id = mermaidNodeId(group.id);
    const node = id === undefined ? undefined : nodes[id];
    if (!node) continue;
    group.dataset.node = id;
    group.dataset.kind = node.kind;
    if (!node.step) continue;
    group.dataset.step = node.step;
    const link = document.createElementNS(SVG_NS, 'a');
    link.setAttribute('class', 'hb-node-link');
    link.setAttribute('href', `#step-${node.step}`);
    link.setAttribute('aria-label', node.label ?? node.step);
    group.replaceWith(link);
    link.append(group);
  }
}

/** `hbd-flowchart-s3-2` → `s3`: Mermaid names node groups `<svg id>-flowchart-<node id>-<counter>`. */
export function mermaidNodeId(elementId: string): string | undefined {
  const marker = '-flowchart-';
  const start = elementId.indexOf(marker);
  const end = elementId.lastIndexOf('-');
  return start < 0 || end <= start + marker.length ? undefined : elementId.slice(start + marker.length, end);
}

/**
 * DOMPurify's SVG profile, plus the few HTML elements Mermaid writes inside `<foreignObject>`
 * for its labels. Stylesheets, images, animations and `<use>` never pass; links may only point
 * inside the page; inline styles may not load anything.
 */
const SANITISE: Config = {
  USE_PROFILES: { svg: true, svgFilters: true },
  ADD_TAGS: ['foreignObject', 'div', 'span', 'p', 'br'],
  HTML_INTEGRATION_POINTS: { foreignobject: true },
  FORBID_TAGS: ['style', 'image', 'feImage', 'animate', 'animateColor', 'animateMotion', 'animateTransform', 'set', 'mpath', 'use', 'script'],
};

/** The same sanitising for markup: what `renderDiagram` applies to Mermaid's SVG, for tests of hostile SVG. */
export function sanitiseSvg(markup: string, purify: DOMPurify): string {
  purify.addHook('uponSanitizeAttribute', keepOnlyInertAttributes);
  try {
    return purify.sanitize(markup, SANITISE);
  } finally {
    purify.removeHook('uponSanitizeAttribute', keepOnlyInertAttributes);
  }
}

function keepOnlyInertAttributes(_node: Element, data: UponSanitizeAttributeHookEvent): void {
  const name = data.attrName.toLowerCase();
  const value = data.attrValue.trim().toLowerCase();
  if ((name === 'href' || name === 'xlink:href') && !value.startsWith('#')) data.keepAttr = false;
  // A backslash could spell `url(` as a CSS escape; Mermaid's own inline styles never need one.
  if (name === 'style' && ['url(', 'expression(', '@import', '\\'].some((danger) => value.includes(danger))) data.keepAttr = false;
}
