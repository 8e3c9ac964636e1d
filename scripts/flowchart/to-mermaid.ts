import type { Locale } from '../core/messages.ts';
import type { OrgIndex } from '../model/org-index.ts';
import type { ProcessModel } from '../model/process-model.ts';
import { buildDiagram, diagramWords, type DiagramNode } from './diagram.ts';
import { accessibleText, escapeLabel } from './escape.ts';

export type Highlight = 'added' | 'changed' | 'removed';

export interface FlowchartOptions {
  locale?: Locale;
  /** Marks steps (by step id) for a before/after comparison. */
  highlight?: Record<string, Highlight>;
  /** Accessible title; defaults to the process title. */
  title?: string;
}

/**
 * Mermaid configuration the diagrams are rendered with, at build time and in the browser alike.
 * HTML labels: Mermaid decodes our label entities and wraps text properly only in them.
 */
export const MERMAID_CONFIG = {
  securityLevel: 'strict',
  startOnLoad: false,
  htmlLabels: true,
  flowchart: { htmlLabels: true, useMaxWidth: true, curve: 'basis' },
} as const;

const HIGHLIGHT_STYLE: Record<Highlight, string> = {
  added: 'fill:#dcfce7,stroke:#15803d,stroke-width:3px',
  changed: 'fill:#fef3c7,stroke:#b45309,stroke-width:3px',
  removed: 'fill:#fee2e2,stroke:#b91c1c,stroke-width:3px,stroke-dasharray:6 4',
};

/**
 * Mermaid text for a process: a `swimlane-beta` diagram (Mermaid ≥ 11.16), which reads the
 * flowchart syntax but draws each top-level subgraph as a true lane.
 *
 * Lanes are columns and the flow runs downwards: the handbook's processes run 5–15 steps
 * across 2–5 departments, so columns keep each department's steps under its header while
 * the page scrolls the way the responsibility table below it does; left-to-right lanes
 * would make every diagram wider than a phone and most laptops.
 *
 * `ignoreCrossLaneEdges: false` makes the layout rank steps by every edge, including those
 * that cross lanes (by default it ranks within a lane only, which draws a hand-off to
 * another department beside or above the step it comes from).
 *
 * The pull-request comment (scripts/diff) shows this same text in a ```mermaid block. GitHub
 * draws it with its own Mermaid, version 11.17 (mermaid-js/mermaid#8289), which has
 * swimlane-beta and reads the config above: test/flowchart/github.test.ts draws every process of
 * the handbook with that version and finds every node and no solid edge against the flow, so
 * the comment needs no `flowchart` fallback.
 *
 * Pure: same model, same text.
 */
export function toMermaid(model: ProcessModel, org?: OrgIndex, options: FlowchartOptions = {}): string {
  const locale = options.locale ?? 'zh-CN';
  const text = diagramWords(locale);
  const diagram = buildDiagram(model, org, locale);
  const lines: string[] = ['---', 'config:', '  securityLevel: strict', '  swimlane:', '    ignoreCrossLaneEdges: false', '---', 'swimlane-beta TD'];

  const title = options.title ?? (locale === 'en' ? model.spec.titleEn ?? model.spec.title : model.spec.title);
  lines.push(`  accTitle: ${accessibleText(title)}`);
  const laneNames = diagram.lanes.map((lane) => lane.name).join(locale === 'en' ? ', ' : '、');
  lines.push(`  accDescr: ${accessibleText(text.describe(title, model.steps.length, laneNames), 600)}`);

  diagram.lanes.forEach((lane, index) => {
    lines.push(`  subgraph lane${index}["${escapeLabel(lane.name)}"]`);
    for (const node of lane.nodes) lines.push(`    ${shape(node, org, locale)}`);
    lines.push('  end');
  });
  for (const edge of diagram.edges) {
    const label = edge.when !== undefined ? `|"${escapeLabel(edge.when, 40)}"|` : '';
    lines.push(`  ${edge.from} ${edge.loop ? '-.->' : '-->'}${label} ${edge.to}`);
  }

  const highlight = options.highlight ?? {};
  for (const kind of ['added', 'changed', 'removed'] as const) {
    const ids = [...diagram.stepNodes].filter(([step]) => highlight[step] === kind).map(([, node]) => node);
    if (ids.length === 0) continue;
    lines.push(`  classDef ${kind} ${HIGHLIGHT_STYLE[kind]}`);
    lines.push(`  class ${ids.join(',')} ${kind}`);
  }
  return `${lines.join('\n')}\n`;

  function shape(node: DiagramNode, org: OrgIndex | undefined, locale: Locale): string {
    switch (node.kind) {
      case 'start':
        return `${node.id}(("${escapeLabel(text.start)}"))`;
      case 'end':
        return `${node.id}((("${escapeLabel(text.end)}")))`;
      case 'fork':
      case 'join':
        return `${node.id}@{ shape: ${node.kind} }`;
      case 'repeat':
        return `${node.id}@{ shape: sm-circ }`;
      case 'choice':
        // An empty diamond: the conditions are on its edges.
        return `${node.id}{" "}`;
      default:
        return `${node.id}${stepShape(node, org, locale)}`;
    }
  }
}

function stepShape(node: DiagramNode, org: OrgIndex | undefined, locale: Locale): string {
  const { step } = node.step!;
  const role = step.role ? org?.roles.get(step.role) : undefined;
  const roleName = role ? (locale === 'en' ? role.nameEn ?? role.name : role.name) : step.role;
  // The number and the name stay on one line (a no-break space); the role goes on a second line. Both breaks are ours, never spec text.
  const name = `${node.number}.\u00a0${escapeLabel(step.name)}`;
  const label = roleName && node.kind !== 'decision' ? `${name}<br/>${escapeLabel(roleName, 30)}` : name;
  switch (node.kind) {
    case 'decision':
      return `{"${label}"}`;
    case 'approval':
      return `[["${label}"]]`;
    default:
      return `["${label}"]`;
  }
}
