/**
 * The pull-request comment shows each changed process's diagram as a ```mermaid block, drawn by
 * GitHub's own Mermaid, which reports version 11.17 (mermaid-js/mermaid#8289). That version is
 * installed here as `mermaid-github`: every process of the handbook, as the comment writes it,
 * must draw there as a swimlane diagram with every node, and no solid edge against the flow.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { globSync } from 'tinyglobby';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrg } from '../../scripts/core/load-org.ts';
import { loadSpec } from '../../scripts/core/load-spec.ts';
import { buildDiagram } from '../../scripts/flowchart/diagram.ts';
import { toMermaid } from '../../scripts/flowchart/to-mermaid.ts';
import { indexOrg } from '../../scripts/model/org-index.ts';
import { buildModel } from '../../scripts/model/process-model.ts';
import { launchBrowser } from '../e2e/browser.ts';
import { backwardSolid, measureDiagrams, type MeasuredDiagram } from './layout.ts';

const require = createRequire(import.meta.url);
const org = indexOrg(loadOrg('processes/org.yml', readFileSync('processes/org.yml')).org!);
const models = globSync('processes/**/*.md').sort().flatMap((file) => {
  const spec = loadSpec(file, readFileSync(file)).spec;
  return spec ? [buildModel(spec)] : [];
});

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.setContent('<!doctype html><meta charset="utf-8"><body></body>');
  await page.addScriptTag({ path: require.resolve('mermaid-github/dist/mermaid.js') });
}, 120_000);
afterAll(() => browser?.close());

/** Draws each text as GitHub would (Mermaid's defaults), each in a frame named after it; the errors by name. */
function draw(texts: Array<[string, string]>): Promise<Record<string, string>> {
  return page.evaluate(async (diagrams) => {
    const mermaid = (globalThis as unknown as { mermaid: { initialize(c: object): void; render(id: string, text: string): Promise<{ svg: string }> } }).mermaid;
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
    const errors: Record<string, string> = {};
    for (const [index, [name, text]] of diagrams.entries()) {
      const frame = document.body.appendChild(document.createElement('div'));
      frame.className = 'hb-diagram';
      frame.dataset.diagram = name;
      try {
        frame.innerHTML = (await mermaid.render(`gh${index}`, text)).svg;
      } catch (error) {
        errors[name] = error instanceof Error ? error.message : String(error);
      }
    }
    return errors;
  }, texts);
}

describe('the pull-request comment’s diagrams in GitHub’s Mermaid', () => {
  let measured: MeasuredDiagram[];
  let errors: Record<string, string>;
  beforeAll(async () => {
    errors = await draw(models.map((model) => [model.spec.id, toMermaid(model, org, { locale: 'zh-CN', highlight: { [model.steps[0]!.step.id]: 'changed' } })]));
    measured = await page.evaluate(measureDiagrams);
  }, 120_000);

  it('is the version GitHub reports', () => {
    expect((require('mermaid-github/package.json') as { version: string }).version).toMatch(/^11\.17\./);
  });

  it('draws every process as a swimlane diagram with all its nodes', async () => {
    expect(errors).toEqual({});
    const kinds = await page.$$eval('.hb-diagram > svg', (svgs) => [...new Set(svgs.map((svg) => svg.getAttribute('aria-roledescription')))]);
    expect(kinds).toEqual(['swimlane']);
    for (const model of models) {
      const expected = buildDiagram(model, org).lanes.flatMap((lane) => lane.nodes.map((node) => node.id));
      expect(measured.find((diagram) => diagram.name === model.spec.id)?.nodes.sort(), model.spec.id).toEqual(expected.sort());
    }
  });

  it('has no solid edge against the flow there either', () => {
    expect(measured.flatMap((diagram) => backwardSolid(diagram).map((edge) => `${diagram.name}: ${edge.from} -> ${edge.to}`))).toEqual([]);
  });
});
