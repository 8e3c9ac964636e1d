/**
 * The layout of every process of the handbook, as the site draws it (both languages), checked as
 * geometry: nothing overlaps, every line runs from its source's border to its target's in
 * right angles, every solid line enters its target from above, and no line runs through a node
 * it does not join. The rendered SVG is measured in Chromium by layout.test.ts.
 */
import { readFileSync } from 'node:fs';
import { globSync } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { loadOrg } from '../../scripts/core/load-org.ts';
import { loadSpec } from '../../scripts/core/load-spec.ts';
import { buildDiagram } from '../../scripts/flowchart/diagram.ts';
import type { Box, Layout, Point } from '../../scripts/flowchart/layout.ts';
import { flowchartLayout } from '../../scripts/flowchart/to-svg.ts';
import { inEnglish } from '../../scripts/model/english.ts';
import { indexOrg } from '../../scripts/model/org-index.ts';
import { buildModel } from '../../scripts/model/process-model.ts';
import { model, org as sampleOrg } from './helpers.ts';

const org = indexOrg(loadOrg('processes/org.yml', readFileSync('processes/org.yml')).org!);
const layouts = new Map<string, Layout>();
for (const file of globSync('processes/**/*.md').sort()) {
  const spec = loadSpec(file, readFileSync(file)).spec;
  if (!spec) continue;
  for (const locale of ['zh-CN', 'en'] as const) layouts.set(`${spec.id} (${locale})`, flowchartLayout(buildModel(locale === 'en' ? inEnglish(spec) : spec), org, locale).layout);
}

const inside = (point: Point, box: Box, margin = 0.5) => point[0] >= box.x - margin && point[0] <= box.x + box.width + margin && point[1] >= box.y - margin && point[1] <= box.y + box.height + margin;
/** Whether `point` lies on the outline of a node of `kind` drawn in `box`: a diamond, a circle or a box. */
const onBorder = (point: Point, box: Box, kind: string) => {
  const [dx, dy] = [Math.abs(point[0] - (box.x + box.width / 2)), Math.abs(point[1] - (box.y + box.height / 2))];
  if (kind === 'decision' || kind === 'choice') return Math.abs(dx / (box.width / 2) + dy / (box.height / 2) - 1) < 0.02;
  if (kind === 'start' || kind === 'end' || kind === 'repeat') return Math.abs(Math.hypot(dx, dy) - box.width / 2) < 0.5;
  return inside(point, box) && !inside(point, { x: box.x + 1, y: box.y + 1, width: box.width - 2, height: box.height - 2 }, 0);
};
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
/** Whether the segment a→b passes through the inside of `box` (shrunk by 1 px, so touching is not crossing). */
const crosses = ([a, b]: [Point, Point], box: Box) => {
  const inner = { x: box.x + 1, y: box.y + 1, width: box.width - 2, height: box.height - 2 };
  const [left, right] = [Math.min(a[0], b[0]), Math.max(a[0], b[0])];
  const [top, bottom] = [Math.min(a[1], b[1]), Math.max(a[1], b[1])];
  return left < inner.x + inner.width && right > inner.x && top < inner.y + inner.height && bottom > inner.y;
};
const segments = (points: readonly Point[]) => points.slice(1).map((point, index): [Point, Point] => [points[index]!, point]);

describe('the layout of every flowchart of the handbook', () => {
  it('covers every process in both languages', () => expect(layouts.size).toBeGreaterThan(60));

  it('overlaps no node with another, and keeps every node inside its lane', () => {
    for (const [name, layout] of layouts) {
      const placed = [...layout.nodes.values()];
      for (const [index, a] of placed.entries()) {
        const lane = layout.lanes[a.lane]!;
        expect(a.box.x >= lane.x && a.box.x + a.box.width <= lane.x + lane.width, `${name}: ${a.node.id} outside its lane`).toBe(true);
        for (const b of placed.slice(index + 1)) expect(overlap(a.box, b.box), `${name}: ${a.node.id} overlaps ${b.node.id}`).toBe(false);
      }
    }
  });

  it('draws every edge in right angles from its source’s border to its target’s, solid ones entering from above', () => {
    for (const [name, layout] of layouts) {
      for (const { edge, points } of layout.edges) {
        const what = `${name}: ${edge.from} -> ${edge.to}`;
        expect(points.length, what).toBeGreaterThanOrEqual(2);
        for (const [a, b] of segments(points)) expect(a[0] === b[0] || a[1] === b[1], `${what} has a slanted segment`).toBe(true);
        const [source, target] = [layout.nodes.get(edge.from)!, layout.nodes.get(edge.to)!];
        expect(onBorder(points[0]!, source.box, source.node.kind), `${what} starts off its source`).toBe(true);
        expect(onBorder(points.at(-1)!, target.box, target.node.kind), `${what} ends off its target`).toBe(true);
        if (!edge.loop) {
          const [before, last] = [points.at(-2)!, points.at(-1)!];
          expect(before[0] === last[0] && before[1] < last[1], `${what} does not come down into its target`).toBe(true);
        }
      }
    }
  });

  it('runs no edge through a node it does not join', () => {
    const through: string[] = [];
    for (const [name, layout] of layouts) {
      for (const { edge, points } of layout.edges) {
        for (const placed of layout.nodes.values()) {
          if (placed.node.id === edge.from || placed.node.id === edge.to) continue;
          if (segments(points).some((segment) => crosses(segment, placed.box))) through.push(`${name}: ${edge.from} -> ${edge.to} through ${placed.node.id}`);
        }
      }
    }
    expect(through).toEqual([]);
  });

  it('never crosses two ways out of the same node, so a reader can tell which condition leads where', () => {
    /** Whether two axis-aligned segments cross inside both, or run along each other. */
    const meet = ([a, b]: [Point, Point], [c, d]: [Point, Point]) => {
      const span = (p: number, q: number) => [Math.min(p, q), Math.max(p, q)] as const;
      const [x1, x2, y1, y2, x3, x4, y3, y4] = [...span(a[0], b[0]), ...span(a[1], b[1]), ...span(c[0], d[0]), ...span(c[1], d[1])];
      const overlap = (lo1: number, hi1: number, lo2: number, hi2: number) => Math.min(hi1, hi2) - Math.max(lo1, lo2) > 0.5;
      const flat = [y1 === y2, y3 === y4];
      if (flat[0] && flat[1]) return y1 === y3 && overlap(x1, x2, x3, x4);
      if (!flat[0] && !flat[1]) return x1 === x3 && overlap(y1, y2, y3, y4);
      const [h, v] = flat[0] ? [[x1, x2, y1], [x3, y3, y4]] : [[x3, x4, y3], [x1, y1, y2]];
      return h[0]! < v[0]! && v[0]! < h[1]! && v[1]! < h[2]! && h[2]! < v[2]!;
    };
    const crossing: string[] = [];
    for (const [name, layout] of layouts) {
      const leaving = new Map<string, Array<(typeof layout.edges)[number]>>();
      for (const edge of layout.edges) leaving.set(edge.edge.from, [...(leaving.get(edge.edge.from) ?? []), edge]);
      for (const [from, edges] of leaving) {
        for (const [index, one] of edges.entries()) {
          for (const other of edges.slice(index + 1)) {
            if (segments(one.points).some((a) => segments(other.points).some((b) => meet(a, b)))) crossing.push(`${name}: ${from} -> ${one.edge.to} and -> ${other.edge.to}`);
          }
        }
      }
    }
    expect(crossing).toEqual([]);
  });

  it('keeps every condition clear of the nodes and of the other conditions', () => {
    for (const [name, layout] of layouts) {
      const labels = layout.edges.flatMap((edge) => (edge.label ? [edge.label.box] : []));
      for (const [index, label] of labels.entries()) {
        for (const placed of layout.nodes.values()) expect(overlap(label, placed.box), `${name}: a condition covers ${placed.node.id}`).toBe(false);
        for (const other of labels.slice(index + 1)) expect(overlap(label, other), `${name}: two conditions overlap`).toBe(false);
      }
    }
  });
});

describe('rows', () => {
  it('put every node below the nodes leading to it, and parallel branches side by side', () => {
    const steps = [
      { id: 'split', name: '分头办理', role: 'cs-agent', next: ['left', 'right'] },
      { id: 'left', name: '左', role: 'cs-agent', next: 'done' },
      { id: 'right', name: '右', role: 'qc-specialist', next: 'done' },
      { id: 'done', name: '完成', role: 'cs-agent' },
    ];
    const { layout } = flowchartLayout(model(steps), sampleOrg, 'zh-CN');
    const diagram = buildDiagram(model(steps), sampleOrg);
    const at = (step: string) => layout.nodes.get(diagram.stepNodes.get(step)!)!;
    expect(at('left').row).toBe(at('right').row);
    expect(at('left').row).toBeGreaterThan(at('split').row);
    expect(at('done').row).toBeGreaterThan(at('left').row);
    expect(at('left').lane).not.toBe(at('right').lane);
  });

  it('place a step that nothing leads to (an undeclared cycle) below the rest rather than drop it', () => {
    const steps = [
      { id: 'a', name: 'A', role: 'cs-agent', next: 'b' },
      { id: 'b', name: 'B', role: 'cs-agent', next: 'c' },
      { id: 'c', name: 'C', role: 'cs-agent', next: 'b' },
    ];
    const { layout } = flowchartLayout(model(steps), sampleOrg, 'zh-CN');
    expect([...layout.nodes.values()].map((placed) => placed.node.step?.step.id).filter(Boolean).sort()).toEqual(['a', 'b', 'c']);
  });
});
