import DOMPurify from 'dompurify';
import { RENDER_CONFIG, renderDiagram, sanitiseSvg, type MermaidLike, type NodeInfos } from './svg.ts';

/**
 * The script of the blank Chromium page that draws the flowcharts at build time (bundled by
 * lib/diagrams.ts, beside Mermaid's own bundle): `handbookDiagrams.render` draws a batch.
 */

export interface PageDiagram {
  text: string;
  nodes: NodeInfos;
}

export type PageResult = { svg: string } | { error: string };

declare global {
  var mermaid: MermaidLike & { initialize(config: object): void };
  var handbookDiagrams: { render(diagrams: PageDiagram[]): Promise<PageResult[]>; sanitise(markup: string): string };
}

globalThis.handbookDiagrams = {
  async render(diagrams) {
    mermaid.initialize(RENDER_CONFIG);
    // Mermaid measures text in the document: a container that takes no space and shows nothing.
    const container = document.createElement('div');
    container.setAttribute('aria-hidden', 'true');
    Object.assign(container.style, { maxHeight: '0', opacity: '0', overflow: 'hidden' });
    document.body.append(container);
    const results: PageResult[] = [];
    for (const diagram of diagrams) {
      try {
        results.push({ svg: await renderDiagram(mermaid, DOMPurify, diagram.text, diagram.nodes, container) });
      } catch (error) {
        results.push({ error: error instanceof Error ? error.message : String(error) });
      }
      container.replaceChildren();
    }
    container.remove();
    return results;
  },
  sanitise: (markup) => sanitiseSvg(markup, DOMPurify),
};
