import type { Process } from '../../schemas/process.ts';
import type { Locale } from '../../scripts/core/messages.ts';
import { buildDiagram } from '../../scripts/flowchart/diagram.ts';
import { toMermaid } from '../../scripts/flowchart/to-mermaid.ts';
import { inEnglish } from '../../scripts/model/english.ts';
import type { OrgIndex } from '../../scripts/model/org-index.ts';
import { buildModel, type ProcessModel } from '../../scripts/model/process-model.ts';
import type { NodeInfos } from './svg.ts';

/**
 * What a flowchart is drawn from, for the site's pages and the editor's preview alike. Free of
 * Node's modules: the editor's web worker builds it too (lib/diagrams.ts renders it at build time).
 */

export interface DiagramSource {
  /** Mermaid text. */
  text: string;
  nodes: NodeInfos;
}

/** A process's flowchart: its Mermaid text, and each node's kind and table row. */
export function diagramSource(model: ProcessModel, org: OrgIndex | undefined, locale: Locale): DiagramSource {
  const nodes: NodeInfos = {};
  for (const lane of buildDiagram(model, org, locale).lanes) {
    for (const node of lane.nodes) nodes[node.id] = { kind: node.kind, ...(node.step ? { step: node.step.step.id, label: `${node.number}. ${node.step.step.name}` } : {}) };
  }
  return { text: toMermaid(model, org, { locale }), nodes };
}

/** `spec`'s flowchart in `locale` (`model` is its model): the English one is drawn from the spec's English names and conditions where it has them. */
export function processDiagram(spec: Process, model: ProcessModel, org: OrgIndex | undefined, locale: Locale): DiagramSource {
  return diagramSource(locale === 'en' ? buildModel(inEnglish(spec)) : model, org, locale);
}
