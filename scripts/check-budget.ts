/**
 * Page-weight budget of the built site (`npm run budget`, after `npm run build`):
 * every process page must ship no diagram JavaScript (the flowchart is an SVG
 * drawn at build time) and weigh under 80 KB gzipped in all: HTML + CSS + JS
 * + SVG it loads. The training code (quiz, progress, record) ships only on quiz and
 * learning-path pages, at most 10 KB gzipped there. The in-browser editor (/edit/) must stay
 * under 400 KB gzipped with its lint worker. Exits 1 with
 * the list of pages over budget.
 *
 *   tsx scripts/check-budget.ts [dist] [--json]
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUDGET_BYTES = 80 * 1024;

export interface PageWeight {
  page: string;
  html: number;
  css: number;
  js: number;
  svg: number;
  total: number;
  /** JavaScript files reachable from the page (static or dynamic imports) that contain Mermaid. */
  diagramScripts: string[];
  /** Every JavaScript file the page loads, or may load later (dynamic imports, web workers), relative to the site. */
  reachableScripts: string[];
  /** The web workers its scripts start. */
  workers: string[];
}

const gzipCache = new Map<string, number>();
function gz(file: string): number {
  let size = gzipCache.get(file);
  if (size === undefined) gzipCache.set(file, (size = gzipSync(readFileSync(file), { level: 9 }).length));
  return size;
}

function assetPath(dist: string, ref: string, from: string): string | undefined {
  if (/^(?:[a-z]+:)?\/\//i.test(ref) || ref.startsWith('data:')) return undefined;
  const clean = ref.split(/[?#]/)[0]!;
  const file = clean.startsWith('/') ? path.join(dist, clean) : path.resolve(path.dirname(from), clean);
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
}

/** JS a script pulls in: static imports always load; dynamic imports only count for the diagram check. */
function scriptGraph(dist: string, entry: string, staticOnly: boolean, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const code = readFileSync(entry, 'utf8');
  const patterns = [/\bimport\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.m?js)["']/g, /\bexport\s*[\w*{}\s,$]*from\s*["']([^"']+\.m?js)["']/g];
  // The minifier may write a dynamic import's path as a template literal: import(`./chunk.js`).
  if (!staticOnly) patterns.push(/\bimport\(\s*[`"']([^`"']+\.m?js)[`"']\s*\)/g);
  for (const pattern of patterns) {
    for (const match of code.matchAll(pattern)) {
      const file = assetPath(dist, match[1]!, entry);
      if (file) scriptGraph(dist, file, staticOnly, seen);
    }
  }
  if (!staticOnly) {
    // Vite lists lazily loaded chunks as site-root paths (`__vite__mapDeps`).
    for (const match of code.matchAll(/["'](\/?_astro\/[^"']+\.m?js)["']/g)) {
      const file = assetPath(dist, `/${match[1]!.replace(/^\//, '')}`, entry);
      if (file) scriptGraph(dist, file, staticOnly, seen);
    }
  }
  return seen;
}

/** Every script `entry` (a file in `dist`) loads or may load, itself included, relative to `dist`. */
export function reachableFrom(dist: string, entry: string): string[] {
  return [...scriptGraph(dist, path.join(dist, entry), false)].map((file) => path.relative(dist, file));
}

const isMermaid = (file: string) => /mermaid/i.test(path.basename(file)) || /flowchart-v2|mermaidAPI/.test(readFileSync(file, 'utf8'));

export function measurePage(dist: string, htmlFile: string): PageWeight {
  const html = readFileSync(htmlFile, 'utf8');
  const css = new Set<string>();
  const scripts = new Set<string>();
  const svgs = new Set<string>();
  for (const match of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = match[0];
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (!href) continue;
    const file = assetPath(dist, href, htmlFile);
    if (!file) continue;
    if (/rel="stylesheet"/.test(tag)) css.add(file);
    else if (/rel="modulepreload"/.test(tag)) scripts.add(file);
  }
  for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) {
    const file = assetPath(dist, match[1]!, htmlFile);
    if (file) scripts.add(file);
  }
  for (const match of html.matchAll(/<img\b[^>]*\bsrc="([^"]+\.svg)"/g)) {
    const file = assetPath(dist, match[1]!, htmlFile);
    if (file) svgs.add(file);
  }
  // Inline module scripts import chunks too.
  for (const match of html.matchAll(/<script\b[^>]*type="module"[^>]*>([\s\S]*?)<\/script>/g)) {
    for (const imp of match[1]!.matchAll(/\bimport\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.m?js)["']/g)) {
      const file = assetPath(dist, imp[1]!, htmlFile);
      if (file) scripts.add(file);
    }
  }
  const loaded = new Set<string>();
  const reachable = new Set<string>();
  for (const script of scripts) {
    scriptGraph(dist, script, true, loaded);
    scriptGraph(dist, script, false, reachable);
  }
  // Web workers (`new Worker(new URL("…js", import.meta.url))`) load with the page's scripts.
  const workers = new Set<string>();
  for (const script of reachable) {
    for (const match of readFileSync(script, 'utf8').matchAll(/new Worker\(\s*new URL\(\s*[`"']([^`"']+\.m?js)[`"']/g)) {
      const file = assetPath(dist, match[1]!, script);
      if (file) workers.add(file);
    }
  }
  for (const worker of workers) scriptGraph(dist, worker, false, reachable);
  const sum = (files: Set<string>) => [...files].reduce((n, f) => n + gz(f), 0);
  // Inline SVG (the pre-rendered flowchart) is reported apart from the rest of the HTML.
  const inline = [...html.matchAll(/<svg\b[\s\S]*?<\/svg>/g)].map((m) => m[0]).filter((svg) => svg.length > 2000);
  const bare = inline.reduce((text, svg) => text.replace(svg, ''), html);
  const weight = {
    html: gzipSync(bare, { level: 9 }).length,
    css: sum(css),
    js: sum(loaded),
    svg: sum(svgs) + inline.reduce((n, svg) => n + gzipSync(svg, { level: 9 }).length, 0),
  };
  return {
    page: '/' + path.relative(dist, htmlFile).split(path.sep).join('/').replace(/index\.html$/, ''),
    ...weight,
    total: weight.html + weight.css + weight.js + weight.svg,
    diagramScripts: [...reachable].filter(isMermaid).map((f) => path.relative(dist, f)),
    reachableScripts: [...reachable].map((f) => path.relative(dist, f)),
    workers: [...workers].map((f) => path.relative(dist, f)),
  };
}

export function processPages(dist: string): string[] {
  const pages: string[] = [];
  for (const base of [path.join(dist, 'processes'), path.join(dist, 'en', 'processes')]) {
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base)) {
      const file = path.join(base, name, 'index.html');
      if (existsSync(file)) pages.push(file);
    }
  }
  return pages.sort();
}

/** The in-browser editor's page: its own weight and its lint worker's (which also draws the preview's flowchart). */
export const EDITOR_BUDGET_BYTES = 400 * 1024;

export interface EditorWeight extends PageWeight {
  /** The worker's scripts, gzipped (all load as the page starts). */
  worker: number;
  /** Page and worker: what the editor transfers. */
  withWorker: number;
}

export function measureEditor(dist: string, htmlFile: string): EditorWeight {
  const page = measurePage(dist, htmlFile);
  const worker = new Set<string>();
  for (const file of page.workers) scriptGraph(dist, path.join(dist, file), true, worker);
  const workerBytes = [...worker].reduce((n, f) => n + gz(f), 0);
  return { ...page, worker: workerBytes, withWorker: page.total + workerBytes };
}

export function editorPages(dist: string): string[] {
  return [path.join(dist, 'edit', 'index.html'), path.join(dist, 'en', 'edit', 'index.html')].filter((file) => existsSync(file));
}

export interface BudgetResult {
  pages: PageWeight[];
  editors: EditorWeight[];
  failures: string[];
}

export function checkBudget(dist: string): BudgetResult {
  const pages = processPages(dist).map((file) => measurePage(dist, file));
  const failures: string[] = [];
  if (pages.length === 0) failures.push(`No process pages under ${dist}/processes/. Run \`npm run build\` first.`);
  for (const page of pages) {
    if (page.total >= BUDGET_BYTES) failures.push(`${page.page}: ${kb(page.total)} gzipped (HTML ${kb(page.html)}, CSS ${kb(page.css)}, JS ${kb(page.js)}, SVG ${kb(page.svg)}) is over the ${kb(BUDGET_BYTES)} budget`);
    if (page.diagramScripts.length > 0) failures.push(`${page.page}: ships diagram JavaScript (${page.diagramScripts.join(', ')}); the flowchart is drawn at build time and needs none`);
  }
  const editors = editorPages(dist).map((file) => measureEditor(dist, file));
  for (const editor of editors) {
    if (editor.withWorker >= EDITOR_BUDGET_BYTES) failures.push(`${editor.page}: ${kb(editor.withWorker)} gzipped with its worker (page ${kb(editor.total)}, worker ${kb(editor.worker)}) is over the editor's ${kb(EDITOR_BUDGET_BYTES)} budget`);
  }
  return { pages, editors, failures };
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The training islands (quiz, progress, record) on a page that has them: at most this, gzipped. */
export const TRAINING_BUDGET_BYTES = 10 * 1024;
/** Every training island reads the learner's progress under this key (`site/scripts/training/progress.ts`). */
const TRAINING_MARK = 'hb-training-progress';

export interface TrainingWeight {
  page: string;
  /** The page has a quiz or a learning path (the only pages the training code is for). */
  training: boolean;
  /** Gzipped bytes of the training code it loads: the scripts whose imports reach the progress module, inline ones included. */
  js: number;
  scripts: string[];
}

/** The training code one page loads. */
export function measureTraining(dist: string, htmlFile: string): TrainingWeight {
  const html = readFileSync(htmlFile, 'utf8');
  const page = '/' + path.relative(dist, htmlFile).split(path.sep).join('/').replace(/index\.html$/, '');
  const files = new Set<string>();
  let js = 0;
  const marked = (file: string) => readFileSync(file, 'utf8').includes(TRAINING_MARK);
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    // A script is training code when it, or anything it imports, holds the progress module.
    const src = /\bsrc="([^"]+)"/.exec(match[1]!)?.[1];
    const code = src ? '' : match[2]!;
    const graph = new Set<string>();
    const entry = src ? assetPath(dist, src, htmlFile) : undefined;
    if (entry) scriptGraph(dist, entry, true, graph);
    for (const imp of code.matchAll(/\bimport\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.m?js)["']/g)) {
      const file = assetPath(dist, imp[1]!, htmlFile);
      if (file) scriptGraph(dist, file, true, graph);
    }
    if (!code.includes(TRAINING_MARK) && ![...graph].some(marked)) continue;
    if (code) js += gzipSync(code, { level: 9 }).length;
    for (const file of graph) if (!files.has(file)) (files.add(file), (js += gz(file)));
  }
  return { page, training: /\bdata-(?:quiz|learning-path)\b/.test(html), js, scripts: [...files].map((f) => path.relative(dist, f)) };
}

function htmlPages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** Training code ships only on quiz and learning-path pages, and weighs at most TRAINING_BUDGET_BYTES there. */
export function checkTrainingBudget(dist: string): { pages: TrainingWeight[]; failures: string[] } {
  const pages = htmlPages(dist).map((file) => measureTraining(dist, file));
  const failures: string[] = [];
  for (const page of pages) {
    if (!page.training && page.js > 0) failures.push(`${page.page}: has no quiz or learning path, yet ships training code (${page.scripts.join(', ') || 'inline'}, ${kb(page.js)})`);
    if (page.training && page.js > TRAINING_BUDGET_BYTES) failures.push(`${page.page}: ships ${kb(page.js)} of training code gzipped, over the ${kb(TRAINING_BUDGET_BYTES)} budget`);
  }
  return { pages, failures };
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('check-budget.ts')) {
  const args = process.argv.slice(2);
  const dist = path.resolve(args.find((a) => !a.startsWith('--')) ?? 'dist');
  const budget = checkBudget(dist);
  const training = checkTrainingBudget(dist);
  const { pages, editors } = budget;
  const failures = [...budget.failures, ...training.failures];
  if (args.includes('--json')) {
    console.log(JSON.stringify(pages, null, 2));
  } else if (pages.length > 0) {
    const largest = pages.reduce((a, b) => (b.total > a.total ? b : a));
    const home = existsSync(path.join(dist, 'index.html')) ? measurePage(dist, path.join(dist, 'index.html')) : undefined;
    const line = (p: PageWeight) => `${p.page}: ${kb(p.total)} (HTML ${kb(p.html)}, CSS ${kb(p.css)}, JS ${kb(p.js)}, SVG ${kb(p.svg)})`;
    console.log(`${pages.length} process pages checked against ${kb(BUDGET_BYTES)} gzipped.`);
    if (home) console.log(`home     ${line(home)}`);
    console.log(`largest  ${line(largest)}`);
    const trained = training.pages.filter((p) => p.training && p.js > 0);
    if (trained.length > 0) {
      const heaviest = trained.reduce((a, b) => (b.js > a.js ? b : a));
      console.log(`training code on ${trained.length} quiz and learning-path pages, heaviest ${heaviest.page}: ${kb(heaviest.js)} gzipped (budget ${kb(TRAINING_BUDGET_BYTES)}); other pages: none`);
    }
    for (const editor of editors) console.log(`editor   ${editor.page}: ${kb(editor.withWorker)} with its worker (page ${kb(editor.total)}: HTML ${kb(editor.html)}, CSS ${kb(editor.css)}, JS ${kb(editor.js)}; worker ${kb(editor.worker)}) against ${kb(EDITOR_BUDGET_BYTES)}`);
  }
  if (failures.length > 0) {
    console.error(`Budget exceeded:\n${failures.map((f) => `  ${f}`).join('\n')}`);
    process.exit(1);
  }
}
