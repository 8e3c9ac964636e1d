import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { globSync } from 'tinyglobby';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrg } from '../../scripts/core/load-org.ts';
import { loadSpec } from '../../scripts/core/load-spec.ts';
import { buildDiagram } from '../../scripts/flowchart/diagram.ts';
import { flowOrder, stepNumbers } from '../../scripts/model/graph.ts';
import { buildHandbook } from '../../scripts/model/handbook.ts';
import { buildModel } from '../../scripts/model/process-model.ts';
import { indexOrg } from '../../scripts/model/org-index.ts';
import { checkBudget, checkTrainingBudget, processPages } from '../../scripts/check-budget.ts';
import { toBpmn } from '../../scripts/export/bpmn.ts';
import { readExportHandbook } from '../../scripts/export/handbook.ts';
import { buildSearchIndex, SEARCHED_PAGES } from '../../site/lib/search-index.ts';
import { shardPages } from '../../site/lib/search-shards.ts';
import { SHARD_LIST } from '../../site/scripts/search-ranking.ts';
import { launchBrowser } from './browser.ts';
import { buildSite } from './build.ts';
import { serve } from './server.ts';

/**
 * The built site in a real browser. Two builds, once: the handbook in processes/, and a small
 * fixture handbook built with HANDBOOK_NO_CHROMIUM=1 (no Chromium at build time: no Word or PDF
 * copies, the same flowcharts).
 */
const work = mkdtempSync(path.join(tmpdir(), 'handbook-e2e-'));
const full = { out: path.join(work, 'full'), url: '', log: '', close: async () => {} };
const mini = { out: path.join(work, 'mini'), url: '', log: '', close: async () => {} };
const broken = { dir: path.join(work, 'broken-specs'), out: path.join(work, 'broken'), failure: '', log: '' };
let browser: Browser;

beforeAll(async () => {
  // Word and PDF are printed and checked by test/export/site.test.ts on a small handbook; here the BPMN links.
  const today = { HANDBOOK_TODAY: '2026-11-23', HANDBOOK_EXPORTS: 'bpmn' };
  // One after the other: Astro keeps its prerender chunks in the project's .astro/ whatever the outDir.
  full.log = await buildSite(full.out, { ...today, HANDBOOK_ASTRO_CACHE: path.join(work, 'cache-full') });
  mini.log = await buildSite(mini.out, { ...today, HANDBOOK_ASTRO_CACHE: path.join(work, 'cache-mini'), HANDBOOK_NO_CHROMIUM: '1', HANDBOOK_PROCESSES_DIR: 'test/fixtures/site-mini' });
  // The fixture plus one broken spec: by default the build stops; HANDBOOK_ALLOW_BROKEN=1 lists it on /broken/.
  cpSync('test/fixtures/site-mini', broken.dir, { recursive: true });
  writeFileSync(path.join(broken.dir, 'business', 'broken.md'), '---\nid: broken\ntitle: 坏流程\ncategory: busines\n---\n');
  const brokenEnv = { ...today, HANDBOOK_ASTRO_CACHE: path.join(work, 'cache-broken'), HANDBOOK_NO_CHROMIUM: '1', HANDBOOK_PROCESSES_DIR: broken.dir, LANG: 'en_US.UTF-8' };
  // LANG=C.UTF-8, as on CI runners, names no language: the build speaks the handbook's (Chinese).
  broken.failure = await buildSite(broken.out, { ...brokenEnv, LANG: 'C.UTF-8' }).then(() => '', (error: Error) => error.message);
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

/** A page in its own context (axe needs one); close it with `page.context().close()`. */
async function open(url: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
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

describe('process page', () => {
  const complaint = loadSpec('processes/business/customer-complaint.md', readFileSync('processes/business/customer-complaint.md')).spec!;

  it('shows the flowchart as an SVG containing every step name, with no diagram script', async () => {
    const page = await open(`${full.url}/processes/customer-complaint/`);
    const diagram = page.locator('.hb-diagram svg');
    await expect(diagram.count()).resolves.toBe(1);
    const text = (await diagram.textContent()) ?? '';
    for (const step of complaint.steps) expect(text).toContain(step.name);
    const scripts = await page.evaluate(() => [...document.scripts].map((s) => s.src).filter(Boolean));
    expect(scripts.filter((src) => /mermaid|ClientFlowchart/i.test(src))).toEqual([]);
    await page.context().close();
  });

  it('links every process page to its BPMN file, published with the site as the exporter writes it', async () => {
    const { handbook } = readExportHandbook('processes');
    for (const entry of handbook.entries) {
      const html = readFileSync(path.join(full.out, 'processes', entry.spec.id, 'index.html'), 'utf8');
      expect(html).toContain(`href="/exports/${entry.spec.id}.bpmn"`);
      expect(readFileSync(path.join(full.out, 'exports', `${entry.spec.id}.bpmn`), 'utf8')).toBe(await toBpmn(entry.model, handbook.org));
    }
    const response = await fetch(`${full.url}/exports/customer-complaint.bpmn`);
    expect(response.ok).toBe(true);
  });

  it('has one table row per step, anchored by step id, in flow order', async () => {
    const page = await open(`${full.url}/processes/customer-complaint/`);
    const ids = await page.locator('table.hb-steps tbody tr').evaluateAll((rows) => rows.map((r) => r.id));
    expect(ids).toEqual(flowOrder(buildModel(complaint)).map((node) => `step-${node.step.id}`));
    expect(ids.sort()).toEqual(complaint.steps.map((s) => `step-${s.id}`).sort());
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

  it('ships the training code only on quiz and learning-path pages, within its budget', () => {
    const { pages, failures } = checkTrainingBudget(full.out);
    expect(failures).toEqual([]);
    expect(pages.filter((page) => page.page.startsWith('/quiz/') && page.js > 0).length).toBeGreaterThan(0);
  });

  it('draws the same flowchart in the editor\'s preview as on the process page', async () => {
    const drawn = (page: Page) =>
      page.locator('svg [data-node]').evaluateAll((nodes) => nodes.map((node) => [node.getAttribute('data-node'), node.getAttribute('data-kind'), node.getAttribute('data-step'), (node.textContent ?? '').trim()]));
    const site = await open(`${full.url}/processes/customer-complaint/`);
    await site.locator('.hb-diagram svg').waitFor();
    const built = await drawn(site);
    await site.context().close();
    const editor = await open(`${full.url}/edit/?process=customer-complaint`, 1400);
    await editor.locator('hb-editor[data-checked]').waitFor({ timeout: 30_000 });
    await editor.locator('.hb-preview-flowchart').scrollIntoViewIfNeeded();
    await editor.locator('.hb-preview-flowchart .hb-diagram svg').waitFor({ timeout: 60_000 });
    expect(built.length).toBeGreaterThan(5);
    await expect(drawn(editor)).resolves.toEqual(built);
    await editor.context().close();
  }, 120_000);
});

describe('flowchart', () => {
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
    // 68 pages: on a loaded machine (2 cores shared) one page can take seconds.
  }, 600_000);

  it('draws decisions as diamonds with each condition on its edge', async () => {
    const page = await open(`${full.url}${complaint}`);
    const classify = page.locator('.hb-diagram [data-step="classify"]');
    await expect(classify.getAttribute('data-kind')).resolves.toBe('decision');
    await expect(classify.locator('polygon').count()).resolves.toBe(1);
    const labels = await page.locator('.hb-diagram .hb-edge-label').allTextContents();
    for (const condition of ['普通投诉', '紧急或特急投诉', '客户满意', '客户不满意']) expect(labels.map((l) => l.trim())).toContain(condition);
    await page.context().close();
  });

  it('shows a parallel split and its join as bars, the branches side by side between them', async () => {
    // The first process of the handbook whose diagram has a fork and a join.
    const entry = handbook().entries.find((e) => buildDiagram(e.model, undefined).lanes.flatMap((lane) => lane.nodes).some((node) => node.kind === 'join'))!;
    const diagram = buildDiagram(entry.model, undefined);
    const joinId = diagram.lanes.flatMap((lane) => lane.nodes).find((node) => node.kind === 'join')!.id;
    const meets = [...diagram.stepNodes].find(([, id]) => id === diagram.edges.find((edge) => edge.from === joinId)!.to)![0];
    const split = entry.model.steps.find((node) => (entry.model.outgoing.get(node.step.id) ?? []).filter((edge) => edge.type === 'parallel').length > 1)!;
    const branches = entry.model.outgoing.get(split.step.id)!.map((edge) => edge.to);
    const page = await open(`${full.url}/processes/${entry.spec.id}/`);
    const nodes = await nodesOf(page);
    const at = (step: string) => nodes.find((node) => node.step === step)!;
    const [fork, join] = (['fork', 'join'] as const).map((kind) => nodes.find((node) => node.kind === kind)!);
    for (const bar of [fork!, join!]) expect(bar.width).toBeGreaterThan(bar.height * 4);
    expect(fork!.y).toBeGreaterThan(at(split.step.id).y);
    for (const branch of branches) {
      expect(at(branch).y).toBeGreaterThan(fork!.y);
      expect(at(branch).y).toBeLessThan(join!.y);
    }
    expect(Math.abs(at(branches[0]!).y - at(branches[1]!).y)).toBeLessThan(1);
    expect(at(meets).y).toBeGreaterThan(join!.y);
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
    const labels = (await page.locator('.hb-diagram .hb-edge-label').allTextContents()).map((l) => l.trim());
    for (const outcome of outcomes) expect(labels).toContain(outcome.when);
    const dashed = await page.locator('.hb-diagram path.hb-edge').evaluateAll((paths) => paths.filter((path) => getComputedStyle(path).strokeDasharray !== 'none').length);
    expect(dashed).toBeGreaterThan(0);
    await page.context().close();
  });

  it('marks the step named in the address in the diagram, and moves the mark with the address', async () => {
    const page = await open(`${full.url}${complaint}#step-dispatch`);
    const strokes = () => page.locator('.hb-diagram [data-step] .hb-shape').evaluateAll((shapes) => Object.fromEntries(shapes.map((shape) => [shape.closest('[data-step]')!.getAttribute('data-step'), getComputedStyle(shape).strokeWidth])));
    const marked = (widths: Record<string, string>) => Object.keys(widths).filter((step) => widths[step] === '4px');
    expect(marked(await strokes())).toEqual(['dispatch']);
    await page.locator('.hb-diagram a.hb-node-link[href="#step-reply"]').click();
    await page.waitForFunction(() => location.hash === '#step-reply');
    await page.mouse.move(0, 0);
    expect(marked(await strokes())).toEqual(['reply']);
    await page.context().close();
  });

  it('follows the dark theme', { timeout: 120_000 }, async () => {
    const colours = async (scheme: 'light' | 'dark') => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(`${full.url}${complaint}`);
      const found = await page.locator('.hb-diagram [data-step="receive"]').evaluate((node) => ({ fill: getComputedStyle(node.querySelector('.hb-shape')!).fill, text: getComputedStyle(node.querySelector('.hb-label')!).fill, page: getComputedStyle(document.body).backgroundColor }));
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
      const header = frame.querySelector('.hb-lane-name')!;
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
      return { breakInside: getComputedStyle(frame).breakInside, height: box.height, width: box.width, fill: getComputedStyle(frame.querySelector('[data-step] .hb-shape')!).fill };
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
      sections.flatMap((s) => [...s.querySelectorAll('.hb-duty[data-step], .hb-duty-other[data-step]')].map((row) => `${(s as HTMLElement).dataset.process}#${(row as HTMLElement).dataset.step}`)),
    );
    expect(listed.sort()).toEqual(duties.map((d) => `${d.process.spec.id}#${d.node.step.id}`).sort());
    await page.context().close();
  });
});

describe('search', () => {
  it('indexes exactly the pages that mark their content for search', () => {
    const marked = globSync('**/*.html', { cwd: full.out }).filter((file) => readFileSync(path.join(full.out, file), 'utf8').includes('data-pagefind-body')).sort();
    const searched = globSync(SEARCHED_PAGES, { cwd: full.out }).sort();
    expect(marked.length).toBeGreaterThan(100);
    expect(searched).toEqual(marked);
    const entry = JSON.parse(readFileSync(path.join(full.out, 'pagefind', 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    expect(Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0)).toBe(marked.length);
  });

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

describe('search over an index in shards (a large handbook\'s)', () => {
  // The same site with its index split as a handbook of many times its size would have it.
  const SHARD_TEST_BYTES = 4 * 1024 * 1024;
  const sharded = { out: path.join(work, 'sharded'), url: '', close: async () => {} };
  let shards: string[] = [];
  beforeAll(async () => {
    cpSync(full.out, sharded.out, { recursive: true });
    await buildSearchIndex({ out: sharded.out, cache: path.join(work, 'search-cache-sharded'), shardBytes: SHARD_TEST_BYTES });
    shards = JSON.parse(readFileSync(path.join(sharded.out, 'pagefind', SHARD_LIST), 'utf8')) as string[];
    Object.assign(sharded, await serve(sharded.out));
  }, 120_000);
  afterAll(() => sharded.close());

  it('finds the page a reader looks for on the first screen, as the one index does, whichever shard holds it', { timeout: 120_000 }, async () => {
    const looked = [['/', '投诉处理', '/processes/customer-complaint/'], ['/', '报销', '/processes/expense-reimbursement/'], ['/', '报销多久到账', '/processes/expense-reimbursement/'], ['/', '出纳', '/roles/cashier/'], ['/en/', 'payment', '/en/processes/expense-reimbursement/']] as const;
    // Most of them live outside the shard the search box opens: the others are merged in.
    const pages = globSync(SEARCHED_PAGES, { cwd: sharded.out }).map((page) => ({ path: page, bytes: statSync(path.join(sharded.out, page)).size }));
    const shardOf = new Map(shardPages(pages, SHARD_TEST_BYTES).flatMap((shard) => shard.pages.map((page) => [page, shard.name] as const)));
    expect(looked.filter(([, , page]) => shardOf.get(`${page.slice(1)}index.html`) !== 'main').length).toBeGreaterThan(2);
    expect(shards.length).toBeGreaterThan(3);
    for (const [base, query, expected] of looked) {
      const whole = await searchSite(`${full.url}${base}`, query);
      const split = await searchSite(`${sharded.url}${base}`, query);
      expect({ query, links: whole.links }).toEqual({ query, links: expect.arrayContaining([expected]) });
      expect({ query, links: split.links }).toEqual({ query, links: expect.arrayContaining([expected]) });
      expect(split.message).toMatch(query === 'payment' ? /\d+ results? for payment/ : new RegExp(`找到 \\d+ 个 ${query} 的结果`));
    }
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
  for (const path of ['/', '/processes/customer-complaint/', '/roles/cs-agent/', '/rules/schema/', '/en/processes/customer-complaint/', '/roles/cashier/', '/en/roles/cashier/', '/processes/customer-feedback/', '/forms/', '/forms/department-task-list/', '/en/forms/expense-claim/', '/en/processes/expense-reimbursement/', '/en/processes/payroll/']) {
    it(`no violations on ${path}`, { timeout: 120_000 }, async () => {
      const page = await open(`${full.url}${path}`);
      const { violations } = await new AxeBuilder({ page } as never).analyze();
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)).toEqual([]);
      await page.context().close();
      // axe over a whole process page (a rendered flowchart, a table of every step) takes 15–60 s
      // when the 2 shared cores are busy, measured on this machine; the default 30 s made it flaky.
    });
  }
});

describe('without Chromium at build time', () => {
  it('still draws every flowchart into the page at build time', () => {
    for (const file of processPages(mini.out)) {
      const html = readFileSync(file, 'utf8');
      expect({ file, svg: html.includes('class="hb-flowchart"') }).toEqual({ file, svg: true });
    }
    expect(checkBudget(mini.out).failures).toEqual([]);
  });

  it('draws the diagram of the spec: kinds, numbers, links to the table', async () => {
    const file = 'test/fixtures/site-mini/business/return-request.md';
    const model = buildModel(loadSpec(file, readFileSync(file)).spec!);
    const org = indexOrg(loadOrg('test/fixtures/site-mini/org.yml', readFileSync('test/fixtures/site-mini/org.yml')).org!);
    const page = await open(`${mini.url}/processes/return-request/`);
    const drawn = await page.locator('.hb-diagram svg [data-node]').evaluateAll((nodes) => nodes.map((node) => ({ node: node.getAttribute('data-node'), kind: node.getAttribute('data-kind'), step: node.getAttribute('data-step'), text: (node.textContent ?? '').trim(), link: node.closest('a')?.getAttribute('href') ?? null })));
    const expected = buildDiagram(model, org).lanes.flatMap((lane) => lane.nodes);
    expect(drawn.map((node) => [node.node, node.kind, node.step]).sort()).toEqual(expected.map((node) => [node.id, node.kind, node.step?.step.id ?? null]).sort());
    for (const node of drawn.filter((n) => n.step)) {
      expect(node.text.startsWith(`${stepNumbers(model).get(node.step!)}.`)).toBe(true);
      expect(node.link).toBe(`#step-${node.step}`);
    }
    await page.locator('.hb-diagram a.hb-node-link[href="#step-inspect"]').click();
    await page.waitForFunction(() => location.hash === '#step-inspect');
    await page.context().close();
  });

  it('renders hostile spec text as text: no script runs, nothing injected', async () => {
    const page = await open(`${mini.url}/processes/hostile-input/`);
    const dialogs: string[] = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    await page.locator('.hb-diagram svg').waitFor();
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

describe('the handbook settings', () => {
  it('name the site and give it no placeholder address: no page links to example.com or a made-up repository', () => {
    const home = readFileSync(path.join(full.out, 'index.html'), 'utf8');
    expect(home).toContain('<title>运营流程手册');
    expect(readFileSync(path.join(full.out, 'en', 'index.html'), 'utf8')).toContain('<title>Operating Handbook');
    const files = globSync('**/*.{html,xml,txt,js,json,svg,csv}', { cwd: full.out, absolute: true });
    expect(files.length).toBeGreaterThan(100);
    const placeholders = files.filter((file) => /handbook\.example\.com|github\.com\/acme\/handbook/.test(readFileSync(file, 'utf8')));
    expect(placeholders).toEqual([]);
  });
});

describe('ids where people look for them', () => {
  it('role and department pages show the id a spec writes', () => {
    const org = loadOrg('processes/org.yml', readFileSync('processes/org.yml')).org!;
    const role = org.roles[0]!;
    const department = org.departments.find((d) => d.id === role.department)!;
    const rolePage = readFileSync(path.join(full.out, 'roles', role.id, 'index.html'), 'utf8');
    expect(rolePage).toMatch(new RegExp(`岗位标识：<code[^>]*>${role.id}</code>`));
    expect(readFileSync(path.join(full.out, 'en', 'roles', role.id, 'index.html'), 'utf8')).toContain(`written role: ${role.id} in a spec`);
    const departmentPage = readFileSync(path.join(full.out, 'departments', department.id, 'index.html'), 'utf8');
    expect(departmentPage).toMatch(new RegExp(`部门标识：<code[^>]*>${department.id}</code>`));
    expect(departmentPage).toMatch(new RegExp(`<code[^>]*>${role.id}</code>`));
  });
});

describe('KPI spans', () => {
  it('each time KPI says what it measures: from its from step to its to step, or the whole process', async () => {
    const page = await open(`${full.url}/processes/seal-management/`);
    const spans = await page.locator('#kpis ~ * .hb-kpi-span').evaluateAll((nodes) => nodes.map((node) => ({ text: node.textContent?.replace(/\s+/g, ' ').trim(), links: [...node.querySelectorAll('a')].map((a) => a.getAttribute('href')) })));
    await page.context().close();
    expect(spans[0]).toEqual({ text: expect.stringMatching(/^统计范围：从 .+ 到 .+$/), links: ['#step-dept-approve', '#step-legal-review'] });
    // Only time KPIs have a span; a KPI without from/to measures the whole process.
    const spec = loadSpec('processes/management/seal-management.md', readFileSync('processes/management/seal-management.md')).spec!;
    const timed = spec.kpis!.filter((kpi) => /工作日|workday|小时|hour|天|day/i.test(kpi.target));
    expect(spans).toHaveLength(timed.length);
    for (const [i, kpi] of timed.entries()) if (!kpi.from && !kpi.to) expect(spans[i]!.text).toContain('（整个流程）');
  });
});

describe('a broken spec', () => {
  it('stops the build by default with file:line:column lines and what to do, in the handbook’s language, no stack trace', () => {
    expect(broken.failure).toMatch(/astro build exited 1/);
    expect(broken.failure).toContain('流程文件有错误，网站未构建');
    expect(broken.failure).toMatch(/broken\.md:4:11 `category` 只能是 .* 之一，而不是 "busines"/);
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

/** Runs a reader search on `base` and returns the result paths and the UI's status line, once the search has settled. */
async function searchSite(base: string, query: string): Promise<{ links: string[]; message: string; placeholder: string | null }> {
  const page = await open(base);
  const input = page.locator('#starlight__search input.pagefind-ui__search-input');
  // A click before Starlight's search script has wired the button opens nothing: click again until the dialog shows.
  for (let attempt = 1; ; attempt++) {
    if ((await page.locator('site-search dialog[open]').count()) === 0) await page.locator('site-search button[data-open-modal]').click();
    try {
      await input.waitFor({ timeout: 10_000 });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
  const placeholder = await input.getAttribute('placeholder');
  await input.pressSequentially(query);
  // Settled: the status line names the whole query (typing it one key at a time searches each prefix too).
  await page.waitForFunction((typed) => {
    const message = document.querySelector('#starlight__search .pagefind-ui__message')?.textContent ?? '';
    return message.includes(typed) && !/正在搜索|Searching/.test(message);
  }, query, { timeout: 20_000 });
  // The count comes before the results, which load one fragment at a time.
  await page.waitForFunction(() => /没有找到|No results/.test(document.querySelector('#starlight__search .pagefind-ui__message')?.textContent ?? '') || document.querySelectorAll('#starlight__search .pagefind-ui__result-link').length > 0, undefined, { timeout: 20_000 });
  await page.waitForTimeout(300);
  const links = await page.locator('.pagefind-ui__result-link').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
  const message = (await page.locator('#starlight__search .pagefind-ui__message').textContent()) ?? '';
  await page.context().close();
  return { links, message, placeholder };
}

describe("the new hire's reading path", () => {
  it("the cashier's role page shows controls, exceptions, inputs and hand-offs for each step", async () => {
    const page = await open(`${full.url}/roles/cashier/`);
    const pay = page.locator('section.hb-duties[data-process="expense-reimbursement"] article.hb-duty[data-step="pay"]');
    await expect(pay.locator('.hb-duty-action').textContent()).resolves.toContain('网银');
    await expect(pay.locator('.hb-duty-controls').textContent()).resolves.toContain('收款账户与报销人一致');
    // What it receives and from whom; what it hands on and to whom.
    const receives = (await pay.locator('.hb-duty-receives').textContent()) ?? '';
    expect(receives).toMatch(/《报销审批单》.*来自.*财务经理审批.*（财务经理）/s);
    const handsOn = (await pay.locator('.hb-duty-hands-on').textContent()) ?? '';
    expect(handsOn).toContain('《付款凭证》');
    expect(handsOn).toMatch(/交给.*记账归档.*（会计）/s);
    // The deadline says from when it counts.
    await expect(pay.locator('.hb-duty-deadline').textContent()).resolves.toMatch(/「财务经理审批」.*完成后 2 个工作日内/);
    // Controls of the cash process and the exception plans the cashier owns.
    const cash = page.locator('section.hb-duties[data-process="cash-management"]');
    const controls = (await cash.locator('.hb-duty-controls').allTextContents()).join(' ');
    expect(controls).toContain('付款必须有审批单');
    expect(controls).toContain('网银制单与复核分离');
    const exceptions = (await page.locator('.hb-duty-exception').allTextContents()).join(' ');
    expect(exceptions).toContain('发现疑似诈骗付款指令');
    expect(exceptions).toContain('发放日遇法定节假日');
    // Form links land on the form's page.
    await pay.locator('.hb-duty-hands-on a[href^="/forms/"]').first().click();
    await page.waitForURL(/\/forms\/payment-voucher\/$/);
    await page.context().close();
  });

  it('badges a draft and lists it apart, after every process in force', async () => {
    const page = await open(`${full.url}/roles/cs-agent/`);
    const sections = await page.locator('section.hb-duties').evaluateAll((all) => all.map((s) => ({ id: (s as HTMLElement).dataset.process, inForce: (s as HTMLElement).dataset.inForce, pending: Boolean(s.closest('.hb-pending')) })));
    const draft = sections.findIndex((s) => s.id === 'customer-feedback');
    expect(draft).toBeGreaterThan(0);
    expect(sections[draft]).toEqual({ id: 'customer-feedback', inForce: 'false', pending: true });
    expect(sections.slice(0, draft).every((s) => s.inForce === 'true')).toBe(true);
    await expect(page.locator('section.hb-duties[data-process="customer-feedback"] .hb-badge.hb-status-draft').textContent()).resolves.toBe('草稿');
    await page.context().close();
    const process = await open(`${full.url}/processes/customer-feedback/`);
    await expect(process.locator('.starlight-aside--caution').textContent()).resolves.toMatch(/草稿，尚未生效.*0\.4\.0/s);
    await process.context().close();
  });

  it('a process page has its table of contents, the instructions before the KPIs, and rows numbered in flow order', async () => {
    const spec = loadSpec('processes/business/customer-complaint.md', readFileSync('processes/business/customer-complaint.md')).spec!;
    const model = buildModel(spec);
    const page = await open(`${full.url}/processes/customer-complaint/`);
    const toc = await page.locator('starlight-toc nav a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).hash));
    expect(toc).toEqual(['#_top', '#goal', '#scope', '#notes', '#flowchart', '#table', '#exceptions', '#kpis', '#raci', '#lifecycle', '#history']);
    const headings = await page.locator('.hb-process h2').evaluateAll((hs) => hs.map((h) => h.id));
    expect(headings.indexOf('notes')).toBeLessThan(headings.indexOf('kpis'));
    const rows = await page.locator('table.hb-steps tbody tr').evaluateAll((trs) => trs.map((tr) => [(tr as HTMLElement).dataset.step, tr.querySelector('.hb-step-no')?.textContent]));
    const numbers = stepNumbers(model);
    expect(rows).toEqual(flowOrder(model).map((node) => [node.step.id, String(numbers.get(node.step.id))]));
    // KPI targets in the page's language; a clean process shows no findings section.
    expect(await page.locator('td.hb-target').allTextContents()).toContain('≤ 5 个工作日');
    expect(await page.locator('#findings').count()).toBe(0);
    await page.context().close();
  });

  it('findings are for maintainers: collapsed, and left out of search', async () => {
    const page = await open(`${mini.url}/processes/return-request/`);
    const details = page.locator('.hb-findings-section details');
    await expect(details.count()).resolves.toBe(1);
    await expect(details.evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(false);
    await expect(page.locator('.hb-findings-section').getAttribute('data-pagefind-ignore')).resolves.toBe('all');
    await page.context().close();
  });

  it('a form page has its description, location, owner and a downloadable template', async () => {
    const page = await open(`${full.url}/forms/department-task-list/`);
    await expect(page.locator('.hb-form-description').textContent()).resolves.toContain('任务');
    await expect(page.locator('.hb-form-location dd').textContent()).resolves.toContain('部门共享盘');
    const columns = await page.locator('table.hb-template thead th').allTextContents();
    for (const column of ['发起人', '接收人', '预计工时', '实际工时', '任务状态']) expect(columns.join(' ')).toContain(column);
    const href = await page.locator('a.hb-download').getAttribute('href');
    const csv = await (await fetch(`${full.url}${href}`)).text();
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('序号,任务名称,任务描述,发起人,接收人,责任人,起始时间,截止时间,优先级,预计工时,实际工时,任务状态,备注');
    await page.context().close();
  });

  it('the forms index filters by role and department', async () => {
    const page = await open(`${full.url}/forms/?role=cashier`);
    await expect(page.locator('select[name="role"]').inputValue()).resolves.toBe('cashier');
    const visible = await page.locator('table.hb-forms tbody tr:not([hidden])').evaluateAll((rows) => rows.map((r) => r.id));
    expect(visible).toContain('payment-voucher');
    expect(visible).not.toContain('complaint-register');
    await page.locator('select[name="role"]').selectOption('');
    await page.locator('select[name="department"]').selectOption('customer-service');
    const service = await page.locator('table.hb-forms tbody tr:not([hidden])').evaluateAll((rows) => rows.map((r) => r.id));
    expect(service).toContain('complaint-register');
    expect(service).not.toContain('payment-voucher');
    await page.context().close();
  });

  it('reader search for 报销多久到账 returns handbook content and no lint-rule page', { timeout: 60_000 }, async () => {
    const { links } = await searchSite(`${full.url}/`, '报销多久到账');
    expect(links.filter((link) => /\/rules\//.test(link))).toEqual([]);
    expect(links).toContain('/processes/expense-reimbursement/');
    const rules = await searchSite(`${full.url}/`, '错误示例');
    expect(rules.links.filter((link) => /\/rules\/|\/maintainers\//.test(link))).toEqual([]);
  });

  it('a rule that compares a change with its base shows the spec before the change; other rules show none', async () => {
    const page = await open(`${full.url}/rules/version-bump/`);
    expect(await page.locator('h2#previous').textContent()).toBe('修改前');
    const examples = await page.locator('pre.hb-example').allTextContents();
    // Before, then the valid change (a new version, 3 workdays) and the invalid one (3 workdays, version unchanged).
    expect(examples).toHaveLength(3);
    expect(examples[0]).toMatch(/version: 1\.0\.0\n[\s\S]*deadline: 2 workdays\n/);
    expect(examples[1]).toMatch(/version: 1\.0\.1\n[\s\S]*deadline: 3 workdays\n/);
    expect(examples[2]).toMatch(/version: 1\.0\.0\n[\s\S]*deadline: 3 workdays\n/);
    await page.goto(`${full.url}/en/rules/schema/`);
    expect(await page.locator('h2#previous').count()).toBe(0);
    await page.context().close();
  });

  it('the search interface speaks Chinese on the Chinese site and English on the English one', { timeout: 60_000 }, async () => {
    const zh = await searchSite(`${full.url}/`, '出纳');
    expect(zh.message).toMatch(/找到 \d+ 个 出纳 的结果/);
    expect(zh.placeholder).toBe('搜索');
    const en = await searchSite(`${full.url}/en/`, 'payment');
    expect(en.message).toMatch(/\d+ results? for payment/);
    // English content is found in English.
    expect(en.links).toContain('/en/processes/expense-reimbursement/');
    expect(en.links.filter((link) => /\/rules\//.test(link))).toEqual([]);
  });

  it('at 375 px the role page is cards, nothing is wider than the screen, and no word breaks mid-word (at 1280 px either)', async () => {
    const page = await open(`${full.url}/roles/cs-agent/`, 375);
    expect(await page.locator('.hb-role table').count()).toBe(0);
    const cards = await page.locator('article.hb-duty').evaluateAll((all) => all.map((a) => a.getBoundingClientRect().width));
    expect(cards.length).toBeGreaterThan(3);
    for (const width of cards) expect(width).toBeLessThanOrEqual(375);
    // Step names keep their line (one character per line was the old table's failure): at most two lines each.
    const lines = await page.locator('.hb-duty-title a').evaluateAll((all) => all.map((a) => [a.textContent, new Set([...a.getClientRects()].map((r) => Math.round(r.top))).size] as const));
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.filter(([, count]) => count > 2)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.context().close();
    for (const [path, width] of [['/en/processes/expense-reimbursement/', 375], ['/en/roles/cashier/', 375], ['/en/processes/expense-reimbursement/', 1280]] as const) {
      const english = await open(`${full.url}${path}`, width);
      const broken = await english.evaluate(() => {
        const found: string[] = [];
        // Visually hidden text (the table headers of cards, kept for screen readers) has no lines to break.
        const hidden = (element: Element | null) => {
          for (let e = element; e; e = e.parentElement) if (e.getBoundingClientRect().width <= 1) return true;
          return false;
        };
        const walker = document.createTreeWalker(document.querySelector('main')!, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (hidden(node.parentElement)) continue;
          for (const match of (node.textContent ?? '').matchAll(/[A-Za-z]{3,}/g)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
            if (lines.size > 1 && !(node.parentElement?.closest('pre, code, svg'))) found.push(match[0]);
          }
        }
        return found;
      });
      expect({ path, width, broken }).toEqual({ path, width, broken: [] });
      await english.context().close();
    }
  });

  it('a wide flowchart opens at its start with a scroll cue', async () => {
    const page = await open(`${full.url}/processes/customer-complaint/`, 375);
    const figure = page.locator('.hb-figure').first();
    await expect(figure.evaluate((f) => f.classList.contains('hb-scrollable'))).resolves.toBe(true);
    await expect(figure.evaluate((f) => getComputedStyle(f, '::before').content)).resolves.toContain('左右滑动');
    const inView = await figure.evaluate((f) => {
      const box = f.querySelector('.hb-diagram')!.getBoundingClientRect();
      const start = f.querySelector('svg [data-kind="start"]')!.getBoundingClientRect();
      return start.left >= box.left - 1 && start.right <= box.right + 1;
    });
    expect(inView).toBe(true);
    await page.context().close();
  });

  it('the English expense process reads fully in English; an untranslated one says so', async () => {
    const page = await open(`${full.url}/en/processes/expense-reimbursement/`);
    expect(await page.locator('.hb-untranslated').count()).toBe(0);
    const chinese = await page.evaluate(() => {
      const found: string[] = [];
      const root = document.querySelector('.hb-process')!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!/\p{Script=Han}/u.test(node.textContent ?? '')) continue;
        // The Chinese title beside the English one, and history authors (names), are Chinese on purpose and marked so.
        if (node.parentElement?.closest('.hb-subtitle, [lang="zh-CN"]')) continue;
        found.push((node.textContent ?? '').trim().slice(0, 40));
      }
      return found;
    });
    expect(chinese).toEqual([]);
    const marked = await page.locator('.hb-process [lang="zh-CN"]').evaluateAll((all) => all.filter((el) => !el.closest('.hb-subtitle, #history + .hb-scroll')).map((el) => el.textContent));
    expect(marked).toEqual([]);
    await page.context().close();
    const payroll = await open(`${full.url}/en/processes/payroll/`);
    await expect(payroll.locator('.hb-untranslated').textContent()).resolves.toMatch(/in Chinese/);
    expect(await payroll.locator('table.hb-steps [lang="zh-CN"]').count()).toBeGreaterThan(0);
    await payroll.context().close();
  });
});
