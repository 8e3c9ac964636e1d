/**
 * The exports as the site publishes them: a small handbook (test/fixtures/site-mini, one ordinary process
 * and one full of hostile text) built with Chromium, so its build prints every page to PDF and writes the
 * Word copies with the site's flowchart. pdftotext (poppler-utils) reads the PDF back: the table's rows, the
 * header and the footer (page x of y, 打印件为非受控文件, the print date). Hostile text prints as text.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExportHandbook } from '../../scripts/export/handbook.ts';
import { exportHandbook } from '../../scripts/export/run.ts';
import { stepFacts } from '../../scripts/export/step-facts.ts';
import { formName } from '../../scripts/model/handbook.ts';
import { buildSite } from '../e2e/build.ts';

const FIXTURE = 'test/fixtures/site-mini';
const TODAY = '2026-11-23';
const work = mkdtempSync(path.join(tmpdir(), 'handbook-exports-'));
const dist = path.join(work, 'dist');
const { handbook } = readExportHandbook(FIXTURE);
let log = '';

beforeAll(async () => {
  log = await buildSite(dist, { HANDBOOK_TODAY: TODAY, HANDBOOK_PROCESSES_DIR: FIXTURE, HANDBOOK_ASTRO_CACHE: path.join(work, 'cache') });
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

// -raw: in the order Chromium wrote the text, so a table cell's lines stay together.
const pdfText = (file: string) => execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
const pages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
const flat = (text: string) => text.replace(/\s+/g, '');

describe('exports published with the site', () => {
  it('writes BPMN, Word and PDF for every process and Word and PDF for the whole handbook, and says so in the build log', () => {
    const files = readdirSync(path.join(dist, 'exports')).sort();
    const ids = handbook.entries.map((entry) => entry.spec.id);
    expect(files).toEqual([...ids.flatMap((id) => [`${id}.bpmn`, `${id}.docx`, `${id}.pdf`]), 'handbook.docx', 'handbook.pdf'].sort());
    expect(log).toMatch(/\[handbook-exports\] \d+ export files \(bpmn, docx, pdf\)/);
  });

  it('links each process page to its three files, and the catalogue to the whole handbook', () => {
    for (const entry of handbook.entries) {
      const html = readFileSync(path.join(dist, 'processes', entry.spec.id, 'index.html'), 'utf8');
      for (const format of ['bpmn', 'docx', 'pdf']) expect(html).toContain(`href="/exports/${entry.spec.id}.${format}"`);
    }
    const catalogue = readFileSync(path.join(dist, 'processes', 'index.html'), 'utf8');
    expect(catalogue).toContain('href="/exports/handbook.pdf"');
    expect(catalogue).toContain('href="/exports/handbook.docx"');
  });

  it('prints the PDF with the site’s page: every row of the table, and the controlled-copy header and footer on each page', () => {
    const entry = handbook.byId.get('return-request')![0]!;
    const file = path.join(dist, 'exports', 'return-request.pdf');
    const text = flat(pdfText(file));
    for (const node of entry.model.steps) {
      const facts = stepFacts(entry.model, node, handbook.org, 'zh-CN');
      expect(text).toContain(flat(facts.name));
      if (facts.action) expect(text).toContain(flat(facts.action));
      // The site shows a form by its name, linked to its page.
      for (const output of facts.outputs) expect(text).toContain(flat(formName(output)));
    }
    const count = pages(file);
    expect(count).toBeGreaterThan(0);
    for (let page = 1; page <= count; page++) {
      const one = flat(execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' }));
      expect(one).toContain(flat(`第 ${page} 页，共 ${count} 页`));
      expect(one).toContain('打印件为非受控文件');
      expect(one).toContain(flat(`打印日期：${TODAY}`));
      expect(one).toContain('退货申请流程');
      expect(one).toContain(flat('版本 1.0.0'));
    }
    // The download links and the site's navigation are not on paper.
    expect(text).not.toContain('下载：');
  });

  it('prints the whole handbook with every process in it', () => {
    const text = flat(pdfText(path.join(dist, 'exports', 'handbook.pdf')));
    for (const entry of handbook.entries) for (const node of entry.model.steps) expect(text).toContain(flat(node.step.name).slice(0, 20));
  });

  it('puts the site’s flowchart in the Word copy', async () => {
    const buffer = readFileSync(path.join(dist, 'exports', 'return-request.docx'));
    const zip = await JSZip.loadAsync(buffer);
    const media = Object.keys(zip.files).filter((name) => name.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    const png = await zip.file(media[0]!)!.async('uint8array');
    expect([...png.slice(1, 4)].map((byte) => String.fromCharCode(byte)).join('')).toBe('PNG');
    expect(png.length).toBeGreaterThan(5_000);
    expect((await mammoth.extractRawText({ buffer })).value).toContain('1. 受理退货申请');
  });

  it('prints hostile text as text', async () => {
    const entry = handbook.byId.get('hostile-input')![0]!;
    const text = flat(pdfText(path.join(dist, 'exports', 'hostile-input.pdf')));
    expect(text).toContain(flat('<img src=x onerror="window.__pwned=3"> javascript:alert(1)'));
    expect(text).toContain(flat(entry.spec.steps[1]!.name).slice(0, 30));
    const html = (await mammoth.convertToHtml({ buffer: readFileSync(path.join(dist, 'exports', 'hostile-input.docx')) })).value;
    expect(html).toContain('&lt;img src=x onerror="window.__pwned=3"&gt;');
    expect(html).not.toMatch(/<script/i);
    // The one picture is the flowchart.
    expect(html.split('<img').length - 1).toBe(1);
    expect(html).toMatch(/<img alt="[^"<>]*" src="data:image\/png;base64,/);
  });

  it('answers npm run export from the built site, reprinting nothing that has not changed', async () => {
    const out = path.join(work, 'cli');
    const lines: string[] = [];
    const written = await exportHandbook({ processes: FIXTURE, out, formats: ['pdf', 'docx'], ids: ['return-request'], site: dist, title: '手册', today: TODAY, log: (line) => lines.push(line) });
    expect(written.sort()).toEqual(['return-request.docx', 'return-request.pdf']);
    expect(lines.join('\n')).toContain('pages printed: 0, 1 from .cache/exports');
    expect(readFileSync(path.join(out, 'return-request.pdf')).equals(readFileSync(path.join(dist, 'exports', 'return-request.pdf')))).toBe(true);
  });
});
