/**
 * The Word controlled copies, read back as a reader's tools read them: mammoth's text finds every step's
 * row (name, action, role, outputs, controls) and the header fields (process id, version, effective
 * date, owner, approver) are in the page header; the tables repeat their header row and may break across
 * pages; Chinese is set in the CJK font; the whole handbook has a table of contents. Hostile text stays
 * text.
 */
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { handbookDocx, toDocx } from '../../scripts/export/docx.ts';
import { readExportHandbook } from '../../scripts/export/handbook.ts';
import { stepFacts } from '../../scripts/export/step-facts.ts';
import { stepNumbers } from '../../scripts/model/graph.ts';

const { handbook } = readExportHandbook('processes');
const hostile = readExportHandbook('test/fixtures/hostile').handbook;
// A 1×1 PNG: the picture's place in the document is checked, not its pixels.
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const xmlText = (xml: string) => xml.replace(/<[^>]+>/g, '');

async function read(buffer: Buffer) {
  const zip = await JSZip.loadAsync(buffer);
  const file = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  const headers = await Promise.all(Object.keys(zip.files).filter((name) => /^word\/header\d*\.xml$/.test(name)).map(file));
  return { text: (await mammoth.extractRawText({ buffer })).value, document: await file('word/document.xml'), styles: await file('word/styles.xml'), headers, media: Object.keys(zip.files).filter((name) => name.startsWith('word/media/')) };
}

describe('the Word copy of each process', () => {
  it.each(handbook.entries.map((entry) => [entry.spec.id, entry] as const))('%s has every step row and the controlled-copy header', async (_id, entry) => {
    const docx = await read(await toDocx(entry, handbook.org, { flowcharts: new Map([[entry.spec.id, { png: PIXEL, width: 800, height: 1200 }]]) }));
    const numbers = stepNumbers(entry.model);
    for (const node of entry.model.steps) {
      const facts = stepFacts(entry.model, node, handbook.org, 'zh-CN');
      expect(docx.text).toContain(`${numbers.get(node.step.id)}. ${facts.name}`);
      if (facts.action) expect(docx.text).toContain(facts.action);
      if (facts.role) expect(docx.text).toContain(facts.role);
      if (facts.deadline) expect(docx.text).toContain(facts.deadline);
      for (const line of [...facts.outputs, ...facts.controls]) expect(docx.text).toContain(line);
    }
    const header = docx.headers.map(xmlText).join('\n');
    const spec = entry.spec;
    expect(header).toContain('受控文件');
    expect(header).toContain(`流程编号：${spec.id}`);
    expect(header).toContain(`版本：${spec.version}`);
    expect(header).toContain(`生效日期：${spec.lifecycle?.release?.effective ?? '未填写'}`);
    expect(header).toContain(`流程负责人：${handbook.org!.roles.get(spec.owner)!.name}`);
    const approver = spec.lifecycle?.review?.approvedBy;
    expect(header).toContain(`批准人：${approver ? handbook.org!.roles.get(approver)!.name : '未填写'}`);
    expect(docx.media).toHaveLength(1);
  });

  it('has the sections of the seed template, in order, with repeated header rows and rows that may break', async () => {
    const entry = handbook.byId.get('customer-complaint')![0]!;
    const docx = await read(await toDocx(entry, handbook.org));
    const order = ['流程目标', '流程范围', '关键绩效指标', '流程图', '职责表', 'RACI 矩阵', '异常处理预案', '生命周期', '修订记录'].map((heading) => docx.text.indexOf(`\n${heading}\n`));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    for (const heading of ['流程步骤', '操作说明', '责任部门/岗位', '时间要求', '输出成果', '关键控制点']) expect(docx.text).toContain(heading);
    // Every table but the header's facts repeats its first row on each page; no row is kept from breaking.
    expect((docx.document.match(/<w:tblHeader\/>|<w:tblHeader w:val="(?:true|1|on)"\/>/g) ?? []).length).toBeGreaterThanOrEqual(6);
    expect(docx.document).not.toMatch(/<w:cantSplit\/>|<w:cantSplit w:val="(?:true|1|on)"\/>/);
    expect(docx.styles).toContain('w:eastAsia="Noto Sans CJK SC"');
    // Lifecycle stages with their outputs, revision history newest first.
    expect(docx.text).toContain('《流程目标与范围说明书》');
    expect(docx.text.indexOf('3.0.0')).toBeLessThan(docx.text.indexOf('1.0.0'));
    expect(docx.text).toContain('R 执行 · A 批准/最终负责 · C 征询意见 · I 知会');
  });

  it('for the whole handbook has a table of contents and one section per process', async () => {
    const entries = handbook.entries.slice(0, 3);
    const docx = await read(await handbookDocx(entries, handbook.org, '运营流程手册'));
    expect(docx.document).toContain('TOC \\h \\o &quot;1-1&quot;');
    // Filled in from the headings, so it reads before Word updates it.
    for (const entry of entries) expect(docx.document).toMatch(new RegExp(`w:anchor="_Toc\\d+"[^]*?${entry.spec.title}`));
    for (const entry of entries) expect(docx.text.split(entry.spec.title).length).toBeGreaterThanOrEqual(3);
    expect(docx.headers.length).toBeGreaterThanOrEqual(entries.length);
  });
});

describe('hostile text in the Word copy', () => {
  it('reads back exactly as written and adds no markup', async () => {
    for (const entry of hostile.entries) {
      const buffer = await toDocx(entry, hostile.org);
      const docx = await read(buffer);
      // A name's line breaks become paragraph breaks.
      const flat = (text: string) => text.replace(/\s+/g, ' ');
      for (const node of entry.model.steps) expect(flat(docx.text)).toContain(flat(node.step.name));
      expect(docx.document).not.toMatch(/<script|<svg|<img/i);
      const html = (await mammoth.convertToHtml({ buffer })).value;
      expect(html).not.toMatch(/<script|<svg|<img/i);
    }
  });
});
