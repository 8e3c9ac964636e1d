import type { Element, ElementContent, Root } from 'hast';
import { toText } from 'hast-util-to-text';
import mammoth from 'mammoth';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { parseDocument } from 'yaml';
import type { Org } from '../../schemas/org.ts';
import type { Process } from '../../schemas/process.ts';
import { closest } from '../core/friendly-issues.ts';
import { splitFrontMatter } from '../core/source.ts';
import { parseDeadline } from '../model/deadline.ts';
import { renderSkeleton, type Category } from '../new.ts';

/**
 * Import of a Word procedure in the seed's template: the responsibility table is found by its column
 * headings (Chinese or English), each row becomes a step in table order, and what the document says
 * about itself (title, goal, scope) fills the skeleton `npm run new` writes. Roles are matched to the
 * org registry by name; what cannot be matched or read is kept as written and reported, for the process
 * owner to resolve. Word is read by mammoth and its HTML by a real HTML parser (rehype).
 */

export type Column = 'step' | 'action' | 'role' | 'deadline' | 'outputs' | 'controls';

/** Headings each column is known by, compared without spaces and case. */
const HEADINGS: Record<Column, string[]> = {
  step: ['流程步骤', '步骤', '步骤名称', '环节', 'step', 'steps', 'stepname', 'processstep'],
  action: ['操作说明', '操作内容', '工作内容', '说明', 'action', 'actions', 'instructions', 'description', 'operatinginstructions'],
  role: ['责任部门/岗位', '责任部门／岗位', '责任岗位', '责任部门', '岗位', '责任人', 'department/role', 'role', 'responsible', 'owner', 'responsibility'],
  deadline: ['时间要求', '时限', '完成时限', 'deadline', 'timelimit', 'time', 'timing'],
  outputs: ['输出成果', '输出', '输出物', '输出文件', 'outputs', 'output', 'deliverables'],
  controls: ['关键控制点', '控制点', '控制要点', 'keycontrols', 'controls', 'controlpoints', 'keycontrolpoints'],
};

const key = (text: string) => text.replace(/\s+/g, '').toLowerCase();
const columnOf = (heading: string): Column | undefined => (Object.keys(HEADINGS) as Column[]).find((column) => HEADINGS[column].includes(key(heading)));

export interface ImportedRow {
  /** The 1-based row of the table (after its header), as the document numbers it. */
  row: number;
  cells: Partial<Record<Column, string>>;
}

export interface WordProcedure {
  title?: string;
  goal?: string;
  scope?: string;
  /** Columns the table has, in its order. */
  columns: Column[];
  rows: ImportedRow[];
}

/** A problem with the document itself: the importer prints it as one line and writes nothing. */
export class ImportError extends Error {
  override name = 'ImportError';
}

/** Reads a .docx: its title, goal and scope where it states them, and its responsibility table. */
export async function readWordProcedure(docx: Buffer, file: string): Promise<WordProcedure> {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: docx })).value;
  } catch (error) {
    throw new ImportError(`${file}: not a Word document (.docx) that can be read: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  const tree = unified().use(rehypeParse, { fragment: true }).parse(html) as Root;
  const blocks = tree.children.filter((node): node is Element => node.type === 'element');
  const tables = blocks.filter((node) => node.tagName === 'table');
  const found = tables.map(readTable).find((table) => table !== undefined);
  if (!found) {
    const why = tables.length === 0 ? 'has no table' : `has ${tables.length} table(s), none with the columns of a responsibility table`;
    throw new ImportError(`${file} ${why}: expected a table whose header row names 流程步骤 (or Step) and at least one of 操作说明, 责任部门/岗位, 时间要求, 输出成果, 关键控制点 (or Action, Role, Deadline, Outputs, Controls)`);
  }
  return { ...aboutTheProcess(blocks), ...found };
}

/** The grid of a table, merged cells spread over every row and column they cover. */
function grid(table: Element): string[][] {
  const rows: Element[] = [];
  const collect = (node: Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'tr') rows.push(child);
      else if (['thead', 'tbody', 'tfoot'].includes(child.tagName)) collect(child);
    }
  };
  collect(table);
  const out: string[][] = rows.map(() => []);
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row.children) {
      if (cell.type !== 'element' || (cell.tagName !== 'td' && cell.tagName !== 'th')) continue;
      while (out[r]![c] !== undefined) c++;
      const text = cellText(cell);
      const colspan = Math.max(1, Number(cell.properties?.colSpan ?? 1) || 1);
      const rowspan = Math.max(1, Number(cell.properties?.rowSpan ?? 1) || 1);
      for (let dr = 0; dr < rowspan && r + dr < rows.length; dr++) for (let dc = 0; dc < colspan; dc++) out[r + dr]![c + dc] = dc === 0 ? text : '';
      c += colspan;
    }
  });
  return out;
}

/** A cell's text, one line per paragraph. */
function cellText(cell: Element): string {
  const paragraphs = cell.children.filter((child): child is Element => child.type === 'element' && child.tagName === 'p');
  const parts = paragraphs.length > 0 ? paragraphs.map((p) => toText(p)) : [toText(cell)];
  return parts.map((part) => part.trim()).filter(Boolean).join('\n');
}

function readTable(table: Element): Omit<WordProcedure, 'title' | 'goal' | 'scope'> | undefined {
  const cells = grid(table);
  const headerAt = cells.findIndex((row) => row.some((cell) => columnOf(cell) === 'step') && row.filter((cell) => columnOf(cell)).length >= 2);
  if (headerAt < 0) return undefined;
  const header = cells[headerAt]!.map((cell) => columnOf(cell));
  const columns = header.filter((column, index): column is Column => column !== undefined && header.indexOf(column) === index);
  const rows: ImportedRow[] = [];
  cells.slice(headerAt + 1).forEach((row, index) => {
    const entry: ImportedRow = { row: index + 1, cells: {} };
    header.forEach((column, at) => {
      const text = row[at]?.trim();
      if (column && text && entry.cells[column] === undefined) entry.cells[column] = text;
    });
    if (entry.cells.step) rows.push(entry);
  });
  return { columns, rows };
}

const GOAL = ['流程目标', '目标', 'goal', 'purpose', 'objective'];
const SCOPE = ['适用范围', '流程范围', '范围', 'scope'];

/** The title (the first heading), and the goal and scope: a paragraph after such a heading, or one that starts with its label. */
function aboutTheProcess(blocks: Element[]): Pick<WordProcedure, 'title' | 'goal' | 'scope'> {
  const about: Pick<WordProcedure, 'title' | 'goal' | 'scope'> = {};
  const text = (node: Element) => toText(node).trim();
  const heading = (node: Element) => /^h[1-6]$/.test(node.tagName);
  const firstHeading = blocks.find((node) => heading(node) && text(node));
  if (firstHeading) about.title = text(firstHeading);
  blocks.forEach((node, index) => {
    for (const [field, labels] of [['goal', GOAL], ['scope', SCOPE]] as const) {
      if (about[field]) continue;
      const value = text(node);
      const inline = /^([^:：]{1,12})[:：]\s*(.+)$/s.exec(value);
      if (inline && labels.includes(key(inline[1]!))) about[field] = inline[2]!.trim();
      else if (labels.includes(key(value))) {
        const next = blocks.slice(index + 1).find((candidate) => candidate.tagName === 'p' && text(candidate));
        if (next) about[field] = text(next);
      }
    }
  });
  return about;
}

// ————— the skeleton —————

export interface ImportOptions {
  id: string;
  category: Category;
  /** The owning department's id; by default the department of the first step's role. */
  department?: string;
  /** The owner role's id; by default the first step's role. */
  owner?: string;
  today: string;
  org: Org;
}

export interface ImportNote {
  row?: number;
  zh: string;
  en: string;
}

/**
 * The spec skeleton for an imported procedure, and notes on what a person must look at. The text is
 * `npm run new`'s skeleton (its explaining comments kept) with the document's steps, title, goal and scope.
 */
export function importedSkeleton(procedure: WordProcedure, options: ImportOptions): { text: string; notes: ImportNote[] } {
  const notes: ImportNote[] = [];
  const roleByName = new Map<string, string>();
  for (const role of options.org.roles) {
    roleByName.set(role.name, role.id);
    if (role.nameEn) roleByName.set(role.nameEn, role.id);
  }
  const departmentByName = new Map(options.org.departments.flatMap((department) => [[department.name, department.id] as const, ...(department.nameEn ? [[department.nameEn, department.id] as const] : [])]));

  for (const column of ['action', 'role', 'deadline', 'outputs', 'controls'] as const) {
    if (!procedure.columns.includes(column)) notes.push({ zh: `表格没有“${headingOf(column, 'zh')}”一列：各步骤的 ${column} 需要补写。`, en: `The table has no ${headingOf(column, 'en')} column: write each step's ${column}.` });
  }

  const steps = procedure.rows.map((row, index) => {
    const number = /^\s*(?:\d+|[一二三四五六七八九十]+)\s*[.、．)）]\s*|^\s*[（(]\s*\d+\s*[)）]\s*/;
    const name = row.cells.step!.replace(number, '').trim() || row.cells.step!.trim();
    const step: Record<string, unknown> = { id: `step-${index + 1}`, name };
    if (row.cells.action) step.action = row.cells.action;
    else if (procedure.columns.includes('action')) notes.push({ row: row.row, zh: `第 ${row.row} 行“${name}”没有操作说明。`, en: `Row ${row.row} (${name}) has no instructions.` });
    const role = row.cells.role ? matchRole(row.cells.role, roleByName, departmentByName, options.org) : undefined;
    if (role?.id) step.role = role.id;
    else if (row.cells.role) {
      notes.push({
        row: row.row,
        zh: `第 ${row.row} 行“${name}”的责任岗位“${row.cells.role}”不在 org.yml 中${role?.suggestion ? `（是否为“${role.suggestion}”？）` : ''}：请填写岗位标识，或先在 org.yml 中登记该岗位。`,
        en: `Row ${row.row} (${name}): the role "${row.cells.role}" is not in org.yml${role?.suggestion ? ` (did you mean "${role.suggestion}"?)` : ''}: write its role id, or add the role to org.yml first.`,
      });
    } else if (procedure.columns.includes('role')) notes.push({ row: row.row, zh: `第 ${row.row} 行“${name}”没有责任岗位。`, en: `Row ${row.row} (${name}) names no role.` });
    const deadline = row.cells.deadline?.replace(/\s+/g, ' ').trim();
    if (deadline) {
      step.deadline = deadline;
      const parsed = parseDeadline(deadline);
      if (!parsed.ok) notes.push({ row: row.row, zh: `第 ${row.row} 行“${name}”的时间要求“${deadline}”无法解析，已照原文保留：请改写为可识别的形式（如 2个工作日内、接收后30分钟内）。`, en: `Row ${row.row} (${name}): the time limit "${deadline}" cannot be read and is kept as written: rewrite it in a form the handbook reads (e.g. 2 workdays, 30m after receive).` });
    } else if (procedure.columns.includes('deadline')) notes.push({ row: row.row, zh: `第 ${row.row} 行“${name}”没有时间要求。`, en: `Row ${row.row} (${name}) has no time limit.` });
    const outputs = row.cells.outputs ? listOf(row.cells.outputs, true) : [];
    if (outputs.length) step.outputs = outputs;
    const controls = row.cells.controls ? listOf(row.cells.controls, false) : [];
    if (controls.length) step.controls = controls;
    if (index + 1 < procedure.rows.length) step.next = `step-${index + 2}`;
    return step;
  });

  const firstRole = steps.find((step) => typeof step.role === 'string')?.role as string | undefined;
  const owner = options.owner ?? firstRole;
  const department = options.department ?? (owner ? options.org.roles.find((role) => role.id === owner)?.department : undefined);
  if (!owner || !department) throw new ImportError('no step names a role from org.yml, so the owner and department are unknown: pass --owner and --department');
  if (!options.owner) notes.push({ zh: `流程负责人暂定为第一个步骤的岗位 ${owner}：请确认。`, en: `The owner is taken to be the first step's role, ${owner}: confirm it.` });

  const authorRole = options.org.roles.find((role) => role.id === owner);
  const skeleton = renderSkeleton({ id: options.id, category: options.category, department, owner, ...(procedure.title ? { title: procedure.title } : {}), author: authorRole?.name ?? owner, today: options.today });
  const { frontMatter, body } = splitSkeleton(skeleton);
  const document = parseDocument(frontMatter);
  if (procedure.goal) document.set('goal', procedure.goal);
  if (procedure.scope) document.setIn(['scope', 'start'], procedure.scope);
  document.set('steps', document.createNode(steps));
  document.setIn(['history', 0, 'change'], '由 Word 流程文件导入，待流程负责人核对。');
  return { text: `---\n${document.toString({ lineWidth: 0 })}---\n${body}`, notes };
}

function splitSkeleton(text: string): { frontMatter: string; body: string } {
  const parts = splitFrontMatter(text);
  if (parts.frontMatter === undefined) throw new Error('the skeleton has no front matter');
  return { frontMatter: parts.frontMatter, body: parts.body };
}

function headingOf(column: Column, language: 'zh' | 'en'): string {
  return language === 'zh' ? HEADINGS[column][0]! : { step: 'Step', action: 'Action', role: 'Role', deadline: 'Deadline', outputs: 'Outputs', controls: 'Controls' }[column];
}

/**
 * A role named as the template writes it (部门/岗位, or the role alone): matched by name in org.yml,
 * preferring the named department when two departments have a role of that name; otherwise the nearest
 * name, as a suggestion.
 */
function matchRole(text: string, roleByName: Map<string, string>, departmentByName: Map<string, string>, org: Org): { id?: string; suggestion?: string } {
  const parts = text.split(/[/／\n]/).map((part) => part.trim()).filter(Boolean);
  const roleName = parts.at(-1)!;
  const departmentId = parts.length > 1 ? departmentByName.get(parts[0]!) : undefined;
  const named = org.roles.filter((role) => role.name === roleName || role.nameEn === roleName);
  const chosen = named.find((role) => role.department === departmentId) ?? named[0];
  if (chosen) return { id: chosen.id };
  const near = closest(roleName, [...roleByName.keys()]);
  return near ? { suggestion: near } : {};
}

/** A cell's items: one per line, or (for outputs) one per 《form》; other separators split lists of short items. */
function listOf(text: string, forms: boolean): string[] {
  if (forms) {
    const named = text.match(/《[^《》]+》/g);
    if (named) return named;
  }
  return text
    .split(/\n|[；;]/)
    .flatMap((line) => (forms ? line.split(/[、，,]/) : [line]))
    .map((item) => item.trim())
    .filter(Boolean);
}
