import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { globSync } from 'tinyglobby';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrg } from '../../scripts/core/load-org.ts';
import { loadSpec } from '../../scripts/core/load-spec.ts';
import { buildDiagram } from '../../scripts/flowchart/diagram.ts';
import { stepNumbers } from '../../scripts/model/graph.ts';
import { buildHandbook } from '../../scripts/model/handbook.ts';
import { indexOrg } from '../../scripts/model/org-index.ts';
import { buildModel } from '../../scripts/model/process-model.ts';
import { checkBudget } from '../../scripts/check-budget.ts';
import { launchBrowser } from './browser.ts';
import { buildSite } from './build.ts';
import { serve } from './server.ts';

/**
 * The built site in a real browser. Two builds, once: the
 * handbook in processes/ with diagrams rendered in Chromium, and a small
 * fixture handbook built with HANDBOOK_NO_CHROMIUM=1 (client-side diagrams).
 */
const work = mkdtempSync(path.join(tmpdir(), 'handbook-e2e-'));
const full = { out: path.join(work, 'full'), url: '', log: '', close: async () => {} };
const mini = { out: path.join(work, 'mini'), url: '', log: '', close: async () => {} };
const broken = { dir: path.join(work, 'broken-specs'), out: path.join(work, 'broken'), failure: '', log: '' };
let browser: Browser;

beforeAll(async () => {
  const today = { HANDBOOK_TODAY: '2026-11-23' };
  // One after the other: Astro keeps its prerender chunks in the project's .astro/ whatever the outDir.
  full.log = await buildSite(full.out, { ...today, HANDBOOK_ASTRO_CACHE: path.join(work, 'cache-full') });
  mini.log = await buildSite(mini.out, { ...today, HANDBOOK_ASTRO_CACHE: path.join(work, 'cache-mini'), HANDBOOK_NO_CHROMIUM: '1', HANDBOOK_PROCESSES_DIR: 'test/fixtures/site-mini' });
  // The fixture plus one broken spec: by default the build stops; HANDBOOK_ALLOW_BROKEN=1 lists it on /broken/.
  cpSync('test/fixtures/site-mini', broken.dir, { recursive: true });
  writeFileSync(path.join(broken.dir, 'business', 'broken.md'), '---\nid: broken\ntitle: 坏流程\ncategory: busines\n---\n');
  const brokenEnv = { ...today, HANDBOOK_ASTRO_CACHE: path.join(work, 'cache-broken'), HANDBOOK_NO_CHROMIUM: '1', HANDBOOK_PROCESSES_DIR: broken.dir, LANG: 'en_US.UTF-8' };
  broken.failure = await buildSite(broken.out, brokenEnv).then(() => '', (error: Error) => error.message);
  broken.log = await buildSite(broken.out, { ...brokenEnv, HANDBOOK_ALLOW_BROKEN: '1' });
  for (const site of [full, mini]) Object.assign(site, await serve(site.out));
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await full.close();
  await mini.close();
  rmSync(work, { recursive: true, force: true });
});

/** A page in its own context (axe needs one); close it with `done(page)`. */
async function open(url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

function handbook() {
  const org = indexOrg(loadOrg('processes/org.yml', readFileSync('processes/org.yml')).org!);
  const specs = globSync('processes/**/*.md').sort().flatMap((file) => {
    const spec = loadSpec(file, readFileSync(file)).spec;
    return spec ? [{ file, spec }] : [];
  });
  return buildHandbook(specs, org);
}

describe('process page (diagrams rendered at build time)', () => {
  const complaint = loadSpec('processes/business/customer-complaint.md', readFileSync('processes/business/customer-complaint.md')).spec!;

  it('shows the flowchart as an SVG containing every step name, with no diagram script', async () => {
    const page = await open(`${full.url}/processes/customer-complaint/`);
    const diagram = page.locator('.hb-diagram[data-rendered="build"] svg');
    await expect(diagram.count()).resolves.toBe(1);
    const text = (await diagram.textContent()) ?? '';
    for (const step of complaint.steps) expect(text).toContain(step.name);
    const scripts = await page.evaluate(() => [...document.scripts].map((s) => s.src).filter(Boolean));
    expect(scripts.filter((src) => /mermaid|ClientFlowchart/i.test(src))).toEqual([]);
    await page.context().close();
  });

  it('has one table row per step, anchored by step id', async () => {
    const page = await open(`${full.url}/processes/customer-complaint/`);
    const ids = await page.locator('table.hb-steps tbody tr').evaluateAll((rows) => rows.map((r) => r.id));
    expect(ids).toEqual(complaint.steps.map((s) => `step-${s.id}`));
    await page.context().close();
  });

  it('clicking a node scrolls to its table row', async () => {
    const page = await open(`${full.url}/processes/customer-complaint/`);
    await page.locator('.hb-diagram a.hb-node-link[href="#step-reply"]').click();
    await page.waitForFunction(() => location.hash === '#step-reply');
    const row = page.locator('#step-reply');
    await expect(row.evaluate((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; })).resolves.toBe(true);
    // Keyboard: the nodes are links, reachable with Tab and followed with Enter.
    await page.locator('.hb-diagram a.hb-node-link[href="#step-close"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash === '#step-close');
    await page.context().close();
  });

  it('prints as a procedure sheet: diagram and table, no navigation', async () => {
    const page = await open(`${full.url}/processes/customer-complaint/`);
    await page.emulateMedia({ media: 'print' });
    for (const chrome of ['header.header', '#starlight__sidebar', 'site-search', '.hb-source']) {
      await expect(page.locator(chrome).first().isVisible()).resolves.toBe(false);
    }
    await expect(page.locator('.hb-diagram svg').isVisible()).resolves.toBe(true);
    await expect(page.locator('table.hb-steps').isVisible()).resolves.toBe(true);
    await page.context().close();
  });

  it('ships within the page budget and without diagram JavaScript', () => {
    const { pages, failures } = checkBudget(full.out);
    expect(pages.length).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  });
});

describe('flowchart (rendered at build time)', () => {
  const complaint = '/processes/customer-complaint/';
  /** Every drawn node of the page's diagram: what it is, its step, its label and where it sits. */
  const nodesOf = (page: Page) =>
    page.locator('.hb-diagram svg [data-node]').evaluateAll((nodes) =>
      nodes.map((node) => {
        const box = node.getBoundingClientRect();
        return { kind: node.getAttribute('data-kind')!, step: node.getAttribute('data-step'), text: (node.textContent ?? '').trim(), x: box.left + box.width / 2, y: box.top + box.height / 2, width: box.width, height: box.height };
      }),
    );

  it('numbers every step node as its row in the responsibility table', async () => {
    const page = await open(`${full.url}${complaint}`);
    const rows = await page.locator('table.hb-steps tbody tr').evaluateAll((trs) => Object.fromEntries(trs.map((tr) => [tr.id.replace(/^step-/, ''), tr.querySelector('.hb-step-no')?.textContent?.trim()])));
    const steps = (await nodesOf(page)).filter((node) => node.step);
    expect(steps.map((node) => node.step).sort()).toEqual(Object.keys(rows).sort());
    for (const node of steps) expect(node.text, node.step!).toMatch(new RegExp(`^${rows[node.step!]}\\.\\s`));
    await page.context().close();
  });

  it('numbers the steps of every process in the reader’s order (stepNumbers), in both languages', async () => {
    const entries = handbook().entries;
    const page = await open(`${full.url}/`);
    for (const entry of entries) {
      const numbers = stepNumbers(entry.model);
      for (const prefix of ['', '/en']) {
        await page.goto(`${full.url}${prefix}/processes/${entry.spec.id}/`);
        const drawn = (await nodesOf(page)).filter((node) => node.step).map((node) => [node.step, Number(/^(\d+)\./.exec(node.text)?.[1])]);
        expect(Object.fromEntries(drawn), `${prefix}/processes/${entry.spec.id}/`).toEqual(Object.fromEntries(numbers));
      }
    }
    await page.context().close();
  }, 120_000);

  it('draws decisions as diamonds with each condition on its edge', async () => {
    const page = await open(`${full.url}${complaint}`);
    const classify = page.locator('.hb-diagram [data-step="classify"]');
    await expect(classify.getAttribute('data-kind')).resolves.toBe('decision');
    await expect(classify.locator('polygon').count()).resolves.toBe(1);
    const labels = await page.locator('.hb-diagram .edgeLabel').allTextContents();
    for (const condition of ['普通投诉', '紧急或特急投诉', '客户满意', '客户不满意']) expect(labels.map((l) => l.trim())).toContain(condition);
    await page.context().close();
  });

  it('shows a parallel split and its join as bars, the branches side by side between them', async () => {
    const page = await open(`${full.url}${complaint}`);
    const nodes = await nodesOf(page);
    const at = (step: string) => nodes.find((node) => node.step === step)!;
    const [fork, join] = (['fork', 'join'] as const).map((kind) => nodes.find((node) => node.kind === kind)!);
    for (const bar of [fork!, join!]) expect(bar.width).toBeGreaterThan(bar.height * 4);
    expect(fork!.y).toBeGreaterThan(at('dispatch').y);
    for (const branch of ['investigate-quality', 'investigate-service']) {
      expect(at(branch).y).toBeGreaterThan(fork!.y);
      expect(at(branch).y).toBeLessThan(join!.y);
    }
    expect(Math.abs(at('investigate-quality').y - at('investigate-service').y)).toBeLessThan(1);
    expect(at('reply').y).toBeGreaterThan(join!.y);
    await page.context().close();
  });

  it('draws both outcomes of an approval from the diamond after it, the refusal dashed back', async () => {
    const entry = handbook().entries.find((e) => e.model.steps.some((node) => node.kind === 'approval' && (e.model.outgoing.get(node.step.id) ?? []).some((edge) => edge.loop)))!;
    const approval = entry.model.steps.find((node) => node.kind === 'approval' && (entry.model.outgoing.get(node.step.id) ?? []).some((edge) => edge.loop))!;
    const outcomes = entry.model.outgoing.get(approval.step.id)!;
    const page = await open(`${full.url}/processes/${entry.spec.id}/`);
    const nodes = await nodesOf(page);
    const drawn = nodes.find((node) => node.step === approval.step.id)!;
    expect(drawn.kind).toBe('approval');
    const choice = nodes.filter((node) => node.kind === 'choice').sort((a, b) => Math.hypot(a.x - drawn.x, a.y - drawn.y) - Math.hypot(b.x - drawn.x, b.y - drawn.y))[0]!;
    expect(choice.y).toBeGreaterThan(drawn.y);
    const labels = (await page.locator('.hb-diagram .edgeLabel').allTextContents()).map((l) => l.trim());
    for (const outcome of outcomes) expect(labels).toContain(outcome.when);
    await expect(page.locator('.hb-diagram path.flowchart-link.edge-pattern-dotted, .hb-diagram path.flowchart-link.edge-pattern-dashed').count()).resolves.toBeGreaterThan(0);
    await page.context().close();
  });

  it('marks the step named in the address in the diagram, and moves the mark with the address', async () => {
    const page = await open(`${full.url}${complaint}#step-dispatch`);
    const strokes = () => page.locator('.hb-diagram [data-step] .label-container').evaluateAll((shapes) => Object.fromEntries(shapes.map((shape) => [shape.closest('[data-step]')!.getAttribute('data-step'), getComputedStyle(shape).strokeWidth])));
    const marked = (widths: Record<string, string>) => Object.keys(widths).filter((step) => widths[step] === '4px');
    expect(marked(await strokes())).toEqual(['dispatch']);
    await page.locator('.hb-diagram a.hb-node-link[href="#step-reply"]').click();
    await page.waitForFunction(() => location.hash === '#step-reply');
    await page.mouse.move(0, 0);
    expect(marked(await strokes())).toEqual(['reply']);
    await page.context().close();
  });

  it('follows the dark theme', async () => {
    const colours = async (scheme: 'light' | 'dark') => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(`${full.url}${complaint}`);
      const found = await page.locator('.hb-diagram [data-step="receive"]').evaluate((node) => ({ fill: getComputedStyle(node.querySelector('.label-container')!).fill, text: getComputedStyle(node.querySelector('.nodeLabel')!).color, page: getComputedStyle(document.body).backgroundColor }));
      await context.close();
      return found;
    };
    const [light, dark] = [await colours('light'), await colours('dark')];
    expect(light.fill).toBe('rgb(255, 255, 255)');
    expect(dark.fill).toBe('rgb(30, 41, 59)');
    expect(dark.text).toBe('rgb(241, 245, 249)');
    expect(dark.page).not.toBe(light.page);
  });

  it('scrolls sideways in its frame at 375 px, with lane headers still legible', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    await page.goto(`${full.url}${complaint}`);
    const found = await page.evaluate(() => {
      const frame = document.querySelector('.hb-diagram')!;
      const svg = frame.querySelector('svg')!;
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      const header = frame.querySelector('.swimlane-label .nodeLabel, .swimlane-label div')!;
      return { page: document.documentElement.scrollWidth, frame: frame.scrollWidth, frameClient: frame.clientWidth, headerPx: parseFloat(getComputedStyle(header).fontSize) * scale };
    });
    expect(found.page).toBeLessThanOrEqual(375);
    expect(found.frame).toBeGreaterThan(found.frameClient);
    expect(found.headerPx).toBeGreaterThanOrEqual(11);
    await context.close();
  });

  it('prints on A4 in one piece, scaled to the page, in light colours whatever the theme', async () => {
    const context = await browser.newContext({ viewport: { width: 794, height: 1123 }, colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto(`${full.url}${complaint}`);
    await page.emulateMedia({ media: 'print' });
    const found = await page.evaluate(() => {
      const frame = document.querySelector('.hb-diagram')!;
      const box = frame.querySelector('svg')!.getBoundingClientRect();
      return { breakInside: getComputedStyle(frame).breakInside, height: box.height, width: box.width, fill: getComputedStyle(frame.querySelector('[data-step] .label-container')!).fill };
    });
    expect(found.breakInside).toBe('avoid');
    // A4 is 297 mm high with 14 mm margins: 269 mm is 1017 px at 96 dpi.
    expect(found.height).toBeLessThanOrEqual(1017);
    expect(found.width).toBeGreaterThan(300);
    expect(found.fill).toBe('rgb(255, 255, 255)');
    await context.close();
  });
});

describe('role page', () => {
  it('lists every step where the role is R, A, C or I, grouped by process', async () => {
    const duties = handbook().duties.get('complaint-supervisor') ?? [];
    expect(duties.length).toBeGreaterThan(0);
    const page = await open(`${full.url}/roles/complaint-supervisor/`);
    const listed = await page.locator('section.hb-duties').evaluateAll((sections) =>
      sections.flatMap((s) => [...s.querySelectorAll('tr.hb-duty')].map((row) => `${(s as HTMLElement).dataset.process}#${(row as HTMLElement).dataset.step}`)),
    );
    expect(listed.sort()).toEqual(duties.map((d) => `${d.process.spec.id}#${d.node.step.id}`).sort());
    await page.context().close();
  });
});

describe('search', () => {
  async function search(query: string): Promise<string[]> {
    const page = await open(`${full.url}/`);
    await page.locator('site-search button[data-open-modal]').click();
    const input = page.locator('#starlight__search input.pagefind-ui__search-input');
    await input.waitFor();
    await input.pressSequentially(query);
    await page.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 20_000 });
    const links = await page.locator('.pagefind-ui__result-link').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
    await page.context().close();
    return links;
  }

  it('finds a process from a Chinese query typed without spaces', { timeout: 60_000 }, async () => {
    expect(await search('投诉处理')).toContain('/processes/customer-complaint/');
  });
  it('finds 报销 (expense reimbursement)', { timeout: 60_000 }, async () => {
    expect(await search('报销')).toContain('/processes/expense-reimbursement/');
  });
});

describe('English locale', () => {
  it('titles the home page with the site name once, in each language', () => {
    const titleOf = (file: string) => /<title>([^<]*)<\/title>/.exec(readFileSync(path.join(full.out, file), 'utf8'))?.[1];
    expect([titleOf('index.html'), titleOf('en/index.html')]).toEqual(['运营流程手册', 'Operating Handbook']);
    expect(titleOf('processes/customer-complaint/index.html')).toBe('客户投诉处理流程 | 运营流程手册');
  });

  it('switches the UI strings, keeping content as written', async () => {
    const zh = await open(`${full.url}/processes/customer-complaint/`);
    await expect(zh.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
    await expect(zh.locator('#table').textContent()).resolves.toBe('职责表');
    await zh.context().close();
    const en = await open(`${full.url}/en/processes/customer-complaint/`);
    await expect(en.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(en.locator('#table').textContent()).resolves.toBe('Responsibility table');
    await expect(en.locator('table.hb-steps thead th').first().textContent()).resolves.toBe('Step');
    await expect(en.locator('.hb-subtitle').textContent()).resolves.toBe('客户投诉处理流程');
    await expect(en.locator('site-search button[data-open-modal]').getAttribute('aria-label')).resolves.toBe('Search');
    await en.context().close();
  });
});

describe('accessibility (axe-core)', () => {
  for (const path of ['/', '/processes/customer-complaint/', '/roles/cs-agent/', '/rules/schema/', '/en/processes/customer-complaint/']) {
    it(`no violations on ${path}`, async () => {
      const page = await open(`${full.url}${path}`);
      const { violations } = await new AxeBuilder({ page } as never).analyze();
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)).toEqual([]);
      await page.context().close();
    });
  }
});

describe('without Chromium at build time', () => {
  it('says so in one line and still builds', () => {
    expect(mini.log.match(/HANDBOOK_NO_CHROMIUM=1: flowcharts will be drawn in the reader's browser/g)).toHaveLength(1);
  });

  it('draws the diagram in the browser, linked to the table', async () => {
    const page = await open(`${mini.url}/processes/return-request/`);
    const svg = page.locator('hb-client-flowchart svg');
    await svg.waitFor({ timeout: 20_000 });
    const text = (await svg.textContent()) ?? '';
    for (const name of ['受理退货申请', '质检判定', '办理退款', '驳回并告知客户']) expect(text).toContain(name);
    await page.locator('hb-client-flowchart a.hb-node-link[href="#step-inspect"]').click();
    await page.waitForFunction(() => location.hash === '#step-inspect');
    await page.context().close();
  });

  it('draws the same diagram as the build would, with the same code: kinds, numbers, links, no stylesheet', async () => {
    const file = 'test/fixtures/site-mini/business/return-request.md';
    const model = buildModel(loadSpec(file, readFileSync(file)).spec!);
    const org = indexOrg(loadOrg('test/fixtures/site-mini/org.yml', readFileSync('test/fixtures/site-mini/org.yml')).org!);
    const page = await open(`${mini.url}/processes/return-request/`);
    await page.locator('hb-client-flowchart svg').waitFor({ timeout: 20_000 });
    const drawn = await page.locator('hb-client-flowchart svg [data-node]').evaluateAll((nodes) => nodes.map((node) => ({ node: node.getAttribute('data-node'), kind: node.getAttribute('data-kind'), step: node.getAttribute('data-step'), text: (node.textContent ?? '').trim(), link: node.closest('a')?.getAttribute('href') ?? null })));
    const expected = buildDiagram(model, org).lanes.flatMap((lane) => lane.nodes);
    expect(drawn.map((node) => [node.node, node.kind, node.step]).sort()).toEqual(expected.map((node) => [node.id, node.kind, node.step?.step.id ?? null]).sort());
    for (const node of drawn.filter((n) => n.step)) {
      expect(node.text.startsWith(`${stepNumbers(model).get(node.step!)}.`)).toBe(true);
      expect(node.link).toBe(`#step-${node.step}`);
    }
    await expect(page.locator('hb-client-flowchart svg style').count()).resolves.toBe(0);
    await page.context().close();
  });

  it('renders hostile spec text as text: no script runs, nothing injected', async () => {
    const page = await open(`${mini.url}/processes/hostile-input/`);
    const dialogs: string[] = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    await page.locator('hb-client-flowchart svg').waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await expect(page.locator('h1').textContent()).resolves.toContain('<script>window.__pwned=1</script>');
    // No element from spec text: the only images and scripts are the site's own.
    expect(await page.locator('.sl-markdown-content img, .hb-diagram img').count()).toBe(0);
    expect(await page.evaluate(() => [...document.scripts].filter((s) => /pwned/.test(s.src + s.text)).length)).toBe(0);
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    await expect(page.locator('.hb-body').textContent()).resolves.toContain('<script>window.__pwned = 6</script>');
    // A 3,000-character step name wraps: the page does not grow sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    // Search results show the hostile title as text too.
    await page.locator('site-search button[data-open-modal]').click();
    await page.locator('#starlight__search input.pagefind-ui__search-input').pressSequentially('恶意');
    await page.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 20_000 });
    await expect(page.locator('.pagefind-ui__result-link').first().textContent()).resolves.toContain('<script>');
    expect(await page.locator('#starlight__search img, #starlight__search script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.context().close();
  });
});

describe('a broken spec', () => {
  it('stops the build by default with file:line:column lines and what to do, no stack trace', () => {
    expect(broken.failure).toMatch(/astro build exited 1/);
    expect(broken.failure).toMatch(/broken\.md:4:11 `category` must be one of/);
    expect(broken.failure).toMatch(/HANDBOOK_ALLOW_BROKEN=1/);
    expect(broken.failure).not.toMatch(/^\s+at .*\(.*:\d+:\d+\)$/m);
  });

  it('with HANDBOOK_ALLOW_BROKEN=1 builds the rest and lists it on /broken/', () => {
    const page = readFileSync(path.join(broken.out, 'en', 'broken', 'index.html'), 'utf8');
    expect(page).toContain('business/broken.md');
    expect(page).toMatch(/Missing required field `department`/);
    expect(readFileSync(path.join(broken.out, 'processes', 'return-request', 'index.html'), 'utf8')).toContain('退货申请流程');
  });
});
