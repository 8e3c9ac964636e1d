import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { MERMAID_CONFIG } from '../../scripts/flowchart/to-mermaid.ts';
import { assertInert, normaliseSvg } from './svg.ts';

/**
 * Build-time rendering of the flowcharts: every diagram of the build in ONE
 * headless-Chromium session (playwright-core driving Debian's Chromium on a
 * blank page with Mermaid loaded once), cached on disk by a hash of
 * source + Mermaid version + rendering settings, so a rebuild only renders
 * what changed. Without Chromium the pages render the diagram in the browser.
 */

export const DIAGRAM_FONT = '"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif';
export const RENDER_CONFIG = { ...MERMAID_CONFIG, look: 'classic', theme: 'neutral', fontFamily: DIAGRAM_FONT } as const;
/** Bump when the post-processing changes, to invalidate cached SVGs. */
const PIPELINE_VERSION = '8';
const CACHE_DIR = path.resolve('.cache/diagrams');

export interface DiagramResult {
  /** Sanitised SVG with stable ids (`hbd-…`), without Mermaid's stylesheet; absent when rendered client-side. */
  svg?: string;
  /** Why the diagram could not be rendered (a Mermaid parse error). */
  error?: string;
}

export interface RenderSummary {
  results: Map<string, DiagramResult>;
  mode: 'chromium' | 'client';
  rendered: number;
  cached: number;
  ms: number;
}

const mermaidVersion = (() => {
  try {
    return (createRequire(import.meta.url)('mermaid/package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
})();

/**
 * Above this many processes, both languages share the Chinese flowchart: a
 * diagram costs ~0.1 s of Chromium, and an English one differs only in its
 * lane, role and start/end labels (step names are shown as written), so
 * sharing halves a large handbook's cold build. HANDBOOK_SHARED_DIAGRAMS=1 or
 * =0 decides regardless of size.
 */
export const SHARE_DIAGRAMS_ABOVE = 500;

export function shareDiagrams(processes: number, setting = process.env.HANDBOOK_SHARED_DIAGRAMS): boolean {
  if (setting === '1') return true;
  if (setting === '0') return false;
  return processes > SHARE_DIAGRAMS_ABOVE;
}

export function chromiumPath(): string | undefined {
  if (process.env.HANDBOOK_NO_CHROMIUM === '1') return undefined;
  const candidate = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  return existsSync(candidate) ? candidate : undefined;
}

export function diagramHash(source: string): string {
  return createHash('sha256').update(`${mermaidVersion}\n${PIPELINE_VERSION}\n${JSON.stringify(RENDER_CONFIG)}\n${source}`).digest('hex').slice(0, 32);
}

/** Renders `sources` (key → Mermaid text); `key` only names the result. */
export async function renderDiagrams(sources: Map<string, string>): Promise<RenderSummary> {
  const started = Date.now();
  const results = new Map<string, DiagramResult>();
  const executablePath = chromiumPath();
  if (!executablePath) {
    const why = process.env.HANDBOOK_NO_CHROMIUM === '1' ? 'HANDBOOK_NO_CHROMIUM=1' : `no Chromium at ${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'} (set CHROMIUM_PATH)`;
    console.warn(`[handbook] ${why}: flowcharts will be drawn in the reader's browser instead of at build time.`);
    for (const key of sources.keys()) results.set(key, {});
    return { results, mode: 'client', rendered: 0, cached: 0, ms: Date.now() - started };
  }

  const misses: Array<{ key: string; source: string; hash: string }> = [];
  let cached = 0;
  for (const [key, source] of sources) {
    const hash = diagramHash(source);
    const file = path.join(CACHE_DIR, `${hash}.json`);
    if (existsSync(file)) {
      try {
        results.set(key, JSON.parse(readFileSync(file, 'utf8')) as DiagramResult);
        cached++;
        continue;
      } catch {
        // A torn cache file is re-rendered.
      }
    }
    misses.push({ key, source, hash });
  }

  if (misses.length > 0) {
    const rendered = await renderInChromium(executablePath, misses.map((miss) => miss.source));
    if (!rendered) {
      for (const key of sources.keys()) if (!results.has(key)) results.set(key, {});
      return { results, mode: 'client', rendered: 0, cached, ms: Date.now() - started };
    }
    mkdirSync(CACHE_DIR, { recursive: true });
    rendered.forEach((outcome, index) => {
      const miss = misses[index]!;
      const result: DiagramResult =
        outcome.status === 'fulfilled'
          ? { svg: assertInert(normaliseSvg(outcome.value.svg, outcome.value.id, 'hbd')) }
          : { error: String((outcome.reason as { message?: string })?.message ?? outcome.reason).split('\n').slice(0, 4).join('\n') };
      results.set(miss.key, result);
      const file = path.join(CACHE_DIR, `${miss.hash}.json`);
      // Write then rename: a concurrent build never reads half a file.
      writeFileSync(`${file}.${process.pid}.tmp`, JSON.stringify(result));
      renameSync(`${file}.${process.pid}.tmp`, file);
    });
  }
  return { results, mode: 'chromium', rendered: misses.length, cached, ms: Date.now() - started };
}

const BATCH = 100;

type Settled = PromiseSettledResult<{ svg: string; id: string }>;

/** Concurrent rendering pages: one per core (at most 4), each its own browser context and so its own renderer process. */
function laneCount(): number {
  const wanted = Number(process.env.HANDBOOK_DIAGRAM_LANES ?? availableParallelism());
  return Math.max(1, Math.min(4, Number.isFinite(wanted) ? Math.floor(wanted) : 1));
}

/**
 * Runs in the page: renders each diagram in turn and returns its SVG as
 * serialised XML (what normaliseSvg and assertInert read), or the error.
 */
async function renderInPage({ diagrams, prefix, config }: { diagrams: string[]; prefix: string; config: object }) {
  const mermaid = (globalThis as unknown as { mermaid: { initialize(c: object): void; render(id: string, text: string, container: Element): Promise<{ svg: string }> } }).mermaid;
  mermaid.initialize(config);
  const container = document.createElement('div');
  container.setAttribute('aria-hidden', 'true');
  Object.assign(container.style, { maxHeight: '0', opacity: '0', overflow: 'hidden' });
  document.body.append(container);
  const parser = new DOMParser();
  const serializer = new XMLSerializer();
  const results: Array<{ status: 'fulfilled'; value: { svg: string; id: string } } | { status: 'rejected'; reason: { message: string } }> = [];
  for (const [index, diagram] of diagrams.entries()) {
    const id = `${prefix}-${index}`;
    try {
      const { svg } = await mermaid.render(id, diagram, container);
      const element = parser.parseFromString(svg, 'text/html').getElementsByTagName('svg')[0]!;
      results.push({ status: 'fulfilled', value: { id, svg: serializer.serializeToString(element) } });
    } catch (error) {
      results.push({ status: 'rejected', reason: { message: error instanceof Error ? error.message : String(error) } });
    }
  }
  container.remove();
  return results;
}

/**
 * Renders in ONE Chromium for the whole build. Each lane is a page of its own
 * (own context, so its own renderer process) that loads Mermaid once and then
 * pulls the next batch until none is left, so both cores draw. The page is
 * blank: no stylesheet besides Mermaid's own (mermaid-isomorphic's page loads
 * Font Awesome and KaTeX CSS, which made every text measurement ~20% slower).
 * `undefined` when Chromium cannot start: the caller falls back to rendering
 * in the browser.
 */
async function renderInChromium(executablePath: string, sources: string[]): Promise<Settled[] | undefined> {
  const { chromium } = await import('playwright-core');
  let browser: Awaited<ReturnType<typeof chromium.launch>>;
  try {
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    console.warn(`[handbook] Chromium at ${executablePath} did not start (${reason}): flowcharts will be drawn in the reader's browser instead of at build time.`);
    return undefined;
  }
  const mermaidScript = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.js');
  const settled: Settled[] = new Array(sources.length);
  const batches = Math.ceil(sources.length / BATCH);
  let next = 0;
  const lane = async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
    await page.addScriptTag({ path: mermaidScript });
    for (let batch = next++; batch < batches; batch = next++) {
      const start = batch * BATCH;
      const results = await page.evaluate(renderInPage, { diagrams: sources.slice(start, start + BATCH), prefix: `hbr${batch}`, config: RENDER_CONFIG });
      results.forEach((result, index) => (settled[start + index] = result as Settled));
    }
    await context.close();
  };
  try {
    await Promise.all(Array.from({ length: Math.min(laneCount(), batches) }, lane));
  } finally {
    await browser.close();
  }
  return settled;
}
