import type { Element } from 'hast';
import type { Process } from '../../schemas/process.ts';
import type { Locale } from '../../scripts/core/messages.ts';
import { toMermaid } from '../../scripts/flowchart/to-mermaid.ts';
import { flowchartSvg } from '../../scripts/flowchart/to-svg.ts';
import { inEnglish } from '../../scripts/model/english.ts';
import type { OrgIndex } from '../../scripts/model/org-index.ts';
import { buildModel, type ProcessModel } from '../../scripts/model/process-model.ts';

/**
 * A process's flowchart, for the site's pages and the editor's preview alike: the picture as an
 * SVG tree (scripts/flowchart/to-svg.ts; the page serialises it, the editor turns it into DOM),
 * and the same diagram as Mermaid text, which the page offers to copy (it is what the
 * pull-request comment shows). Free of Node's modules: the editor's web worker builds it too.
 */
export interface ProcessDiagram {
  svg: Element;
  mermaid: string;
}

/** `spec`'s flowchart in `locale` (`model` is its model): the English one is drawn from the spec's English names and conditions where it has them. */
export function processDiagram(spec: Process, model: ProcessModel, org: OrgIndex | undefined, locale: Locale): ProcessDiagram {
  const drawn = locale === 'en' ? buildModel(inEnglish(spec)) : model;
  return { svg: flowchartSvg(drawn, org, { locale }), mermaid: toMermaid(drawn, org, { locale }) };
}
