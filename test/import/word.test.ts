/**
 * Import of Word procedures, with documents made here by the docx package: the seed's complaint table
 * (its rows copied from the seed document, the fourth cut short as the seed has it), a table with merged
 * cells and a missing column, an English table, and a document with no table. The skeleton is written into
 * a copy of the handbook's registries and linted there: only findings a person must resolve remain.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType } from 'docx';
import { afterAll, describe, expect, it } from 'vitest';
import { ProcessSchema } from '../../schemas/process.ts';
import { splitFrontMatter } from '../../scripts/core/source.ts';
import { importWord } from '../../scripts/import/cli.ts';
import { ImportError, readWordProcedure } from '../../scripts/import/word.ts';
import { parse } from 'yaml';

const SEED_HEADER = ['流程步骤', '操作说明', '责任部门/岗位', '时间要求', '输出成果', '关键控制点'];
/** The seed's “客户投诉处理流程” template table (seeds/002), as written there. */
const SEED_ROWS = [
  ['1.投诉接收', '客户通过电话、官网或APP提交投诉,客服人员记录投诉内容(含问题描述、客户信息、联系方式)', '客服部/客服专员', '即时', '《客户投诉登记表》', '保证信息完整,避免遗漏关键细节'],
  ['2.投诉分类', '根据“产品质量、服务态度、物流延迟”等维度分类,判定紧急程度(普通/紧急/特急)', '客服部/投诉主管', '接收后30分钟内', '《投诉分类与优先级表》', '紧急投诉需同步上报运营总监'],
  ['3.分派处理', '将投诉分派至对应责任部门(如产品质量问题分派至品控部,服务态度分派至人力资源部)', '客服部/投诉主管', '分类后1小时内', '《投诉分派通知单》', '分派需明确处理人与截止时间'],
  ['4.调查与处理', '责任部门调查原因,制定解决方案(如退款、换货、整改培训),与客户沟通确认', '责任部门/专员', '', '', ''],
];

type Cell = string | { text: string; merge?: 'restart' | 'continue'; span?: number };
const cell = (value: Cell) => {
  const spec = typeof value === 'string' ? { text: value } : value;
  return new TableCell({
    children: [new Paragraph(spec.text)],
    ...(spec.merge ? { verticalMerge: spec.merge === 'restart' ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE } : {}),
    ...(spec.span ? { columnSpan: spec.span } : {}),
  });
};
const table = (rows: Cell[][]) => new Table({ rows: rows.map((row) => new TableRow({ children: row.map(cell) })) });
const word = (children: Array<Paragraph | Table>) => Packer.toBuffer(new Document({ sections: [{ children }] }));

const root = mkdtempSync(path.join(tmpdir(), 'import-'));
mkdirSync(path.join(root, 'processes'), { recursive: true });
for (const file of ['processes/org.yml', 'processes/forms.yml', 'processlint.config.yml']) copyFileSync(file, path.join(root, file));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function importDoc(name: string, buffer: Buffer, extra: { id?: string; category?: 'business' | 'management'; owner?: string } = {}) {
  writeFileSync(path.join(root, `${name}.docx`), buffer);
  const result = await importWord({ docx: `${name}.docx`, root, processes: 'processes', id: extra.id ?? name, category: extra.category ?? 'business', today: '2026-11-30', ...(extra.owner ? { owner: extra.owner } : {}) });
  const front = parse(splitFrontMatter(result.text).frontMatter!);
  return { ...result, spec: ProcessSchema.parse(front) };
}

describe('importing the seed’s complaint table', async () => {
  const buffer = await word([
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('客户投诉处理流程')] }),
    new Paragraph('流程目标：提升客户投诉响应效率'),
    table([SEED_HEADER, ...SEED_ROWS]),
  ]);
  const imported = await importDoc('complaint-import', buffer);

  it('writes the steps in table order, named without their numbers, as a sequence', () => {
    expect(imported.file).toBe('processes/business/complaint-import.md');
    expect(readFileSync(path.join(root, imported.file), 'utf8')).toBe(imported.text);
    expect(imported.spec.title).toBe('客户投诉处理流程');
    expect(imported.spec.goal).toBe('提升客户投诉响应效率');
    expect(imported.spec.steps.map((step) => [step.id, step.name, step.next])).toEqual([
      ['step-1', '投诉接收', 'step-2'],
      ['step-2', '投诉分类', 'step-3'],
      ['step-3', '分派处理', 'step-4'],
      ['step-4', '调查与处理', undefined],
    ]);
    expect(imported.spec.steps[0]!.action).toBe(SEED_ROWS[0]![1]);
    expect(imported.spec.steps[0]!.outputs).toEqual(['《客户投诉登记表》']);
    expect(imported.spec.steps[2]!.controls).toEqual(['分派需明确处理人与截止时间']);
  });

  it('matches roles to org.yml by name and reports the one it cannot match', () => {
    expect(imported.spec.steps.map((step) => step.role)).toEqual(['cs-agent', 'complaint-supervisor', 'complaint-supervisor', undefined]);
    expect(imported.spec.owner).toBe('cs-agent');
    expect(imported.spec.department).toBe('customer-service');
    expect(imported.notes.some((note) => note.row === 4 && note.zh.includes('“责任部门/专员”不在 org.yml 中'))).toBe(true);
  });

  it('keeps the time limits, parsed, and reports the missing one', () => {
    expect(imported.spec.steps.map((step) => step.deadline)).toEqual(['即时', '接收后30分钟内', '分类后1小时内', undefined]);
    expect(imported.notes.some((note) => note.row === 4 && note.zh.includes('没有时间要求'))).toBe(true);
    expect(imported.notes.some((note) => note.zh.includes('无法解析'))).toBe(false);
  });

  it('lints with only findings a person must resolve', () => {
    // The unmatched role and the missing time limit of row 4 are the document's gaps, and all that is left.
    expect(imported.findings.map((finding) => finding.ruleId).sort()).toEqual(['step-deadline', 'step-owner']);
    const step4 = imported.text.split('\n').indexOf('  - id: step-4') + 1;
    expect(imported.findings.every((finding) => finding.line === step4)).toBe(true);
    for (const finding of imported.findings) expect(finding.message).not.toMatch(/^[\w-]+\/[\w-]+$/);
  });

  it('never writes over an existing spec', async () => {
    await expect(importDoc('complaint-import', buffer)).rejects.toThrow(/already exists/);
  });
});

describe('importing other tables', () => {
  it('spreads merged cells over the rows they cover and reports a missing column', async () => {
    const buffer = await word([
      table([
        ['步骤', '操作说明', '责任部门/岗位', '时间要求', '输出成果'],
        ['1、申请', '填写申请单', { text: '客服部/客服专员', merge: 'restart' }, '2个工作日内', '《申请单》、《附件》'],
        ['2、复核', '复核申请', { text: '', merge: 'continue' }, '下周找时间', '《复核记录》'],
        ['3、归档', { text: '归档全部材料', span: 2 }, '即时', '《档案》'],
      ]),
    ]);
    const imported = await importDoc('merged-import', buffer);
    expect(imported.spec.steps.map((step) => [step.name, step.role, step.deadline])).toEqual([
      ['申请', 'cs-agent', '2个工作日内'],
      ['复核', 'cs-agent', '下周找时间'],
      ['归档', undefined, '即时'],
    ]);
    expect(imported.spec.steps[0]!.outputs).toEqual(['《申请单》', '《附件》']);
    expect(imported.spec.steps[2]!.action).toBe('归档全部材料');
    expect(imported.notes.some((note) => note.zh.includes('表格没有“关键控制点”一列'))).toBe(true);
    expect(imported.notes.some((note) => note.row === 2 && note.zh.includes('“下周找时间”无法解析'))).toBe(true);
  });

  it('reads English headings and suggests the nearest role name', async () => {
    const buffer = await word([table([['Step', 'Action', 'Role', 'Deadline'], ['Receive', 'Log the complaint', '客服专', '30m']])]);
    const procedure = await readWordProcedure(buffer, 'english.docx');
    expect(procedure.columns).toEqual(['step', 'action', 'role', 'deadline']);
    // No role matched, so the owner is unknown: the importer asks for it instead of guessing.
    await expect(importDoc('english-import', buffer)).rejects.toThrow(ImportError);
    const imported = await importDoc('english-import-2', buffer, { owner: 'cs-manager' });
    expect(imported.spec.steps[0]!.deadline).toBe('30m');
    expect(imported.notes.some((note) => note.en.includes('the role "客服专" is not in org.yml (did you mean "客服专员"?)'))).toBe(true);
  });

  it('says clearly when a document has no table', async () => {
    const buffer = await word([new Paragraph('只有一段文字，没有表格。')]);
    await expect(readWordProcedure(buffer, 'notable.docx')).rejects.toThrow('notable.docx has no table: expected a table whose header row names 流程步骤');
    await expect(readWordProcedure(Buffer.from('not a zip'), 'broken.docx')).rejects.toThrow(/^broken\.docx: not a Word document/);
  });
});
