import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumLaunchOptions, findChromium, NO_CHROMIUM_HINT } from '../../scripts/chromium.ts';
import type { Browser, Page } from 'playwright-core';
import type { DiagramSource } from './diagram-source.ts';
import type { PageDiagram, PageResult } from './diagram-page.ts';

export { diagramSource, processDiagram, type DiagramSource } from './diagram-source.ts';

/**
 * Build-time rendering of the flowcharts: every diagram of the build in ONE headless Chromium
 * (playwright-core), on blank pages that load Mermaid's bundle and lib/diagram-page.ts (the
 * same rendering, finishing and sanitising code the client fallback runs), cached on disk by
 * a hash of the diagram, Mermaid and that script, so a rebuild only renders what changed.
 * Without Chromium the pages render the diagram in the reader's browser.
 */

const CACHE_DIR = path.resolve('.cache/diagrams');

export interface DiagramResult {
  /** Sanitised SVG markup; absent when rendered client-side. */
  svg?: string;
  /** Why the diagram could not be rendered (a Mermaid error). */
  error?: string;
}

export interface RenderSummary {
  results: Map<string, DiagramResult>;
  mode: 'chromium' | 'client';
  rendered: number;
  cached: number;
  ms: number;
}

const require = createRequire(import.meta.url);
const mermaidScript = require.resolve('mermaid/dist/mermaid.js');

/**
 * Without Chromium the reader's browser draws the diagrams with the same two scripts the build
 * page loads, served as files (site/pages/diagram-fallback/): Mermaid's self-contained bundle
 * and lib/diagram-page.ts. The editor's live preview draws with them in every build. Mermaid
 * never enters the site's own (Vite) bundle, which would otherwise bundle all of it into every
 * build, Chromium or not.
 */
export const FALLBACK_SCRIPTS = { 'mermaid.js': () => readFileSync(require.resolve('mermaid/dist/mermaid.min.js'), 'utf8'), 'diagrams.js': () => diagramPageScript() } as const;
export const fallbackScriptUrl = (file: keyof typeof FALLBACK_SCRIPTS) => `/diagram-fallback/${file}`;
const mermaidVersion = (require('mermaid/package.json') as { version: string }).version;

/**
 * Above this many processes, both languages share the Chinese flowchart: a diagram costs
 * ~0.1 s of Chromium, and an English one differs only in its lane, role and start/end labels
 * (step names are shown as written), so sharing halves a large handbook's cold build.
 * HANDBOOK_SHARED_DIAGRAMS=1 or =0 decides regardless of size.
 */
export const SHARE_DIAGRAMS_ABOVE = 500;

export function shareDiagrams(processes: number, setting = process.env.HANDBOOK_SHARED_DIAGRAMS): boolean {
  if (setting === '1') return true;
  if (setting === '0') return false;
  return processes > SHARE_DIAGRAMS_ABOVE;
}

/** The Chromium the build draws with, unless HANDBOOK_NO_CHROMIUM=1. */
export function chromiumPath(): string | undefined {
  return process.env.HANDBOOK_NO_CHROMIUM === '1' ? undefined : findChromium();
}

let pageScript: Promise<string> | undefined;

/** lib/diagram-page.ts and what it imports, bundled for the blank page. */
export function diagramPageScript(): Promise<string> {
  return (pageScript ??= (async () => {
    const { build } = await import('esbuild');
    const result = await build({ entryPoints: [sourceFile('site/lib/diagram-page.ts')], bundle: true, format: 'iife', platform: 'browser', target: 'chrome120', write: false, logLevel: 'silent' });
    return result.outputFiles[0]!.text;
  })());
}

export function diagramHash(source: DiagramSource, script: string): string {
  return createHash('sha256').update(`${mermaidVersion}\n${script}\n${JSON.stringify(source.nodes)}\n${source.text}`).digest('hex').slice(0, 32);
}

/** Renders `sources` (key → diagram); `key` only names the result. */
export async function renderDiagrams(sources: Map<string, DiagramSource>): Promise<RenderSummary> {
  const started = Date.now();
  const results = new Map<string, DiagramResult>();
  const executablePath = chromiumPath();
  if (!executablePath) {
    const why = process.env.HANDBOOK_NO_CHROMIUM === '1' ? 'HANDBOOK_NO_CHROMIUM=1' : `no Chromium found (${NO_CHROMIUM_HINT})`;
    console.warn(`[handbook] ${why}: flowcharts will be drawn in the reader's browser instead of at build time.`);
    for (const key of sources.keys()) results.set(key, {});
    return { results, mode: 'client', rendered: 0, cached: 0, ms: Date.now() - started };
  }

  const script = await diagramPageScript();
  const misses: Array<{ key: string; source: DiagramSource; hash: string }> = [];
  let cached = 0;
  for (const [key, source] of sources) {
    const hash = diagramHash(source, script);
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
    const rendered = await renderInChromium(executablePath, script, misses.map((miss) => miss.source));
    if (!rendered) {
      for (const key of sources.keys()) if (!results.has(key)) results.set(key, {});
      return { results, mode: 'client', rendered: 0, cached, ms: Date.now() - started };
    }
    mkdirSync(CACHE_DIR, { recursive: true });
    rendered.forEach((outcome, index) => {
      const miss = misses[index]!;
      const result: DiagramResult = 'svg' in outcome ? { svg: outcome.svg } : { error: outcome.error.split('\n').slice(0, 4).join('\n') };
      results.set(miss.key, result);
      const file = path.join(CACHE_DIR, `${miss.hash}.json`);
      // Write then rename: a concurrent build never reads half a file.
      writeFileSync(`${file}.${process.pid}.tmp`, JSON.stringify(result));
      renameSync(`${file}.${process.pid}.tmp`, file);
    });
  }
  return { results, mode: 'chromium', rendered: misses.length, cached, ms: Date.now() - started };
}

const BATCH = 50;

/** Concurrent rendering pages: one per core (at most 4), each its own browser context and so its own renderer process. */
function laneCount(): number {
  const wanted = Number(process.env.HANDBOOK_DIAGRAM_LANES ?? availableParallelism());
  return Math.max(1, Math.min(4, Number.isFinite(wanted) ? Math.floor(wanted) : 1));
}

/**
 * Renders in ONE Chromium for the whole build. Each lane is a page of its own that loads
 * Mermaid once and then pulls the next batch until none is left, so every core draws. The
 * page is blank: no stylesheet besides Mermaid's own, so text measures fast. `undefined` when
 * Chromium cannot start: the caller falls back to rendering in the browser.
 */
async function renderInChromium(executablePath: string, script: string, sources: PageDiagram[]): Promise<PageResult[] | undefined> {
  const { chromium } = await import('playwright-core');
  let browser: Awaited<ReturnType<typeof chromium.launch>>;
  try {
    browser = await chromium.launch(chromiumLaunchOptions(executablePath));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    console.warn(`[handbook] Chromium at ${executablePath} did not start (${reason}): flowcharts will be drawn in the reader's browser instead of at build time.`);
    return undefined;
  }
  const settled: PageResult[] = new Array(sources.length);
  const batches = Math.ceil(sources.length / BATCH);
  let next = 0;
  const lane = async () => {
    const page = await openDiagramPage(browser, script);
    for (let batch = next++; batch < batches; batch = next++) {
      const start = batch * BATCH;
      const results = await page.evaluate((diagrams) => handbookDiagrams.render(diagrams), sources.slice(start, start + BATCH));
      results.forEach((result, index) => (settled[start + index] = result));
    }
    await page.context().close();
  };
  try {
    await Promise.all(Array.from({ length: Math.min(laneCount(), batches) }, lane));
  } finally {
    await browser.close();
  }
  return settled;
}

/**
 * A blank page, in a context (and so a renderer process) of its own, with Mermaid and the
 * diagram script loaded: `handbookDiagrams.render(…)` draws there.
 */
export async function openDiagramPage(browser: Browser, script: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
  await page.addScriptTag({ path: mermaidScript });
  await page.addScriptTag({ content: script });
  return page;
}

/** A file of the source tree: the build runs a bundled copy of this module elsewhere in the project. */
function sourceFile(relative: string): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, relative);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`${relative} not found above ${fileURLToPath(import.meta.url)}`);
  }
}
