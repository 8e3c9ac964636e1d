/**
 * Hostile text through the site, in a real browser: the fixture handbook
 * `test/fixtures/hostile/` puts script payloads, Mermaid directives, HTML entities,
 * right-to-left marks and 10,000-character names in every field a page shows.
 * Every page that shows them is loaded in Chromium: no script runs (a canary
 * `window.__pwned` that each payload would set, and no dialog), the payloads read
 * as literal text, the diagram carries no active content, search results stay
 * inert, and nothing overflows the page at 1280 px.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../scripts/chromium.ts';
import { launchBrowser } from '../e2e/browser.ts';
import { serve } from '../e2e/server.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const hasChromium = findChromium() !== undefined;

const SCRIPT = '<script>window.__pwned="script"</script>';
const IMG = `<img src=x onerror="window.__pwned='img'">`;
const ENTITY = '&lt;script&gt; &amp; &#x3C;b&#x3E;';
const MERMAID_INIT = '%%{init: {"securityLevel": "loose", "startOnLoad": true}}%%';
const BREAKOUT = 'A"] --> X["pwned';

let work: string;
let dist: string;
let server: { url: string; close(): Promise<void> };
let browser: Browser;
let hostilePages: string[] = [];
let build: { status: number | null; output: string };

beforeAll(async () => {
  if (!hasChromium) return;
  work = mkdtempSync(path.join(tmpdir(), 'hostile-site-'));
  dist = path.join(work, 'dist');
  const child = spawnSync(path.join(ROOT, 'node_modules/.bin/node'), [path.join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--config', 'scripts/bench/astro.bench.mjs'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 280_000,
    env: {
      // vitest puts MODE, DEV, PROD, SSR and NODE_ENV=test into the environment, which would make Astro build
      // its dev variant (no search); build as `npm run build` does.
      ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(?:MODE|DEV|PROD|SSR|BASE_URL|NODE_ENV|TEST|VITEST.*)$/.test(key))),
      HANDBOOK_PROCESSES_DIR: path.join(ROOT, 'test/fixtures/hostile'),
      HANDBOOK_OUT_DIR: dist,
      HANDBOOK_TODAY: '2026-11-23',
      // Its own Astro cache, so a build running beside another test's does not share a data store.
      BENCH_ASTRO_CACHE: path.join(work, 'astro-cache'),
    },
  });
  build = { status: child.status, output: `${child.stdout}\n${child.stderr}` };
  if (child.status !== 0) return;
  // Every page that shows fixture text: payloads, or the long names.
  const html = (readdirSync(dist, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.html'));
  hostilePages = html
    .filter((f) => /__pwned|AAAAAAAAAAAAAAAAAAAA|超长岗位名称超长岗位名称/.test(readFileSync(path.join(dist, f), 'utf8')))
    .map((f) => `/${f.replace(/index\.html$/, '')}`)
    .sort();
  server = await serve(dist);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

interface PageReport {
  pwned: unknown;
  dialogs: string[];
  activeAttributes: string[];
  scripts: number;
  javascriptLinks: string[];
  frames: number;
  text: string;
  overflow: { page: number; viewport: number; main: number; mainClient: number };
  /** Elements holding a long run of text that are wider than the main column (the text did not wrap). */
  unwrapped: string[];
}

async function inspect(page: Page, pathname: string): Promise<PageReport> {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(server.url + pathname, { waitUntil: 'load' });
  await page.waitForTimeout(300);
  const report = await page.evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    const main = document.querySelector('main') ?? document.body;
    return {
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
      activeAttributes: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name) && /pwned/.test(a.value)).map((a) => `<${el.tagName.toLowerCase()} ${a.name}>`)),
      scripts: [...document.scripts].filter((s) => /pwned/.test(s.textContent ?? '')).length,
      javascriptLinks: [...document.querySelectorAll('[href], [src], [xlink\\:href]')]
        .map((el) => el.getAttribute('href') ?? el.getAttribute('src') ?? el.getAttribute('xlink:href') ?? '')
        .filter((href) => /^\s*(javascript|data|vbscript):/i.test(href)),
      frames: document.querySelectorAll('iframe, object, embed').length,
      text: document.body.innerText,
      overflow: { page: document.documentElement.scrollWidth, viewport: window.innerWidth, main: main.scrollWidth, mainClient: main.clientWidth },
      unwrapped: all
        .filter((el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').length > 1_000))
        // Code blocks scroll by design; names and table cells must wrap.
        .filter((el) => !el.closest('pre') && el.getBoundingClientRect().width > main.clientWidth + 1)
        .map((el) => `<${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}> ${Math.round(el.getBoundingClientRect().width)} px`),
    };
  });
  return { ...report, dialogs };
}

describe.skipIf(!hasChromium)('hostile text on the site', () => {
  // Every page that shows fixture text is loaded one after the other: with a page per form (each hostile output
  // name has one, in both languages) that is several dozen pages, so the walks below get ten minutes.
  it('the fixture handbook builds', () => {
    expect(build.status, build.output.slice(-3000)).toBe(0);
    // Process, role and department pages in both languages, and the catalogue.
    for (const expected of ['/processes/xss-everywhere/', '/en/processes/mermaid-injection/', '/processes/long-names/', '/roles/clerk/', '/processes/']) expect(hostilePages).toContain(expected);
  });

  it('no script runs and no active content reaches any page', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      for (const pathname of hostilePages) {
        const page = await context.newPage();
        const report = await inspect(page, pathname);
        expect({ pathname, pwned: report.pwned, dialogs: report.dialogs }).toEqual({ pathname, pwned: undefined, dialogs: [] });
        expect({ pathname, attributes: report.activeAttributes, scripts: report.scripts, links: report.javascriptLinks, frames: report.frames }).toEqual({ pathname, attributes: [], scripts: 0, links: [], frames: 0 });
        await page.close();
      }
    } finally {
      await context.close();
    }
  }, 600_000);

  it('payloads, entities and Mermaid syntax read as literal text on the process page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      const xss = await inspect(page, '/processes/xss-everywhere/');
      for (const literal of [SCRIPT, IMG, ENTITY, `接收 ${SCRIPT}`, `操作 ${IMG}`]) expect(xss.text).toContain(literal);
      const mermaid = await inspect(page, '/processes/mermaid-injection/');
      for (const literal of [MERMAID_INIT, BREAKOUT, 'click receive call window.__pwned("click")']) expect(mermaid.text).toContain(literal);
    } finally {
      await page.close();
    }
  });

  it('the diagram shows hostile step names as labels, with no script, handler or link', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${server.url}/processes/mermaid-injection/`);
      const diagram = await page.evaluate(() => {
        const svg = [...document.querySelectorAll('svg')].sort((a, b) => b.querySelectorAll('*').length - a.querySelectorAll('*').length)[0];
        if (!svg) return undefined;
        return {
          text: svg.textContent ?? '',
          scripts: svg.querySelectorAll('script, foreignObject iframe').length,
          handlers: [...svg.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name)),
          links: [...svg.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? a.getAttribute('xlink:href') ?? ''),
          red: [...svg.querySelectorAll('[style*="f00"], [fill="#f00"]')].length,
        };
      });
      expect(diagram, 'a flowchart SVG on the page').toBeDefined();
      expect(diagram!.scripts).toBe(0);
      expect(diagram!.handlers).toEqual([]);
      expect(diagram!.links.filter((href) => /^\s*(?:javascript|data|vbscript):/i.test(href))).toEqual([]);
      // `classDef`/`style` text stayed text: nothing was painted red.
      expect(diagram!.red).toBe(0);
      // Labels keep the hostile text as text: the directive, the quote-bracket break-out, RTL and astral characters.
      for (const label of ['%%{init', 'pwned', '右', '𝕏😀']) expect(diagram!.text).toContain(label);
    } finally {
      await page.close();
    }
  });

  it('hostile labels do not break the diagram markup: every node is an SVG node, none is swallowed by a label', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    try {
      for (const [id, steps] of [['xss-everywhere', 3], ['mermaid-injection', 5], ['long-names', 3]] as const) {
        await page.goto(`${server.url}/processes/${id}/`);
        const found = await page.evaluate(() => {
          const svg = [...document.querySelectorAll('svg')].sort((a, b) => b.querySelectorAll('*').length - a.querySelectorAll('*').length)[0];
          if (!svg) return undefined;
          return {
            nodes: [...svg.querySelectorAll('[data-node]')].filter((n) => n.namespaceURI === 'http://www.w3.org/2000/svg').map((n) => n.getAttribute('data-node')),
            // Step nodes, as the site marks them (data-step), that are SVG elements.
            steps: new Set([...svg.querySelectorAll('[data-step]')].filter((n) => n.namespaceURI === 'http://www.w3.org/2000/svg').map((n) => n.getAttribute('data-step'))).size,
            // Markup that ended up inside a label's text, or any HTML in the drawing: the sign of a label that swallowed the markup after it.
            stray: svg.querySelectorAll('text g, text circle, text rect, text path, foreignObject').length + [...svg.querySelectorAll('*')].filter((n) => n.namespaceURI !== 'http://www.w3.org/2000/svg').length,
          };
        });
        if (!found) {
          problems.push(`${id}: no diagram`);
          continue;
        }
        const missing = ['start', 'finish'].filter((node) => !found.nodes.includes(node));
        if (missing.length > 0) problems.push(`${id}: nodes missing from the SVG: ${missing.join(', ')}`);
        if (found.steps !== steps) problems.push(`${id}: ${found.steps} of ${steps} steps drawn as SVG nodes`);
        if (found.stray > 0) problems.push(`${id}: ${found.stray} elements inside a label or outside SVG`);
      }
    } finally {
      await page.close();
    }
    expect(problems).toEqual([]);
  });

  it('long names wrap: nothing overflows the page or the main column at 1280 px', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    try {
      for (const pathname of hostilePages) {
        const page = await context.newPage();
        const { overflow, unwrapped } = await inspect(page, pathname);
        if (overflow.page > overflow.viewport) problems.push(`${pathname}: the page is ${overflow.page} px wide`);
        if (overflow.main > overflow.mainClient + 1) problems.push(`${pathname}: main content is ${overflow.main} px wide in ${overflow.mainClient} px`);
        for (const element of unwrapped) problems.push(`${pathname}: long text not wrapped in ${element}`);
        await page.close();
      }
    } finally {
      await context.close();
    }
    expect(problems).toEqual([]);
  }, 600_000);

  it('search results show hostile titles as text and run nothing', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const log: string[] = [];
    page.on('console', (m) => log.push(`${m.type()}: ${m.text()}`));
    page.on('response', (r) => { if (r.status() >= 400) log.push(`${r.status()} ${r.url()}`); });
    page.on('pageerror', (e) => log.push(`pageerror ${e.message}`));
    try {
      await page.goto(`${server.url}/processes/`, { waitUntil: 'networkidle' });
      const open = page.locator('site-search button[data-open-modal]').first();
      await expect.poll(() => open.isEnabled(), { timeout: 15_000 }).toBe(true);
      await open.click();
      const input = page.locator('#starlight__search input.pagefind-ui__search-input');
      await input.waitFor({ timeout: 15_000 }).catch(async (error: unknown) => {
        const state = await page.evaluate(() => ({ open: document.querySelector('site-search dialog')?.hasAttribute('open'), html: document.querySelector('#starlight__search')?.innerHTML.slice(0, 300) }));
        throw new Error(`search did not open: ${JSON.stringify(state)} ${log.join(' | ')} (${String(error)})`);
      });
      await input.fill('pwned');
      const results = page.locator('#starlight__search .pagefind-ui__result');
      await results.first().waitFor({ timeout: 15_000 });
      await page.waitForTimeout(500);
      const found = await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: unknown }).__pwned,
        text: document.querySelector('#starlight__search')?.textContent ?? '',
        elements: [...document.querySelectorAll('#starlight__search img, #starlight__search script, #starlight__search iframe')].length,
      }));
      expect(found.pwned).toBeUndefined();
      expect(dialogs).toEqual([]);
      expect(found.elements).toBe(0);
      expect(found.text).toMatch(/<script>|<img/);
    } finally {
      await page.close();
    }
  }, 60_000);
});
