/**
 * The BPMN export of every process in the handbook, checked by the tools BPM people use: bpmn-moddle
 * reads it back without a warning, bpmnlint's `recommended` rules find no error, and bpmn-js draws it
 * in Chromium with every step on the canvas inside its department's lane (one browser for all). The
 * hostile fixtures come out as text: names that carry markup stay names.
 */
import { createRequire } from 'node:module';
import { BpmnModdle, type ModdleObject } from 'bpmn-moddle';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBpmn } from '../../scripts/export/bpmn.ts';
import { readExportHandbook } from '../../scripts/export/handbook.ts';
import { flowOrder } from '../../scripts/model/graph.ts';
import type { HandbookEntry } from '../../scripts/model/handbook.ts';
import { lanesOf } from '../../scripts/model/lanes.ts';
import { launchBrowser } from '../e2e/browser.ts';

const require = createRequire(import.meta.url);
const { Linter } = require('bpmnlint') as { Linter: new (options: unknown) => { lint(root: ModdleObject): Promise<Record<string, Array<{ id: string; message: string; category: string }>>> } };
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver') as new () => unknown;

const handbook = readExportHandbook('processes');
const hostile = readExportHandbook('test/fixtures/hostile');
const exported = new Map<string, { entry: HandbookEntry; xml: string; org: typeof handbook.handbook.org }>();

interface Drawn {
  id: string;
  warnings: string[];
  error?: string;
  steps: Array<{ id: string; drawn: boolean; label: string; lane?: string; box?: { x: number; y: number; width: number; height: number } }>;
  lanes: Array<{ name: string; y: number; height: number }>;
  pwned: unknown;
}

let browser: Browser;
let page: Page;
let drawn: Map<string, Drawn>;

beforeAll(async () => {
  for (const [source, book] of [['processes', handbook], ['hostile', hostile]] as const) {
    for (const entry of book.handbook.entries) exported.set(`${source}/${entry.spec.id}`, { entry, xml: await toBpmn(entry.model, book.handbook.org), org: book.handbook.org });
  }
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
  await page.addScriptTag({ path: require.resolve('bpmn-js/dist/bpmn-viewer.production.min.js') });
  const jobs = [...exported].map(([id, { entry, xml }]) => ({ id, xml, steps: entry.model.steps.map((node) => node.step.id) }));
  const results = await page.evaluate(async (jobs) => {
    const out: Drawn[] = [];
    for (const job of jobs) {
      const container = document.body.appendChild(document.createElement('div'));
      container.style.cssText = 'width:1600px;height:1000px';
      const viewer = new (window as unknown as { BpmnJS: new (options: unknown) => any }).BpmnJS({ container });
      try {
        const { warnings } = await viewer.importXML(job.xml);
        const registry = viewer.get('elementRegistry');
        const lanes = registry.filter((element: any) => element.type === 'bpmn:Lane').map((lane: any) => ({ name: lane.businessObject.name, y: lane.y, height: lane.height }));
        const steps = job.steps.map((id) => {
          const element = registry.get(`Step_${id}`);
          const gfx = element && registry.getGraphics(element);
          const box = gfx?.getBBox();
          const lane = element && lanes.find((candidate: any) => element.y >= candidate.y && element.y + element.height <= candidate.y + candidate.height);
          const label = element?.label ? registry.getGraphics(element.label)?.textContent ?? '' : gfx?.textContent ?? '';
          return { id, drawn: Boolean(box && box.width > 0 && box.height > 0), label, lane: lane?.name, box: element ? { x: element.x, y: element.y, width: element.width, height: element.height } : undefined };
        });
        out.push({ id: job.id, warnings: warnings.map((w: { message: string }) => w.message), steps, lanes, pwned: (window as any).__pwned });
      } catch (error) {
        out.push({ id: job.id, warnings: [], error: String(error), steps: [], lanes: [], pwned: (window as any).__pwned });
      }
      viewer.destroy();
      container.remove();
    }
    return out;
  }, jobs);
  drawn = new Map(results.map((result) => [result.id, result]));
}, 300_000);
afterAll(() => browser?.close());

const processIds = handbook.handbook.entries.map((entry) => `processes/${entry.spec.id}`);

describe('the BPMN export of the handbook', () => {
  it('covers every process', () => {
    expect(handbook.problems).toEqual([]);
    expect(processIds.length).toBeGreaterThan(30);
  });

  it.each(processIds)('%s reads back without warnings and passes bpmnlint recommended', async (id) => {
    const { xml } = exported.get(id)!;
    const { rootElement, warnings } = await new BpmnModdle().fromXML(xml);
    expect(warnings.map((warning) => warning.message)).toEqual([]);
    // A linter per file: bpmnlint's rules keep state between runs.
    const reports = await new Linter({ config: { extends: 'bpmnlint:recommended' }, resolver: new NodeResolver() }).lint(rootElement);
    const errors = Object.entries(reports).flatMap(([rule, found]) => found.filter((report) => report.category === 'error').map((report) => `${rule} ${report.id}: ${report.message}`));
    expect(errors).toEqual([]);
  });

  it.each(processIds)('%s is drawn by bpmn-js with every step in its department lane, lanes in the site order', (id) => {
    const result = drawn.get(id)!;
    const { entry, org } = exported.get(id)!;
    expect(result.error).toBeUndefined();
    expect(result.warnings).toEqual([]);
    const lanes = lanesOf(entry.model, org);
    expect(result.lanes.map((lane) => lane.name)).toEqual(lanes.map((lane) => lane.department?.name ?? '未指定部门'));
    for (const lane of lanes) {
      for (const node of lane.steps) {
        const step = result.steps.find((candidate) => candidate.id === node.step.id)!;
        expect(step.drawn, node.step.id).toBe(true);
        expect(step.label.replace(/\s/g, '')).toContain(node.step.name.replace(/\s/g, '').slice(0, 4));
        expect(step.lane).toBe(lane.department?.name ?? '未指定部门');
      }
    }
  });
});

describe('what the BPMN says', () => {
  const read = async (id: string) => (await new BpmnModdle().fromXML(exported.get(`processes/${id}`)!.xml)).elementsById;

  it('numbers the steps in flow order, lays them out left to right, and documents action, deadline, outputs and controls', async () => {
    const elements = await read('customer-complaint');
    const order = flowOrder(exported.get('processes/customer-complaint')!.entry.model);
    order.forEach((node, index) => expect(elements[`Step_${node.step.id}`]!.name).toBe(`${index + 1}. ${node.step.name}`));
    const receive = (elements['Step_receive']!.documentation as Array<{ text: string }>)[0]!.text;
    expect(receive).toContain('操作说明：客户通过电话');
    expect(receive).toContain('时间要求：即时');
    expect(receive).toContain('输出成果：《客户投诉登记表》');
    expect(receive).toContain('关键控制点：信息完整，不遗漏关键细节');
    expect((elements['Step_dispatch'] as ModdleObject).$type).toBe('bpmn:ExclusiveGateway');
  });

  it('draws a decision as an exclusive gateway whose flows carry the conditions', async () => {
    const elements = await read('customer-complaint');
    const dispatch = elements['Step_dispatch']! as ModdleObject & { outgoing: Array<ModdleObject & { name: string; conditionExpression: { body: string }; targetRef: ModdleObject }> };
    expect(dispatch.outgoing.map((flow) => [flow.name, flow.conditionExpression.body, flow.targetRef.id])).toEqual([
      ['产品质量问题', '产品质量问题', 'Step_investigate-quality'],
      ['服务态度问题', '服务态度问题', 'Step_investigate-service'],
      ['物流延迟问题', '物流延迟问题', 'Step_investigate-logistics'],
      ['其他问题', '其他问题', 'Step_investigate-other'],
    ]);
  });

  it('draws a declared loop as a flow back into a merge before the step it returns to', async () => {
    const elements = await read('customer-complaint');
    const merge = elements['Merge_Step_dispatch']! as ModdleObject & { incoming: Array<{ sourceRef: ModdleObject; name?: string }>; outgoing: Array<{ targetRef: ModdleObject }> };
    expect(merge.$type).toBe('bpmn:ExclusiveGateway');
    expect(merge.outgoing.map((flow) => flow.targetRef.id)).toEqual(['Step_dispatch']);
    expect(merge.incoming.map((flow) => flow.name ?? '')).toContain('客户不满意');
  });

  it('follows an approval with an exclusive gateway carrying both outcomes', async () => {
    const entry = handbook.handbook.entries.find((candidate) => candidate.model.steps.some((node) => node.kind === 'approval' && (node.step.branches?.length ?? 0) > 1))!;
    const approval = entry.model.steps.find((node) => node.kind === 'approval' && (node.step.branches?.length ?? 0) > 1)!;
    const elements = await read(entry.spec.id);
    expect((elements[`Step_${approval.step.id}`] as ModdleObject).$type).toBe('bpmn:UserTask');
    const outcome = elements[`Outcome_${approval.step.id}`] as ModdleObject & { outgoing: Array<{ name: string }> };
    expect(outcome.$type).toBe('bpmn:ExclusiveGateway');
    expect(outcome.outgoing.map((flow) => flow.name)).toEqual(approval.step.branches!.map((branch) => branch.when));
  });

  it('puts parallel work between a parallel split and a parallel join', async () => {
    const entry = handbook.handbook.entries.find((candidate) => candidate.model.edges.some((edge) => edge.type === 'parallel'))!;
    const elements = Object.values(await read(entry.spec.id)) as Array<ModdleObject & { incoming?: unknown[]; outgoing?: unknown[] }>;
    const parallel = elements.filter((element) => element.$type === 'bpmn:ParallelGateway');
    expect(parallel.some((gateway) => (gateway.outgoing?.length ?? 0) > 1)).toBe(true);
    expect(parallel.some((gateway) => (gateway.incoming?.length ?? 0) > 1)).toBe(true);
  });

  it('starts at the scope start and ends in an end event after every last step', async () => {
    const entry = exported.get('processes/customer-complaint')!.entry;
    const elements = await read('customer-complaint');
    expect(elements['StartEvent_1']!.name).toBe(entry.spec.scope.start);
    for (const node of entry.model.ends) expect((elements[`EndEvent_${node.step.id}`] as ModdleObject).$type).toBe('bpmn:EndEvent');
  });
});

describe('hostile text in the BPMN export', () => {
  const hostileIds = () => [...exported.keys()].filter((id) => id.startsWith('hostile/'));

  it('stays text: names read back exactly, no markup element appears, nothing runs in bpmn-js', async () => {
    expect(hostileIds().length).toBeGreaterThan(0);
    for (const id of hostileIds()) {
      const { xml, entry } = exported.get(id)!;
      expect(xml).not.toMatch(/<script|<svg|<img/i);
      const { elementsById, warnings } = await new BpmnModdle().fromXML(xml);
      expect(warnings).toEqual([]);
      for (const node of entry.model.steps) expect(String(elementsById[`Step_${node.step.id}`]?.name ?? '')).toContain(node.step.name);
      expect(drawn.get(id)!.error).toBeUndefined();
      expect(drawn.get(id)!.pwned).toBeUndefined();
    }
  });
});
