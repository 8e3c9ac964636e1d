import type { Element } from 'hast';

/** What a cell holds: elements and text. */
type Part = Element | string;
import { h } from 'hastscript';
import type { Locale } from '../../scripts/core/messages.ts';
import { flowOrder, stepNumbers } from '../../scripts/model/graph.ts';
import { formName } from '../../scripts/model/handbook.ts';
import type { OrgIndex } from '../../scripts/model/org-index.ts';
import type { ProcessModel, StepNode } from '../../scripts/model/process-model.ts';
import { parsedDeadline, roleDepartment, roleName } from './format.ts';
import type { Translate } from './i18n.ts';
import { url } from './urls.ts';

/**
 * The responsibility table (职责表) of a process as a hast tree: the rows in the reader's flow order,
 * numbered as the flowchart numbers them, with the process page's columns, classes and anchors. A
 * tree, not a string, so it renders alike on the server (hast-util-to-html) and in the editor's live
 * preview (hast-util-to-dom), and spec text is only ever a text node.
 */
export function stepTable(model: ProcessModel, org: OrgIndex | undefined, locale: Locale, t: Translate, title: string): Element {
  const numbers = stepNumbers(model);
  const none = '—';
  const col = (key: Parameters<Translate>[0]) => h('th', { scope: 'col' }, t(key));
  const list = (items: Part[][]) => h('ul.hb-plain', items.map((item) => h('li', item)));
  const role = (id: string): Part => (org?.roles.has(id) ? h('a', { href: url.role(locale, id) }, roleName(org, id, locale)) : h('span.hb-missing', t('common.unknownRole', { id })));

  const next = (node: StepNode): Part[] => {
    const edges = model.outgoing.get(node.step.id) ?? [];
    if (edges.length === 0) return [t('process.endsHere')];
    return [
      `${t('process.next')}：`,
      ...edges.flatMap((edge, i): Part[] => [
        ...(i > 0 ? ['、'] : []),
        h('a', { href: `#step-${edge.to}` }, `${numbers.get(edge.to) ?? ''} ${model.byId.get(edge.to)?.step.name ?? edge.to}`.trim()),
        ...(edge.when ? [h('span.hb-when', `（${edge.when}）`)] : []),
      ]),
    ];
  };

  const row = (node: StepNode): Element => {
    const { step } = node;
    const department = step.role && org ? roleDepartment(org, step.role, locale) : undefined;
    const parsed = parsedDeadline(node.deadline, locale, t);
    return h('tr', { id: `step-${step.id}`, className: [`hb-kind-${node.kind}`], dataStep: step.id }, [
      h('th', { scope: 'row' }, [
        h('span.hb-step-no', String(numbers.get(step.id) ?? '')),
        ` ${step.name}`,
        ...(node.kind !== 'task' ? [h('span.hb-badge', t(`kind.${node.kind}`))] : []),
        h('span.hb-next', next(node)),
      ]),
      h('td', { dataLabel: t('process.col.action') }, step.action ?? none),
      h('td', { dataLabel: t('process.col.role') }, step.role ? [h('span.hb-dept', department ?? t('common.unknownDepartment')), ' / ', role(step.role)] : none),
      h('td', { dataLabel: t('process.col.deadline') }, [
        step.deadline ?? none,
        ...(parsed ? [h('span', { className: ['hb-parsed', ...(node.deadline?.ok ? [] : ['hb-missing'])] }, parsed)] : []),
      ]),
      h('td', { dataLabel: t('process.col.outputs') }, step.outputs?.length ? list(step.outputs.map((output) => [h('a', { href: url.form(locale, formName(output)) }, output)])) : none),
      h('td', { dataLabel: t('process.col.controls') }, step.controls?.length ? list(step.controls.map((control) => [control])) : none),
    ]);
  };

  return h('div.hb-scroll', { tabIndex: 0 }, [
    h('table.hb-table.hb-steps', [
      h('caption', t('process.table.caption', { title })),
      h('thead', [h('tr', [col('process.col.step'), col('process.col.action'), col('process.col.role'), col('process.col.deadline'), col('process.col.outputs'), col('process.col.controls')])]),
      h('tbody', flowOrder(model).map(row)),
    ]),
  ]);
}
