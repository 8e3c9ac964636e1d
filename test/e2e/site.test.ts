import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { globSync } from 'tinyglobby';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrg } from '../../scripts/core/load-org.ts';
import { loadSpec } from '../../scripts/core/load-spec.ts';
import { buildHandbook } from '../../scripts/model/handbook.ts';
import { indexOrg } from '../../scripts/model/org-index.ts';
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
      // axe over a whole process page (a rendered flowchart, a table of every step) takes 15–40 s
      // when the 2 shared cores are busy, measured on this machine; the default 30 s made it flaky.
    }, 90_000);
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
