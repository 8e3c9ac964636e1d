/**
 * The SVG a flowchart becomes (scripts/flowchart/to-svg.ts), serialised as the site serialises it
 * and read back by a DOM (happy-dom), as a browser would read the page.
 */
import { toHtml } from 'hast-util-to-html';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { buildDiagram } from '../../scripts/flowchart/diagram.ts';
import { flowchartSvg } from '../../scripts/flowchart/to-svg.ts';
import { model, org } from './helpers.ts';

function read(steps?: Parameters<typeof model>[0], locale: 'zh-CN' | 'en' = 'zh-CN') {
  const markup = toHtml(flowchartSvg(model(steps), org, { locale }));
  const document = new Window().document;
  document.body.innerHTML = markup;
  const all = [...document.body.querySelectorAll('*')];
  const svg = document.body.querySelector('svg')!;
  return {
    markup,
    svg,
    tags: [...new Set(all.map((element) => element.localName))].sort(),
    handlers: all.flatMap((element) => [...element.attributes].filter((attribute) => attribute.name.toLowerCase().startsWith('on')).map((attribute) => `${element.localName} ${attribute.name}`)),
    hrefs: all.flatMap((element) => ['href', 'xlink:href', 'src'].map((name) => element.getAttribute(name)).filter((value): value is string => value !== null)),
    links: [...svg.querySelectorAll('a.hb-node-link')].map((link) => ({ href: link.getAttribute('href'), label: link.getAttribute('aria-label'), step: link.querySelector('[data-step]')?.getAttribute('data-step'), kind: link.querySelector('[data-kind]')?.getAttribute('data-kind') })),
    kinds: [...svg.querySelectorAll('[data-kind]')].map((element) => element.getAttribute('data-kind')),
    text: (selector: string) => [...svg.querySelectorAll(selector)].map((element) => (element.textContent ?? '').trim()),
  };
}

describe('the SVG of a flowchart', () => {
  it('has no stylesheet or script of its own, and its natural size', () => {
    const found = read();
    expect(found.tags.filter((tag) => ['style', 'script', 'foreignobject', 'image', 'use'].includes(tag))).toEqual([]);
    const [, , width, height] = found.svg.getAttribute('viewBox')!.split(' ').map(Number);
    expect(found.svg.getAttribute('width')).toBe(String(width));
    expect(found.svg.getAttribute('height')).toBe(String(height));
    expect(found.svg.getAttribute('style')).toBe(`--hb-w: ${width}px`);
  });

  it('names the process and its lanes for screen readers', () => {
    const found = read(undefined, 'en');
    expect(found.text('svg > title')).toEqual(['样例流程']);
    expect(found.text('svg > desc')[0]).toContain('lanes Customer Service, Quality Control');
    expect(found.text('.hb-lane-name')).toEqual(['Customer Service', 'Quality Control']);
  });

  it('wraps every step, and only steps, in a link to its table row named by its number', () => {
    const steps = [
      { id: 'apply', name: '申请', role: 'cs-agent', next: 'approve' },
      { id: 'approve', name: '审批', kind: 'approval' as const, role: 'qc-specialist', branches: [{ when: '批准', to: 'split' }, { when: '驳回', to: 'apply', loop: true }] },
      { id: 'split', name: '分头办理', role: 'cs-agent', next: ['left', 'right'] },
      { id: 'left', name: '左', role: 'cs-agent', next: 'done' },
      { id: 'right', name: '右', role: 'qc-specialist', next: 'done' },
      { id: 'done', name: '完成', role: 'cs-agent' },
    ];
    const found = read(steps);
    // Numbered in flow order, which here is the file's order.
    const expected = steps.map((step, index) => ({ href: `#step-${step.id}`, label: `${index + 1}. ${step.name}`, step: step.id, kind: step.kind ?? 'task' }));
    const byHref = (a: { href: string | null }, b: { href: string | null }) => (a.href ?? '').localeCompare(b.href ?? '');
    expect([...found.links].sort(byHref)).toEqual(expected.sort(byHref));
    expect(found.kinds.filter((kind) => !['task', 'approval'].includes(kind!)).sort()).toEqual(['choice', 'end', 'fork', 'join', 'start']);
    expect(found.hrefs.every((href) => href.startsWith('#'))).toBe(true);
    expect(found.text('.hb-edge-label').sort()).toEqual(['批准', '驳回']);
    // The refusal goes back dashed; every other line is solid.
    const dashed = [...found.svg.querySelectorAll('path.hb-edge')].filter((path) => path.getAttribute('stroke-dasharray')).map((path) => path.getAttribute('class'));
    expect(dashed).toEqual(['hb-edge hb-edge-loop']);
  });

  it('shows hostile step names, roles and conditions as text, with nothing active', () => {
    const hostile = '<img src=x onerror="alert(1)"> "]; click a #quot; &amp; <b>';
    const found = read([
      { id: 'a', name: hostile, role: 'cs-agent', kind: 'decision', branches: [{ when: hostile, to: 'b' }, { when: 'ok', to: 'b' }] },
      { id: 'b', name: 'B', role: hostile },
    ]);
    expect(found.tags.filter((tag) => ['img', 'script', 'iframe', 'image', 'use', 'style', 'b'].includes(tag))).toEqual([]);
    expect(found.handlers).toEqual([]);
    // Wrapped over lines, the text is still the spec's, character for character.
    expect(found.text('[data-step="a"] .hb-label').join('').replaceAll(/\s/g, '')).toBe(`1.${hostile}`.replaceAll(/\s/g, ''));
    expect(found.text('.hb-edge-label').join('|').replaceAll(/\s/g, '')).toContain(hostile.replaceAll(/\s/g, '').slice(0, 20));
    expect(found.links.find((link) => link.step === 'a')!.label).toBe(`1. ${hostile}`);
    // A role of more than two lines ends in …; what shows is the spec's text.
    const role = found.text('[data-step="b"] .hb-role').join('').replaceAll(/\s/g, '');
    expect(role.endsWith('…') && hostile.replaceAll(/\s/g, '').startsWith(role.slice(0, -1))).toBe(true);
  });

  it('draws one node per node of the diagram, with the diagram’s ids', () => {
    const diagram = buildDiagram(model(), org);
    const found = read();
    expect([...found.svg.querySelectorAll('[data-node]')].map((node) => node.getAttribute('data-node')).sort()).toEqual(diagram.lanes.flatMap((lane) => lane.nodes.map((node) => node.id)).sort());
  });
});
