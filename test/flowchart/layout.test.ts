/**
 * Every process of the handbook, drawn as the site draws it (lib/diagrams.ts in Chromium),
 * then measured where the reader sees it: no solid edge may run against the top-down flow,
 * and every declared loop is drawn dashed, back up to the step it returns to.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { globSync } from 'tinyglobby';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrg } from '../../scripts/core/load-org.ts';
import { loadSpec } from '../../scripts/core/load-spec.ts';
import { buildDiagram, type Diagram } from '../../scripts/flowchart/diagram.ts';
import { indexOrg } from '../../scripts/model/org-index.ts';
import { inEnglish } from '../../scripts/model/english.ts';
import { buildModel } from '../../scripts/model/process-model.ts';
import { diagramSource, renderDiagrams, type DiagramResult, type DiagramSource } from '../../site/lib/diagrams.ts';
import { launchBrowser } from '../e2e/browser.ts';
import { AGAINST_THE_FLOW, backwardSolid, measureDiagrams, type MeasuredDiagram } from './layout.ts';

const org = indexOrg(loadOrg('processes/org.yml', readFileSync('processes/org.yml')).org!);
const diagrams = new Map<string, Diagram>();
const sources = new Map<string, DiagramSource>();
for (const file of globSync('processes/**/*.md').sort()) {
  const spec = loadSpec(file, readFileSync(file)).spec;
  if (!spec) continue;
  for (const locale of ['zh-CN', 'en'] as const) {
    // As the site draws them: the English diagram from the spec's English names and conditions.
    const model = buildModel(locale === 'en' ? inEnglish(spec) : spec);
    diagrams.set(`${spec.id} (${locale})`, buildDiagram(model, org, locale));
    sources.set(`${spec.id} (${locale})`, diagramSource(model, org, locale));
  }
}

let browser: Browser;
let results: Map<string, DiagramResult>;
let measured: MeasuredDiagram[];
beforeAll(async () => {
  results = (await renderDiagrams(sources)).results;
  browser = await launchBrowser();
  const page = await browser.newPage();
  await page.evaluate((drawn) => {
    for (const [name, svg] of drawn) {
      const frame = document.body.appendChild(document.createElement('div'));
      frame.className = 'hb-diagram';
      frame.dataset.diagram = name;
      frame.innerHTML = svg;
    }
  }, [...results].map(([name, result]) => [name, result.svg ?? ''] as const));
  measured = await page.evaluate(measureDiagrams);
}, 300_000);
afterAll(() => browser?.close());

describe('the flowcharts of the handbook', () => {
  it('are all drawn', () => {
    expect(sources.size).toBeGreaterThan(30);
    expect([...results].filter(([, result]) => !result.svg).map(([name, result]) => `${name}: ${result.error ?? 'no SVG'}`)).toEqual([]);
    expect(measured.map((diagram) => diagram.name).sort()).toEqual([...sources.keys()].sort());
  });

  it('have no solid edge against the flow', () => {
    const against = measured.flatMap((diagram) => backwardSolid(diagram).map((edge) => `${diagram.name}: ${edge.from} -> ${edge.to} runs ${Math.round(-edge.dy)} px up`));
    expect(against).toEqual([]);
  });

  it('draw every edge of the diagram once, a declared loop dashed and back up to its target', () => {
    for (const diagram of measured) {
      const expected = diagrams.get(diagram.name)!.edges;
      const drawn = diagram.edges.map((edge) => `${edge.from}->${edge.to}${edge.solid ? '' : ' dashed'}`).sort();
      expect(drawn, diagram.name).toEqual(expected.map((edge) => `${edge.from}->${edge.to}${edge.loop ? ' dashed' : ''}`).sort());
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
