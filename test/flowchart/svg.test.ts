/**
 * The SVG post-processing and sanitising, where they run: in a Chromium page with Mermaid and
 * lib/diagram-page.ts loaded, as at build time (the client fallback runs the same code).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDiagram } from '../../scripts/flowchart/diagram.ts';
import { diagramPageScript, diagramSource, openDiagramPage } from '../../site/lib/diagrams.ts';
import type { PageResult } from '../../site/lib/diagram-page.ts';
import { launchBrowser } from '../e2e/browser.ts';
import { model, org } from './helpers.ts';

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  page = await openDiagramPage(browser, await diagramPageScript());
});
afterAll(() => browser?.close());

async function render(steps: Parameters<typeof model>[0]): Promise<string> {
  const [result] = await page.evaluate((diagrams) => handbookDiagrams.render(diagrams), [diagramSource(model(steps), org, 'zh-CN')]);
  if (!result || !('svg' in result)) throw new Error(`not rendered: ${JSON.stringify(result as PageResult)}`);
  return result.svg;
}

/** What the browser makes of `markup` once it is on a page. */
function inspect(markup: string) {
  return page.evaluate((html) => {
    const host = document.createElement('div');
    host.innerHTML = html;
    const all = [...host.querySelectorAll('*')];
    return {
      tags: [...new Set(all.map((el) => el.localName))].sort(),
      handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.localName} ${a.name}`)),
      hrefs: all.flatMap((el) => ['href', 'xlink:href', 'src'].map((name) => el.getAttribute(name)).filter((v): v is string => v !== null)),
      styles: all.map((el) => el.getAttribute('style')).filter((v): v is string => Boolean(v)),
      text: host.textContent ?? '',
      svg: (() => {
        const svg = host.querySelector('svg');
        return svg && { width: svg.getAttribute('width'), height: svg.getAttribute('height'), hbW: svg.style.getPropertyValue('--hb-w'), viewBox: svg.getAttribute('viewBox') };
      })(),
      links: [...host.querySelectorAll('a.hb-node-link')].map((a) => ({ href: a.getAttribute('href'), label: a.getAttribute('aria-label'), step: a.querySelector('[data-step]')?.getAttribute('data-step'), kind: a.querySelector('[data-kind]')?.getAttribute('data-kind') })),
      kinds: [...host.querySelectorAll('[data-kind]')].map((el) => el.getAttribute('data-kind')),
      edgePoints: host.querySelectorAll('[data-points]').length,
    };
  }, markup);
}

describe('the SVG a diagram becomes', () => {
  it('has no stylesheet of its own, its natural size, and no editor data', async () => {
    const found = await inspect(await render(undefined));
    expect(found.tags).not.toContain('style');
    const [, , width, height] = found.svg!.viewBox!.split(' ').map(Number);
    expect(found.svg).toMatchObject({ width: String(Math.ceil(width!)), height: String(Math.ceil(height!)), hbW: `${Math.ceil(width!)}px` });
    expect(found.edgePoints).toBe(0);
  });

  it('wraps every step, and only steps, in a link to its table row named by its number', async () => {
    const steps = [
      { id: 'apply', name: '申请', role: 'cs-agent', next: 'approve' },
      { id: 'approve', name: '审批', kind: 'approval' as const, role: 'qc-specialist', branches: [{ when: '批准', to: 'split' }, { when: '驳回', to: 'apply', loop: true }] },
      { id: 'split', name: '分头办理', role: 'cs-agent', next: ['left', 'right'] },
      { id: 'left', name: '左', role: 'cs-agent', next: 'done' },
      { id: 'right', name: '右', role: 'qc-specialist', next: 'done' },
      { id: 'done', name: '完成', role: 'cs-agent' },
    ];
    const found = await inspect(await render(steps));
    // Numbered in flow order, which here is the file's order.
    const expected = steps.map((step, index) => ({ href: `#step-${step.id}`, label: `${index + 1}. ${step.name}`, step: step.id, kind: step.kind ?? 'task' }));
    const byHref = (a: { href: string | null }, b: { href: string | null }) => (a.href ?? '').localeCompare(b.href ?? '');
    expect([...found.links].sort(byHref)).toEqual(expected.sort(byHref));
    expect(found.kinds.filter((kind) => !['task', 'approval'].includes(kind!)).sort()).toEqual(['choice', 'end', 'fork', 'join', 'start']);
    expect(found.hrefs.every((href) => href.startsWith('#'))).toBe(true);
  });

  it('shows hostile step names as text, with nothing active', async () => {
    // Under 60 characters, so the label shows it whole.
    const hostile = '<img src=x onerror="alert(1)"> "]; click a #quot; &amp; <b>';
    const found = await inspect(await render([{ id: 'a', name: hostile, role: 'cs-agent', branches: [{ when: hostile, to: 'b' }, { when: 'ok', to: 'b' }] }, { id: 'b', name: 'B', role: 'cs-agent' }]));
    expect(found.tags.filter((tag) => ['img', 'script', 'iframe', 'image', 'use', 'style', 'b'].includes(tag))).toEqual([]);
    expect(found.handlers).toEqual([]);
    expect(found.text).toContain(`1.\u00a0${hostile}`);
  });
});

describe('the sanitiser (DOMPurify, SVG profile and Mermaid’s label elements)', () => {
  const sanitise = (markup: string) => page.evaluate((html) => handbookDiagrams.sanitise(html), markup);

  it('removes anything executable, external or animated, and keeps the drawing', async () => {
    const out = await sanitise(
      '<svg viewBox="0 0 10 10"><script>alert(1)</script><style>@import url(https://evil/x.css)</style>' +
        '<g onclick="alert(1)" onmouseover=\'x\'><a href="javascript:alert(1)"><text>t</text></a><a xlink:href="https://evil/"><text>u</text></a></g>' +
        '<image href="https://evil/x.png"/><use href="https://evil/sprite.svg#x"/><animate attributeName="href" to="javascript:alert(1)"/><set attributeName="onclick" to="alert(1)"/>' +
        '<foreignObject width="9" height="9"><div><img src="x" onerror="alert(1)"><iframe src="https://evil/"></iframe><p>label</p></div></foreignObject>' +
        '<path d="M0 0L9 9" marker-end="url(#hbd_pointEnd)" style="fill:url(https://evil/x)"/><path d="M1 1" style="fill:u\\72l(https://evil/x)"/><rect width="4" height="4" style="fill: red"/>' +
        '<a class="hb-node-link" href="#step-receive" aria-label="1. 接收"><g data-step="receive"><rect width="1" height="1"/></g></a></svg>',
    );
    const found = await inspect(out);
    expect(found.tags).toEqual(['a', 'div', 'foreignObject', 'g', 'p', 'path', 'rect', 'svg', 'text']);
    expect(found.handlers).toEqual([]);
    expect(found.hrefs).toEqual(['#step-receive']);
    expect(found.styles).toEqual(['fill: red']);
    expect(out).toContain('marker-end="url(#hbd_pointEnd)"');
    expect(found.text).toContain('label');
  });

  it('leaves label text that looks like markup as text', async () => {
    const label = '<svg><foreignObject><div><p>fill:#f00 &lt;img src=x onerror="window.__pwned=\'i\'"&gt; "]; end</p></div></foreignObject></svg>';
    expect((await inspect(await sanitise(label))).text).toBe('fill:#f00 <img src=x onerror="window.__pwned=\'i\'"> "]; end');
  });
});

describe('node ids', () => {
  it('come from the diagram, so the page links each one to its step', () => {
    const diagram = buildDiagram(model(), org);
    expect(Object.keys(diagramSource(model(), org, 'zh-CN').nodes).sort()).toEqual(diagram.lanes.flatMap((lane) => lane.nodes.map((node) => node.id)).sort());
  });
});
