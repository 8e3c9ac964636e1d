import type { Element, ElementContent } from 'hast';
import { s } from 'hastscript';
import type { Locale } from '../core/messages.ts';
import type { OrgIndex } from '../model/org-index.ts';
import type { ProcessModel } from '../model/process-model.ts';
import { buildDiagram, diagramWords, type Diagram, type DiagramNode } from './diagram.ts';
import { layOut, type Box, type Layout, type Point, type Size } from './layout.ts';
import { textWidth, wrapText } from './text.ts';

/**
 * A process's flowchart as an SVG tree (hast): the swimlane diagram of diagram.ts placed by
 * layout.ts. The site serialises it at build time (hast-util-to-html) and the editor's preview
 * turns the same tree into DOM (hast-util-to-dom), so both draw one picture with no diagram
 * script and nothing to sanitise: the markup is ours, and spec text is only ever a text node or
 * an attribute value, which both serialisers escape.
 *
 * Colours come from the site's stylesheet (CSS variables, so one drawing serves light, dark and
 * print); the presentation attributes here are what a viewer without it shows.
 */

export interface FlowchartSvgOptions {
  locale?: Locale;
  /** Accessible title; defaults to the process title. */
  title?: string;
}

const FONT = { step: 15, role: 13, label: 13, lane: 15, terminal: 14 } as const;
const LINE = { step: 20, role: 17, label: 16, lane: 19 } as const;
const TASK_TEXT_WIDTH = 150;
const DECISION_TEXT_WIDTH = 120;
const LABEL_TEXT_WIDTH = 112;
const LANE_TEXT_WIDTH = 176;
/** A name longer than this many lines ends in …: the table below the diagram and the node's link name give it whole. */
const NAME_LINES = 6;
const PAD = { x: 12, y: 9 } as const;
const ROUND = 6;
const APPROVAL_BAR = 7;
const SIZES = { terminal: 56, choice: 30, bar: { width: 110, height: 8 }, repeat: 14 } as const;

interface Content {
  lines: Array<{ text: string; role?: boolean }>;
  size: Size;
}

/** A flowchart placed: its diagram, what each node and edge says, and where everything goes. */
export interface PlacedFlowchart {
  diagram: Diagram;
  layout: Layout;
  contents: Map<string, Content>;
  /** The lines of each edge's condition, by index in `diagram.edges`. */
  labelLines: Map<number, string[]>;
  laneLines: string[][];
}

/** The flowchart of `model` in `locale`, with its text measured and everything placed. */
export function flowchartLayout(model: ProcessModel, org: OrgIndex | undefined, locale: Locale): PlacedFlowchart {
  const words = diagramWords(locale);
  const diagram = buildDiagram(model, org, locale);
  const contents = new Map(diagram.lanes.flatMap((lane) => lane.nodes.map((node) => [node.id, contentOf(node, org, locale, words)] as const)));
  const labelLines = new Map<number, string[]>();
  diagram.edges.forEach((edge, index) => {
    if (edge.when?.trim()) labelLines.set(index, wrapText(edge.when, LABEL_TEXT_WIDTH, FONT.label, 3));
  });
  const laneLines = diagram.lanes.map((lane) => wrapText(lane.name, LANE_TEXT_WIDTH, FONT.lane, 3));
  const layout = layOut({
    diagram,
    sizes: new Map([...contents].map(([id, content]) => [id, content.size])),
    labels: new Map([...labelLines].map(([index, lines]) => [index, { width: widest(lines, FONT.label) + 8, height: lines.length * LINE.label + 4 }])),
    headers: laneLines.map((lines) => ({ width: widest(lines, FONT.lane) + 24, height: lines.length * LINE.lane + 16 })),
  });
  return { diagram, layout, contents, labelLines, laneLines };
}

/** The flowchart of `model` as an `<svg>` element. */
export function flowchartSvg(model: ProcessModel, org: OrgIndex | undefined, options: FlowchartSvgOptions = {}): Element {
  const locale = options.locale ?? 'zh-CN';
  const words = diagramWords(locale);
  const { diagram, layout, contents, labelLines, laneLines } = flowchartLayout(model, org, locale);

  const title = options.title ?? (locale === 'en' ? model.spec.titleEn ?? model.spec.title : model.spec.title);
  const laneNames = diagram.lanes.map((lane) => lane.name).join(locale === 'en' ? ', ' : '、');
  return s(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      class: 'hb-flowchart',
      viewBox: `0 0 ${layout.width} ${layout.height}`,
      width: layout.width,
      height: layout.height,
      style: `--hb-w: ${layout.width}px`,
      fontFamily: '"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif',
    },
    [
      s('title', title),
      s('desc', words.describe(title, model.steps.length, laneNames)),
      s('defs', [
        s('marker', { id: 'hb-arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 10, markerHeight: 10, markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' }, [
          s('path', { class: 'hb-arrowhead', d: 'M0,0L10,5L0,10z', fill: '#334155' }),
        ]),
      ]),
      lanes(diagram, layout, laneLines),
      s('g', { class: 'hb-edges' }, edges(layout, labelLines)),
      s('g', { class: 'hb-nodes' }, [...layout.nodes.values()].map((placed) => node(placed.node, placed.box, contents.get(placed.node.id)!))),
    ],
  );
}

function lanes(diagram: Diagram, layout: Layout, titles: string[][]): Element {
  return s(
    'g',
    { class: 'hb-lanes' },
    diagram.lanes.map((lane, index) => {
      const { x, width } = layout.lanes[index]!;
      const lines = titles[index]!;
      const top = (layout.header - lines.length * LINE.lane) / 2;
      return s('g', { class: 'hb-lane', dataLane: lane.id || undefined }, [
        s('rect', { class: 'hb-lane-body', x, y: 0, width, height: layout.height, fill: '#f1f5f9', stroke: '#94a3b8' }),
        s('rect', { class: 'hb-lane-title', x, y: 0, width, height: layout.header, fill: '#e2e8f0', stroke: '#94a3b8' }),
        text(lines.map((line) => ({ text: line })), x + width / 2, top, LINE.lane, FONT.lane, 'hb-lane-name'),
      ]);
    }),
  );
}

function edges(layout: Layout, labels: Map<number, string[]>): ElementContent[] {
  const paths = layout.edges.map((placed) =>
    s('path', {
      class: placed.edge.loop ? 'hb-edge hb-edge-loop' : 'hb-edge',
      d: pathData(placed.points),
      fill: 'none',
      stroke: '#334155',
      strokeWidth: 1.5,
      strokeDasharray: placed.edge.loop ? '6 4' : undefined,
      markerEnd: 'url(#hb-arrow)',
      dataFrom: placed.edge.from,
      dataTo: placed.edge.to,
    }),
  );
  const texts = layout.edges.flatMap((placed, index) => {
    const lines = labels.get(index);
    if (!placed.label || !lines) return [];
    const { box, anchor } = placed.label;
    const x = anchor === 'start' ? box.x + 4 : box.x + box.width - 4;
    return [
      s('g', { class: 'hb-edge-label', dataEdge: index }, [
        s('rect', { x: box.x, y: box.y, width: box.width, height: box.height, rx: 3, fill: '#e2e8f0' }),
        text(
          lines.map((line) => ({ text: line })),
          x,
          box.y + 2,
          LINE.label,
          FONT.label,
          undefined,
          anchor,
        ),
      ]),
    ];
  });
  return [...paths, ...texts];
}

function node(node: DiagramNode, box: Box, content: Content): Element {
  const { width, height } = box;
  const shapes = shapeOf(node, width, height);
  const lines = content.lines;
  const lineHeights = lines.map((line) => (line.role ? LINE.role : LINE.step));
  const top = (height - lineHeights.reduce((sum, h) => sum + h, 0)) / 2;
  const group = s('g', { class: 'hb-node', dataNode: node.id, dataKind: node.kind, dataStep: node.step?.step.id, transform: `translate(${round(box.x)},${round(box.y)})` }, [
    ...shapes,
    ...(lines.length > 0 ? [text(lines, width / 2, top, LINE.step, node.kind === 'start' || node.kind === 'end' ? FONT.terminal : FONT.step, 'hb-label')] : []),
  ]);
  if (!node.step) return group;
  return s('a', { class: 'hb-node-link', href: `#step-${node.step.step.id}`, ariaLabel: `${node.number}. ${node.step.step.name}` }, [group]);
}

function shapeOf(node: DiagramNode, width: number, height: number): Element[] {
  const paint = { class: 'hb-shape', fill: '#ffffff', stroke: '#334155', strokeWidth: 1.5 };
  switch (node.kind) {
    case 'start':
      return [s('circle', { ...paint, cx: width / 2, cy: height / 2, r: width / 2 })];
    case 'end':
      return [s('circle', { ...paint, cx: width / 2, cy: height / 2, r: width / 2 }), s('circle', { class: 'hb-shape-inner', fill: 'none', stroke: '#334155', strokeWidth: 1.5, cx: width / 2, cy: height / 2, r: width / 2 - 4 })];
    case 'decision':
    case 'choice':
      return [s('polygon', { ...paint, points: `${width / 2},0 ${width},${height / 2} ${width / 2},${height} 0,${height / 2}` })];
    case 'fork':
    case 'join':
      return [s('rect', { ...paint, fill: '#334155', width, height, rx: 2 })];
    case 'repeat':
      return [s('circle', { ...paint, cx: width / 2, cy: height / 2, r: width / 2 })];
    case 'approval':
      // A box with a bar at each side: the sign of a step that approves or refuses.
      return [
        s('rect', { ...paint, width, height, rx: 2 }),
        s('path', { class: 'hb-shape-inner', fill: 'none', stroke: '#334155', strokeWidth: 1.5, d: `M${APPROVAL_BAR},0V${height}M${width - APPROVAL_BAR},0V${height}` }),
      ];
    default:
      return [s('rect', { ...paint, width, height, rx: ROUND })];
  }
}

/** Lines of text centred on `x` (or starting or ending there), the first line's top at `top`. */
function text(lines: Content['lines'], x: number, top: number, lineHeight: number, fontSize: number, className?: string, anchor: 'start' | 'middle' | 'end' = 'middle'): Element {
  let y = top;
  return s(
    'text',
    { class: className, x: round(x), textAnchor: anchor, fontSize, fill: '#0f172a' },
    lines.map((line) => {
      const height = line.role ? LINE.role : lineHeight;
      const size = line.role ? FONT.role : fontSize;
      // The baseline sits 0.35 em below the middle of the line, which centres CJK glyphs.
      const baseline = y + height / 2 + 0.35 * size;
      y += height;
      return s('tspan', { x: round(x), y: round(baseline), class: line.role ? 'hb-role' : undefined, fontSize: line.role ? size : undefined }, line.text);
    }),
  );
}

function contentOf(node: DiagramNode, org: OrgIndex | undefined, locale: Locale, words: ReturnType<typeof diagramWords>): Content {
  switch (node.kind) {
    case 'start':
    case 'end':
      return { lines: [{ text: node.kind === 'start' ? words.start : words.end }], size: { width: SIZES.terminal, height: SIZES.terminal } };
    case 'choice':
      return { lines: [], size: { width: SIZES.choice, height: SIZES.choice } };
    case 'fork':
    case 'join':
      return { lines: [], size: SIZES.bar };
    case 'repeat':
      return { lines: [], size: { width: SIZES.repeat, height: SIZES.repeat } };
    default:
      break;
  }
  const { step } = node.step!;
  // The number and the name stay together (a no-break space); the role goes on lines of its own.
  const name = `${node.number}.\u00a0${step.name}`;
  if (node.kind === 'decision') {
    const lines = wrapText(name, DECISION_TEXT_WIDTH, FONT.step, NAME_LINES).map((text) => ({ text }));
    const textWidth = widest(lines.map((line) => line.text), FONT.step);
    const textHeight = lines.length * LINE.step;
    // The smallest diamond of this aspect that holds the text's box: (w/2)/W + (h/2)/H = 1.
    return { lines, size: { width: Math.ceil(textWidth + 2 * textHeight + 2 * PAD.x), height: Math.ceil(textHeight + textWidth / 2 + PAD.y) } };
  }
  const role = step.role ? org?.roles.get(step.role) : undefined;
  const roleName = role ? (locale === 'en' ? role.nameEn ?? role.name : role.name) : step.role;
  const lines: Content['lines'] = [
    ...wrapText(name, TASK_TEXT_WIDTH, FONT.step, NAME_LINES).map((text) => ({ text })),
    ...(roleName ? wrapText(roleName, TASK_TEXT_WIDTH, FONT.role, 2).map((text) => ({ text, role: true })) : []),
  ];
  const side = node.kind === 'approval' ? APPROVAL_BAR : 0;
  const width = Math.max(120, ...lines.map((line) => textWidth(line.text, line.role ? FONT.role : FONT.step))) + 2 * PAD.x + 2 * side;
  const height = lines.reduce((sum, line) => sum + (line.role ? LINE.role : LINE.step), 0) + 2 * PAD.y;
  return { lines, size: { width: Math.ceil(width), height: Math.ceil(height) } };
}

function widest(lines: string[], fontSize: number): number {
  return Math.max(0, ...lines.map((line) => textWidth(line, fontSize)));
}

function pathData(points: Point[]): string {
  return points.map(([x, y], index) => `${index === 0 ? 'M' : 'L'}${round(x)},${round(y)}`).join('');
}

const round = (value: number) => Math.round(value * 10) / 10;
