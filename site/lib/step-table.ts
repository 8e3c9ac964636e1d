import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Locale } from '../../scripts/core/messages.ts';
import { localized, localizedList, type Localized } from '../../scripts/model/english.ts';
import { flowOrder, stepNumbers } from '../../scripts/model/graph.ts';
import { formName } from '../../scripts/model/handbook.ts';
import type { OrgIndex } from '../../scripts/model/org-index.ts';
import type { ProcessModel, StepNode } from '../../scripts/model/process-model.ts';
import { formLabel, type FormNames } from './form-label.ts';
import { roleDepartment, roleName, stepDeadline, stepName } from './format.ts';
import type { Translate, UiKey } from './i18n.ts';
import { punct } from './punct.ts';
import { formAnchor, url } from './urls.ts';

type Part = ElementContent | string;

/**
 * Every UI string the table (and its deadline cells) words things with: the editor's worker is sent
 * these, in the page's language, rather than loading the site's whole dictionaries in both.
 */
export const STEP_TABLE_STRINGS = [
  'common.unknownDepartment', 'common.unknownRole', 'kind.approval', 'kind.decision', 'kind.task', 'process.col.action', 'process.col.controls', 'process.col.deadline',
  'process.col.outputs', 'process.col.role', 'process.col.step', 'process.deadline.parsed', 'process.deadline.unparsed', 'process.endsHere', 'process.next', 'process.table.caption',
] as const satisfies readonly UiKey[];

/**
 * The responsibility table (职责表) of a process as a hast tree: the rows in the reader's flow order,
 * numbered as the flowchart numbers them. The process page renders it (hast-util-to-html) and the
 * in-browser editor's live preview draws the same tree (hast-util-to-dom), so both show one table;
 * spec text is only ever a text node.
 */
export function stepTable(model: ProcessModel, org: OrgIndex | undefined, forms: FormNames, locale: Locale, t: Translate, title: string): Element {
  const numbers = stepNumbers(model);
  const p = punct(locale);
  const none = '—';
  const col = (key: Parameters<Translate>[0]) => h('th', { scope: 'col' }, t(key));
  const text = (value: Localized): Part => (value.lang === locale ? value.text : h('span.hb-other-lang', { lang: value.lang }, value.text));
  const role = (id: string): Part => (org?.roles.has(id) ? h('a', { href: url.role(locale, id) }, roleName(org, id, locale)) : h('span.hb-missing', t('common.unknownRole', { id })));
  const form = (written: string, english: string | undefined): Part => {
    const name = formName(written);
    return h('a', { href: url.form(locale, forms.byName.get(name)?.slug ?? formAnchor(name)) }, text(formLabel(written, english, forms, locale)));
  };

  const next = (node: StepNode): Part[] => {
    const edges = model.outgoing.get(node.step.id) ?? [];
    if (edges.length === 0) return [t('process.endsHere')];
    return [
      t('process.next'),
      p.colon,
      ...edges.flatMap((edge, i): Part[] => {
        const target = model.byId.get(edge.to);
        const branch = edge.type === 'branch' ? node.step.branches?.[edge.index] : undefined;
        return [
          ...(i > 0 ? [p.comma] : []),
          h('a', { href: `#step-${edge.to}` }, [String(numbers.get(edge.to) ?? ''), ' ', target ? text(stepName(target, locale)) : edge.to]),
          ...(branch?.when ? [h('span.hb-when', [p.open, text(localized(branch.when, branch.whenEn, locale)), p.close])] : []),
        ];
      }),
    ];
  };

  const deadline = (node: StepNode): Part[] => {
    const { written, reads, unread } = stepDeadline(model, node, locale, t);
    if (written === undefined && reads === undefined) return [none];
    return [
      ...(written !== undefined ? [h('span', locale === 'zh-CN' ? {} : { lang: 'zh-CN' }, written)] : []),
      ...(reads !== undefined ? [h('span', { className: [...(written !== undefined ? ['hb-parsed'] : []), ...(unread ? ['hb-missing'] : [])] }, reads)] : []),
    ];
  };

  const row = (node: StepNode): Element => {
    const { step } = node;
    const outputsEn = step.outputsEn?.length === step.outputs?.length ? step.outputsEn : undefined;
    return h('tr', { id: `step-${step.id}`, className: [`hb-kind-${node.kind}`], dataStep: step.id }, [
      h('th', { scope: 'row' }, [
        h('span.hb-step-no', String(numbers.get(step.id) ?? '')),
        ' ',
        text(stepName(node, locale)),
        ...(node.kind !== 'task' ? [' ', h('span.hb-badge', t(`kind.${node.kind}`))] : []),
        ' ',
        h('span.hb-next', next(node)),
      ]),
      h('td', { dataLabel: t('process.col.action') }, step.action ? text(localized(step.action, step.actionEn, locale)) : none),
      h('td', { dataLabel: t('process.col.role') }, step.role ? [h('span.hb-dept', (org ? roleDepartment(org, step.role, locale) : undefined) ?? t('common.unknownDepartment')), ' / ', role(step.role)] : none),
      h('td', { dataLabel: t('process.col.deadline') }, deadline(node)),
      h('td', { dataLabel: t('process.col.outputs') }, step.outputs?.length ? h('ul.hb-plain', step.outputs.map((output, i) => h('li', form(output, outputsEn?.[i])))) : none),
      h('td', { dataLabel: t('process.col.controls') }, step.controls?.length ? h('ul.hb-plain', localizedList(step.controls, step.controlsEn, locale).map((control) => h('li', text(control)))) : none),
    ]);
  };

  return h('div.hb-scroll', { tabIndex: 0 }, [
    h('table.hb-table.hb-steps.hb-cards-narrow', [
      h('caption', t('process.table.caption', { title })),
      h('thead', [h('tr', [col('process.col.step'), col('process.col.action'), col('process.col.role'), col('process.col.deadline'), col('process.col.outputs'), col('process.col.controls')])]),
      h('tbody', flowOrder(model).map(row)),
    ]),
  ]);
}
