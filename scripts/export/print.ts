import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { Browser, Page } from 'playwright-core';
import type { Process } from '../../schemas/process.ts';
import type { Locale } from '../core/messages.ts';
import { processTitle } from '../../site/lib/format.ts';
import { useTranslations } from '../../site/lib/i18n.ts';
import type { FlowchartImage } from './docx.ts';

/**
 * The built site, printed: each process page loaded in Chromium from the site folder (no server: the
 * page's requests are answered from the files), its flowchart photographed for the Word copy and the
 * page printed to PDF with the site's own print styles. So the PDF is the page readers know, the
 * flowchart is the very SVG the site shows, and nothing is drawn twice.
 */

const ORIGIN = 'http://handbook.local';

export interface PrintedProcess {
  flowchart?: FlowchartImage;
  pdf: Uint8Array;
}

/** A page whose requests under ORIGIN are served from `site` (the built site's folder). */
export async function sitePage(browser: Browser, site: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1.5 });
  const page = await context.newPage();
  const root = path.resolve(site);
  await page.route(`${ORIGIN}/**`, async (route) => {
    const pathname = decodeURIComponent(new URL(route.request().url()).pathname);
    let file = path.join(root, path.normalize(pathname));
    if (file !== root && !file.startsWith(root + path.sep)) return route.fulfill({ status: 403 });
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    return existsSync(file) ? route.fulfill({ path: file }) : route.fulfill({ status: 404 });
  });
  return page;
}

export function processPageUrl(id: string, locale: Locale = 'zh-CN'): string {
  return `${ORIGIN}${locale === 'en' ? '/en' : ''}/processes/${id}/`;
}

/** Header and footer of every printed page, built as a tree so spec text is escaped. */
function margins(spec: Pick<Process, 'title' | 'titleEn' | 'version' | 'lifecycle'> | undefined, heading: string, today: string, locale: Locale) {
  const t = useTranslations(locale);
  const small = 'font-family:"Noto Sans CJK SC","Noto Sans",sans-serif;font-size:8px;color:#333;width:100%;margin:0 12mm;display:flex;justify-content:space-between;gap:8px';
  const facts = spec ? `${t('process.version')} ${spec.version} · ${t('process.effective')} ${spec.lifecycle?.release?.effective ?? t('process.notSet')}` : '';
  const header = h('div', { style: small }, [h('span', heading), h('span', facts)]);
  const [before, after] = t('export.page', { page: '\u0000', pages: '\u0001' }).split('\u0000') as [string, string];
  const [between, end] = after.split('\u0001') as [string, string];
  const footer = h('div', { style: small }, [
    h('span', [before, h('span.pageNumber'), between, h('span.totalPages'), end]),
    h('span', t('export.uncontrolled')),
    h('span', t('export.printed', { date: today })),
  ]);
  return { headerTemplate: toHtml(header), footerTemplate: toHtml(footer) };
}

const PDF_OPTIONS = { format: 'A4', printBackground: true, displayHeaderFooter: true, margin: { top: '18mm', bottom: '18mm', left: '12mm', right: '12mm' } } as const;

/** One process page: its flowchart as a PNG (when the build drew one) and the page as PDF. */
export async function printProcess(page: Page, spec: Process, today: string, locale: Locale = 'zh-CN'): Promise<PrintedProcess> {
  await page.emulateMedia({ media: 'screen', colorScheme: 'light' });
  const response = await page.goto(processPageUrl(spec.id, locale), { waitUntil: 'load' });
  if (!response?.ok()) throw new Error(`the built site has no page for ${spec.id} (${response?.status() ?? 'no response'})`);
  await page.evaluate(() => document.fonts.ready);
  let flowchart: FlowchartImage | undefined;
  const svg = page.locator('.hb-diagram svg').first();
  if ((await svg.count()) > 0) {
    const box = await svg.boundingBox();
    if (box && box.width > 0 && box.height > 0) flowchart = { png: await svg.screenshot({ type: 'png', omitBackground: false }), width: Math.round(box.width), height: Math.round(box.height) };
  }
  await page.emulateMedia({ media: 'print', colorScheme: 'light' });
  const pdf = await page.pdf({ ...PDF_OPTIONS, ...margins(spec, processTitle(spec, locale), today, locale) });
  return { ...(flowchart ? { flowchart } : {}), pdf };
}

/**
 * The whole handbook as one PDF: the first process page, with every other process page's article
 * appended (parsed and moved with the browser's DOM), each starting on a new page.
 */
export async function printHandbook(page: Page, specs: Process[], title: string, today: string, locale: Locale = 'zh-CN'): Promise<Buffer> {
  if (specs.length === 0) throw new Error('the handbook has no process to print');
  await page.emulateMedia({ media: 'print', colorScheme: 'light' });
  await page.goto(processPageUrl(specs[0]!.id, locale), { waitUntil: 'load' });
  await page.evaluate(
    async ({ urls, title }) => {
      const first = document.querySelector('article.hb-process')!;
      const host = first.parentElement!;
      const heading = document.querySelector('h1');
      const titleOf = (doc: Document) => doc.querySelector('h1')?.textContent ?? '';
      const firstTitle = document.createElement('h1');
      firstTitle.textContent = heading?.textContent ?? '';
      first.prepend(firstTitle);
      if (heading) heading.textContent = title;
      for (const url of urls) {
        const doc = new DOMParser().parseFromString(await (await fetch(url)).text(), 'text/html');
        const article = doc.querySelector('article.hb-process');
        if (!article) continue;
        const name = document.createElement('h1');
        name.textContent = titleOf(doc);
        const section = document.createElement('section');
        section.style.breakBefore = 'page';
        section.append(name, document.adoptNode(article));
        host.append(section);
      }
    },
    { urls: specs.slice(1).map((spec) => processPageUrl(spec.id, locale)), title },
  );
  await page.evaluate(() => document.fonts.ready);
  return page.pdf({ ...PDF_OPTIONS, ...margins(undefined, title, today, locale) });
}
