import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type ISectionOptions,
} from 'docx';
import { STAGE_IDS } from '../../schemas/process.ts';
import type { Locale } from '../core/messages.ts';
import { formatKpiTarget } from '../model/deadline-format.ts';
import { parseDeadline } from '../model/deadline.ts';
import { localized, localizedList } from '../model/english.ts';
import type { HandbookEntry } from '../model/handbook.ts';
import type { OrgIndex } from '../model/org-index.ts';
import { raciMatrix } from '../model/raci-matrix.ts';
import { stepNumbers } from '../model/graph.ts';
import { departmentName, exceptionDeadline, kpiFrequency, processTitle, roleName, stepName } from '../../site/lib/format.ts';
import { punct, useTranslations } from '../../site/lib/i18n.ts';
import { columns, stepFacts } from './step-facts.ts';

/**
 * Word controlled copies in the seed's procedure template: a header on every page that says whose
 * document it is (process id, version, effective date, owner, approver), then goal and scope, KPIs, the
 * flowchart as the site draws it, the six-column responsibility table, RACI, exception plans, the
 * lifecycle stages with their outputs and the revision history. Tables repeat their header row on every
 * page and rows may break across pages. Text goes in through the docx API, which escapes it.
 */

/** The flowchart as a picture: the site's SVG rasterised by Chromium (see render.ts). */
export interface FlowchartImage {
  png: Uint8Array;
  /** CSS pixels. */
  width: number;
  height: number;
}

export interface DocxOptions {
  locale?: Locale;
  /** The flowchart picture per process id; a process without one says where to find it on the site. */
  flowcharts?: Map<string, FlowchartImage>;
}

/** East Asian text in Noto Sans CJK SC (installed with fonts-noto-cjk); Word substitutes its own CJK font (宋体) where it is missing. */
const FONT = { ascii: 'Noto Sans', hAnsi: 'Noto Sans', eastAsia: 'Noto Sans CJK SC', cs: 'Noto Sans', hint: 'eastAsia' } as const;
/** A4 portrait with 2 cm margins: the width a table or picture can take, in twentieths of a point and in pixels. */
const PAGE = { width: 11906, height: 16838, margin: 1134 };
const TEXT_WIDTH_TWIPS = PAGE.width - 2 * PAGE.margin;
const TEXT_WIDTH_PX = Math.floor((TEXT_WIDTH_TWIPS / 1440) * 96);
const MAX_PICTURE_HEIGHT_PX = Math.floor(((PAGE.height - 2 * PAGE.margin - 1440) / 1440) * 96);

export async function toDocx(entry: HandbookEntry, org: OrgIndex | undefined, options: DocxOptions = {}): Promise<Buffer> {
  const locale = options.locale ?? 'zh-CN';
  return Packer.toBuffer(document([processSection(entry, org, locale, options.flowcharts?.get(entry.spec.id))], processTitle(entry.spec, locale)));
}

/** The whole handbook: a title page with a table of contents, then one section per process. */
export async function handbookDocx(entries: HandbookEntry[], org: OrgIndex | undefined, title: string, options: DocxOptions = {}): Promise<Buffer> {
  const locale = options.locale ?? 'zh-CN';
  const t = useTranslations(locale);
  const cover: ISectionOptions = {
    properties: pageProperties(),
    children: [
      new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] }),
      new Paragraph({ spacing: { before: 480 }, children: [new TextRun({ text: t('export.toc'), bold: true, size: 28 })] }),
      new TableOfContents(t('export.toc'), { hyperlink: true, headingStyleRange: '1-1' }),
    ],
  };
  return Packer.toBuffer(document([cover, ...entries.map((entry) => processSection(entry, org, locale, options.flowcharts?.get(entry.spec.id)))], title));
}

function document(sections: ISectionOptions[], title: string): Document {
  return new Document({
    title,
    creator: 'process-handbook',
    features: { updateFields: true },
    styles: {
      default: { document: { run: { font: FONT, size: 20 } }, heading1: { run: { font: FONT, size: 32, bold: true } }, heading2: { run: { font: FONT, size: 26, bold: true } }, title: { run: { font: FONT, size: 40, bold: true } } },
    },
    sections,
  });
}

function pageProperties(): ISectionOptions['properties'] {
  return { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin } } };
}

function processSection(entry: HandbookEntry, org: OrgIndex | undefined, locale: Locale, flowchart: FlowchartImage | undefined): ISectionOptions {
  const { spec, model } = entry;
  const t = useTranslations(locale);
  const p = punct(locale);
  const role = (id: string | undefined) => (id ? (org ? roleName(org, id, locale) : id) : t('process.notSet'));
  const title = processTitle(spec, locale);
  const effective = spec.lifecycle?.release?.effective ?? t('process.notSet');
  const approver = role(spec.lifecycle?.review?.approvedBy);
  const numbers = stepNumbers(model);

  const header = new Header({
    children: [
      table(
        [[t('export.controlled'), `${t('export.id')}${p.colon}${spec.id}`, `${t('process.version')}${p.colon}${spec.version}`, `${t('process.effective')}${p.colon}${effective}`, `${t('process.owner')}${p.colon}${role(spec.owner)}`, `${t('export.approver')}${p.colon}${approver}`]],
        { header: false, size: 16 },
      ),
    ],
  });
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: `${title} · ${spec.version} · `, size: 16 }), new TextRun({ children: [PageNumber.CURRENT], size: 16 }), new TextRun({ text: ' / ', size: 16 }), new TextRun({ children: [PageNumber.TOTAL_PAGES_IN_SECTION], size: 16 })],
      }),
    ],
  });

  const children: Array<Paragraph | Table> = [];
  const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_2) => children.push(new Paragraph({ heading: level, children: [new TextRun(text)] }));
  const text = (value: string) => children.push(...paragraphs(value));

  heading(title, HeadingLevel.HEADING_1);
  children.push(
    table(
      [
        [t('process.category'), t(`category.${spec.category}`), t('process.department'), org ? departmentName(org, spec.department, locale) : spec.department],
        [t('process.owner'), role(spec.owner), t('process.status'), t(`status.${spec.status}`)],
      ],
      { header: false },
    ),
  );

  heading(t('process.goal'));
  text(localized(spec.goal, spec.goalEn, locale).text);

  heading(t('process.scope'));
  const scope = spec.scope;
  const scopeRows: string[][] = [
    [t('process.start'), localized(scope.start, scope.startEn, locale).text],
    [t('process.end'), localized(scope.end, scope.endEn, locale).text],
  ];
  if (scope.includes?.length) scopeRows.push([t('process.includes'), localizedList(scope.includes, scope.includesEn, locale).map((item) => item.text).join('\n')]);
  if (scope.excludes?.length) scopeRows.push([t('process.excludes'), localizedList(scope.excludes, scope.excludesEn, locale).map((item) => item.text).join('\n')]);
  for (const side of ['upstream', 'downstream'] as const) scopeRows.push([t(`process.${side}`), scope[side]?.length ? scope[side]!.join(p.comma) : t('process.none')]);
  children.push(table(scopeRows, { header: false, widths: [20, 80] }));

  if (spec.kpis?.length) {
    heading(t('process.kpis'));
    children.push(
      table([
        [t('process.kpi.name'), t('process.kpi.target'), t('process.kpi.frequency'), t('process.kpi.source')],
        ...spec.kpis.map((kpi) => [localized(kpi.name, kpi.nameEn, locale).text, formatKpiTarget(kpi.target, locale), kpiFrequency(kpi, locale)?.text ?? '—', kpi.source ? localized(kpi.source, kpi.sourceEn, locale).text : '—']),
      ]),
    );
  }

  heading(t('process.flowchart'));
  if (flowchart) {
    const scale = Math.min(1, TEXT_WIDTH_PX / flowchart.width, MAX_PICTURE_HEIGHT_PX / flowchart.height);
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new ImageRun({ type: 'png', data: flowchart.png, transformation: { width: Math.round(flowchart.width * scale), height: Math.round(flowchart.height * scale) }, altText: { name: t('process.flowchart'), description: title, title } })],
      }),
    );
    text(t('process.flowchartLegend'));
  } else {
    text(t('process.flowchartFailed', { message: '—' }));
  }

  heading(t('process.table'));
  const col = columns(locale);
  children.push(
    table(
      [
        [col.step, col.action, col.role, col.deadline, col.outputs, col.controls],
        ...raciMatrix(model).steps.map((node) => {
          const facts = stepFacts(model, node, org, locale);
          const kind = node.kind === 'task' ? '' : `${p.open}${t(`kind.${node.kind}`)}${p.close}`;
          return [`${numbers.get(node.step.id)}. ${facts.name}${kind}`, facts.action ?? '—', facts.role ?? '—', facts.deadline ?? '—', facts.outputs.join('\n') || '—', facts.controls.join('\n') || '—'];
        }),
      ],
      { widths: [15, 27, 14, 14, 15, 15], size: 18 },
    ),
  );

  const raci = raciMatrix(model);
  heading(t('process.raci'));
  text(t('process.raciNote'));
  children.push(
    table(
      [
        [t('common.step'), ...raci.roles.map((id) => role(id))],
        ...raci.steps.map((node) => [`${numbers.get(node.step.id)}. ${stepName(node, locale).text}`, ...raci.roles.map((id) => {
          const cell = raci.cell(node, id);
          return cell.defaultA ? cell.letters.replace('A', '(A)') : cell.letters;
        })]),
      ],
      { size: 16 },
    ),
  );
  if (raci.anyDefaultA) text(t('process.raciDefault', { owner: role(spec.owner) }));

  if (spec.exceptions?.length) {
    heading(t('process.exceptions'));
    children.push(
      table([
        [t('process.exception.when'), t('process.exception.action'), t('process.exception.role'), t('process.exception.deadline'), t('process.exception.step')],
        ...spec.exceptions.map((exception) => {
          const at = exception.step ? model.byId.get(exception.step) : undefined;
          return [
            localized(exception.when, exception.whenEn, locale).text,
            localized(exception.action, exception.actionEn, locale).text,
            exception.role ? role(exception.role) : '—',
            exceptionDeadline(exception.deadline !== undefined ? parseDeadline(exception.deadline) : undefined, exception.deadline, locale) ?? '—',
            at ? `${numbers.get(at.step.id)}. ${stepName(at, locale).text}` : exception.step ?? '—',
          ];
        }),
      ]),
    );
  }

  heading(t('process.lifecycle'));
  const lifecycle = spec.lifecycle ?? {};
  children.push(
    table([
      [t('export.stage'), t('export.stageStatus'), t('export.date'), t('process.lifecycle.outputs')],
      ...STAGE_IDS.map((stage, index) => {
        const data = lifecycle[stage] as { status?: string; date?: string; outputs?: string[]; approvedBy?: string } | undefined;
        const approvedBy = data?.approvedBy ? `\n${t('process.lifecycle.approver')}${p.colon}${role(data.approvedBy)}` : '';
        return [`${index + 1}. ${t(`stage.${stage}`)}`, t(`stageStatus.${data?.status ?? 'missing'}` as never), data?.date ?? '—', (data?.outputs?.join(p.comma) || '—') + approvedBy];
      }),
    ]),
  );

  if (spec.history?.length) {
    heading(t('process.history'));
    children.push(
      table([
        [t('process.history.version'), t('process.history.date'), t('process.history.author'), t('process.history.change')],
        ...[...spec.history].reverse().map((entry) => [entry.version, entry.date, entry.author, localized(entry.change, entry.changeEn, locale).text]),
      ], { widths: [12, 14, 14, 60] }),
    );
  }

  return { properties: pageProperties(), headers: { default: header }, footers: { default: footer }, children };
}

/** Text with line breaks as paragraphs (a run's newline is not a break in Word). */
function paragraphs(text: string, size?: number): Paragraph[] {
  return text.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, ...(size ? { size } : {}) })] }));
}

/**
 * A table across the text width. With `header` (the default) the first row is the header: shaded,
 * bold, repeated at the top of every page the table runs onto. Rows may break across pages, so a
 * long instruction never leaves a blank half page.
 */
function table(rows: string[][], options: { header?: boolean; widths?: number[]; size?: number } = {}): Table {
  const withHeader = options.header ?? true;
  const count = Math.max(...rows.map((row) => row.length));
  const widths = options.widths ?? Array.from({ length: count }, () => 100 / count);
  const border = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
  return new Table({
    width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA },
    columnWidths: widths.map((share) => Math.floor((TEXT_WIDTH_TWIPS * share) / 100)),
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: rows.map(
      (row, index) =>
        new TableRow({
          tableHeader: withHeader && index === 0,
          cantSplit: false,
          children: row.map(
            (cell, column) =>
              new TableCell({
                width: { size: Math.floor((TEXT_WIDTH_TWIPS * widths[column]!) / 100), type: WidthType.DXA },
                ...(withHeader && index === 0 ? { shading: { type: ShadingType.CLEAR, fill: 'E8EEF4', color: 'auto' } } : {}),
                children: cell.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, bold: withHeader && index === 0, ...(options.size ? { size: options.size } : {}) })] })),
              }),
          ),
        }),
    ),
  });
}
