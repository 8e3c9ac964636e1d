import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumLaunchOptions, findChromium, NO_CHROMIUM_HINT } from '../chromium.ts';
import { closest } from '../core/friendly-issues.ts';
import type { Locale } from '../core/messages.ts';
import type { HandbookEntry } from '../model/handbook.ts';
import { toBpmn } from './bpmn.ts';
import { handbookDocx, toDocx, type FlowchartImage } from './docx.ts';
import { readExportHandbook } from './handbook.ts';
import { printHandbook, printProcess, sitePage } from './print.ts';

export const FORMATS = ['bpmn', 'docx', 'pdf'] as const;
export type ExportFormat = (typeof FORMATS)[number];

/** The whole handbook's files are named so; a process id cannot be (ids are kebab-case words, and this is one). */
export const HANDBOOK_FILE = 'handbook';

export interface ExportOptions {
  /** The specs' folder (processes/). */
  processes: string;
  out: string;
  formats: readonly ExportFormat[];
  /** Process ids, or undefined for all of them (and the whole-handbook files). */
  ids?: string[];
  /** The built site (Word and PDF print its pages); required for those formats. */
  site?: string;
  locale?: Locale;
  /** The handbook's title (the whole-handbook files). */
  title: string;
  /** The print date in the footer. */
  today: string;
  /** Progress lines. */
  log?: (line: string) => void;
}

/** A mistake in what was asked for: the command line prints it as one line, exit 2. */
export class ExportRequestError extends Error {
  override name = 'ExportRequestError';
}

/** Writes the requested exports into `out`; returns the files written, relative to `out`. */
export async function exportHandbook(options: ExportOptions): Promise<string[]> {
  const locale = options.locale ?? 'zh-CN';
  const log = options.log ?? (() => {});
  const { handbook, problems } = readExportHandbook(options.processes, locale);
  for (const problem of problems) log(`skipped (cannot be read): ${problem}`);
  const known = new Map(handbook.entries.map((entry) => [entry.spec.id, entry]));
  const entries: HandbookEntry[] = [];
  for (const id of options.ids ?? [...known.keys()]) {
    const entry = known.get(id);
    if (!entry) {
      const guess = closest(id, [...known.keys()]);
      throw new ExportRequestError(`no process "${id}" in ${options.processes}${guess ? ` (did you mean "${guess}"?)` : ''}`);
    }
    entries.push(entry);
  }
  const whole = options.ids === undefined;
  const needsSite = options.formats.some((format) => format !== 'bpmn');
  if (needsSite && (!options.site || !existsSync(path.join(options.site, 'index.html')))) {
    throw new ExportRequestError(`Word and PDF are printed from the built site, and ${options.site ?? 'no site folder'} has none: run \`npm run build\` first, or pass --site DIR`);
  }
  mkdirSync(options.out, { recursive: true });
  const written: string[] = [];
  const write = (name: string, data: string | Uint8Array) => {
    writeFileSync(path.join(options.out, name), data);
    written.push(name);
  };

  if (options.formats.includes('bpmn')) {
    let cached = 0;
    const bpmnKey = bpmnKeys(handbook.org?.org, locale);
    for (const entry of entries) {
      const key = bpmnKey(entry);
      let xml = readFileIfAny(path.join(CACHE_DIR, `${key}.bpmn`))?.toString('utf8');
      if (xml === undefined) cacheFile(path.join(CACHE_DIR, `${key}.bpmn`), (xml = await toBpmn(entry.model, handbook.org, { locale })));
      else cached++;
      write(`${entry.spec.id}.bpmn`, xml);
    }
    log(`BPMN: ${entries.length} processes (${cached} unchanged, from .cache/exports)`);
  }
  if (!needsSite) return written;

  const executablePath = findChromium();
  if (!executablePath) throw new ExportRequestError(`Word and PDF need Chromium, and none was found: ${NO_CHROMIUM_HINT}`);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch(chromiumLaunchOptions(executablePath));
  try {
    const flowcharts = new Map<string, FlowchartImage>();
    const pdfs = new Map<string, Uint8Array>();
    const started = Date.now();
    const keys = new Map(entries.map((entry) => [entry.spec.id, printKey(options.site!, entry.spec.id, options.today, locale)]));
    const todo = entries.filter((entry) => {
      const cached = readPrinted(keys.get(entry.spec.id)!);
      if (!cached) return true;
      pdfs.set(entry.spec.id, cached.pdf);
      if (cached.flowchart) flowcharts.set(entry.spec.id, cached.flowchart);
      return false;
    });
    const wholeKey = createHash('sha256').update([options.title, ...entries.map((entry) => keys.get(entry.spec.id)!)].join('\n')).digest('hex').slice(0, 32);
    const wholePdf = whole && options.formats.includes('pdf') ? readFileIfAny(path.join(CACHE_DIR, `${wholeKey}.pdf`)) : undefined;
    // Pages print side by side (one per core, at most 2): a page spends most of its time in Chromium.
    let next = 0;
    const lane = async () => {
      const page = await sitePage(browser, options.site!);
      for (let index = next++; index < todo.length; index = next++) {
        const entry = todo[index]!;
        const printed = await printProcess(page, entry.spec, options.today, locale);
        pdfs.set(entry.spec.id, printed.pdf);
        if (printed.flowchart) flowcharts.set(entry.spec.id, printed.flowchart);
        writePrinted(keys.get(entry.spec.id)!, printed);
      }
      await page.context().close();
    };
    await Promise.all(Array.from({ length: Math.min(todo.length, Math.max(1, Math.min(2, availableParallelism()))) }, lane));
    if (options.formats.includes('pdf')) for (const entry of entries) write(`${entry.spec.id}.pdf`, pdfs.get(entry.spec.id)!);
    if (whole && options.formats.includes('pdf')) {
      let pdf = wholePdf;
      if (!pdf) {
        const page = await sitePage(browser, options.site!);
        pdf = await printHandbook(page, entries.map((entry) => entry.spec), options.title, options.today, locale);
        await page.context().close();
        cacheFile(path.join(CACHE_DIR, `${wholeKey}.pdf`), pdf);
      }
      write(`${HANDBOOK_FILE}.pdf`, pdf);
    }
    log(`pages printed: ${todo.length}, ${entries.length - todo.length} from .cache/exports, in ${Date.now() - started} ms`);
    if (options.formats.includes('docx')) {
      for (const entry of entries) write(`${entry.spec.id}.docx`, await toDocx(entry, handbook.org, { locale, flowcharts }));
      if (whole) write(`${HANDBOOK_FILE}.docx`, await handbookDocx(entries, handbook.org, options.title, { locale, flowcharts }));
      log(`Word: ${entries.length} processes${whole ? ' and the handbook' : ''}`);
    }
  } finally {
    await browser.close();
  }
  return written;
}

const CACHE_DIR = path.resolve('.cache/exports');
const PRINT_SOURCE = readFileSync(fileURLToPath(new URL('./print.ts', import.meta.url)), 'utf8');

/**
 * What a printed page depends on: the built page itself (its HTML names the stylesheets by their
 * content hash and holds the flowchart's SVG), the print date, the language and the printing code. A
 * rebuild reprints only the pages that changed.
 */
function printKey(site: string, id: string, today: string, locale: Locale): string {
  const html = readFileSync(path.join(site, locale === 'en' ? 'en' : '', 'processes', id, 'index.html'));
  return createHash('sha256').update(PRINT_SOURCE).update(`\n${today}\n${locale}\n`).update(html).digest('hex').slice(0, 32);
}

/**
 * What a process's BPMN file depends on: the process, and what every file shares: the org registry,
 * the language and the code it comes from (the exporter, the flowchart's diagram, the model and the
 * schema). The shared part is read and hashed once per run; a rebuild writes again only what changed.
 */
function bpmnKeys(org: unknown, locale: Locale): (entry: HandbookEntry) => string {
  const shared = createHash('sha256');
  for (const folder of ['scripts/export', 'scripts/flowchart', 'scripts/model', 'schemas']) {
    const dir = fileURLToPath(new URL(`../../${folder}/`, import.meta.url));
    for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts')).sort()) shared.update(readFileSync(path.join(dir, file)));
  }
  const digest = shared.update(`\n${locale}\n`).update(JSON.stringify(org)).digest('hex');
  return (entry) => createHash('sha256').update(digest).update(JSON.stringify(entry.spec)).digest('hex').slice(0, 32);
}

function readPrinted(key: string): { pdf: Uint8Array; flowchart?: FlowchartImage } | undefined {
  const pdf = readFileIfAny(path.join(CACHE_DIR, `${key}.pdf`));
  const meta = readFileIfAny(path.join(CACHE_DIR, `${key}.json`));
  if (!pdf || !meta) return undefined;
  const size = JSON.parse(meta.toString('utf8')) as { width?: number; height?: number };
  const png = size.width ? readFileIfAny(path.join(CACHE_DIR, `${key}.png`)) : undefined;
  if (size.width && !png) return undefined;
  return { pdf, ...(png ? { flowchart: { png, width: size.width!, height: size.height! } } : {}) };
}

function writePrinted(key: string, printed: { pdf: Uint8Array; flowchart?: FlowchartImage }): void {
  if (printed.flowchart) cacheFile(path.join(CACHE_DIR, `${key}.png`), printed.flowchart.png);
  cacheFile(path.join(CACHE_DIR, `${key}.pdf`), printed.pdf);
  // The size last: it is what marks the entry complete.
  cacheFile(path.join(CACHE_DIR, `${key}.json`), JSON.stringify(printed.flowchart ? { width: printed.flowchart.width, height: printed.flowchart.height } : {}));
}

function readFileIfAny(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Write then rename: a concurrent build never reads half a file. */
function cacheFile(file: string, data: string | Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.${process.pid}.tmp`, data);
  renameSync(`${file}.${process.pid}.tmp`, file);
}
