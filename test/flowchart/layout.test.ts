/**
 * Every process of the handbook, drawn as the site draws it (scripts/flowchart/to-svg.ts, with the
 * site's stylesheet), then measured in Chromium where the reader sees it: no solid edge may run
 * against the top-down flow, and every declared loop is drawn dashed, back up to the step it
 * returns to.
 */
import { readFileSync } from 'node:fs';
import { toHtml } from 'hast-util-to-html';
import type { Browser } from 'playwright-core';
import { globSync } from 'tinyglobby';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrg } from '../../scripts/core/load-org.ts';
import { loadSpec } from '../../scripts/core/load-spec.ts';
import { buildDiagram, type Diagram } from '../../scripts/flowchart/diagram.ts';
import { inEnglish } from '../../scripts/model/english.ts';
import { indexOrg } from '../../scripts/model/org-index.ts';
import { buildModel } from '../../scripts/model/process-model.ts';
import { processDiagram } from '../../site/lib/diagram-source.ts';
import { launchBrowser } from '../e2e/browser.ts';
import { AGAINST_THE_FLOW, backwardSolid, measureFlowcharts, type MeasuredDiagram } from './layout.ts';

const org = indexOrg(loadOrg('processes/org.yml', readFileSync('processes/org.yml')).org!);
const diagrams = new Map<string, Diagram>();
const drawn = new Map<string, string>();
for (const file of globSync('processes/**/*.md').sort()) {
  const spec = loadSpec(file, readFileSync(file)).spec;
  if (!spec) continue;
  const model = buildModel(spec);
  for (const locale of ['zh-CN', 'en'] as const) {
    const name = `${spec.id} (${locale})`;
    // As the site draws them: the English diagram from the spec's English names and conditions.
    diagrams.set(name, buildDiagram(locale === 'en' ? buildModel(inEnglish(spec)) : model, org, locale));
    drawn.set(name, toHtml(processDiagram(spec, model, org, locale).svg));
  }
}

let browser: Browser;
let measured: MeasuredDiagram[];
beforeAll(async () => {
  browser = await launchBrowser();
  const page = await browser.newPage();
  await page.setContent(`<!doctype html><meta charset="utf-8"><style>${readFileSync('site/styles/handbook.css', 'utf8')}</style><body></body>`);
  await page.evaluate((pictures) => {
    for (const [name, svg] of pictures) {
      const frame = document.body.appendChild(document.createElement('div'));
      frame.className = 'hb-diagram';
      frame.dataset.diagram = name;
      frame.innerHTML = svg;
    }
  }, [...drawn]);
  measured = await page.evaluate(measureFlowcharts);
}, 120_000);
afterAll(() => browser?.close());

describe('the flowcharts of the handbook', () => {
  it('are all drawn, every node of the diagram in them', () => {
    expect(drawn.size).toBeGreaterThan(60);
    expect(measured.map((diagram) => diagram.name).sort()).toEqual([...drawn.keys()].sort());
    for (const diagram of measured) expect(diagram.nodes.sort(), diagram.name).toEqual(diagrams.get(diagram.name)!.lanes.flatMap((lane) => lane.nodes.map((node) => node.id)).sort());
  });

  it('have no solid edge against the flow', () => {
    const against = measured.flatMap((diagram) => backwardSolid(diagram).map((edge) => `${diagram.name}: ${edge.from} -> ${edge.to} runs ${Math.round(-edge.dy)} px up`));
    expect(against).toEqual([]);
  });

  it('draw every edge of the diagram once, a declared loop dashed and back up to its target', () => {
    for (const diagram of measured) {
      const expected = diagrams.get(diagram.name)!.edges;
      const lines = diagram.edges.map((edge) => `${edge.from}->${edge.to}${edge.solid ? '' : ' dashed'}`).sort();
      expect(lines, diagram.name).toEqual(expected.map((edge) => `${edge.from}->${edge.to}${edge.loop ? ' dashed' : ''}`).sort());
      // A loop back runs up to its target; a step repeating itself goes down to its repeat circle first, then back up.
      const repeats = new Set(diagrams.get(diagram.name)!.lanes.flatMap((lane) => lane.nodes).filter((node) => node.kind === 'repeat').map((node) => node.id));
      for (const edge of diagram.edges.filter((edge) => !edge.solid)) {
        if (repeats.has(edge.to)) expect(edge.dy, `${diagram.name}: ${edge.from} -> ${edge.to}`).toBeGreaterThan(0);
        else expect(edge.dy, `${diagram.name}: ${edge.from} -> ${edge.to}`).toBeLessThan(AGAINST_THE_FLOW);
      }
    }
    expect(measured.flatMap((diagram) => diagram.edges).filter((edge) => !edge.solid).length).toBeGreaterThan(10);
  });
});
