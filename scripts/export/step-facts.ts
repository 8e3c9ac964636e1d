import type { Locale } from '../core/messages.ts';
import { formatStepDeadline } from '../model/deadline-format.ts';
import { localized, localizedList } from '../model/english.ts';
import type { OrgIndex } from '../model/org-index.ts';
import type { ProcessModel, StepNode } from '../model/process-model.ts';
import { departmentName, roleName, stepName } from '../../site/lib/format.ts';
import { useTranslations } from '../../site/lib/i18n.ts';

/**
 * One row of the responsibility table as plain text, in one language: what the BPMN documentation,
 * the Word table and the import's round trip all read. The six columns are the seed's template
 * (流程步骤 · 操作说明 · 责任部门/岗位 · 时间要求 · 输出成果 · 关键控制点).
 */
export interface StepFacts {
  name: string;
  action?: string;
  /** 部门 / 岗位, as the table shows it. */
  role?: string;
  /** As written, with what it means when that reads differently (「投诉接收」完成后 30 分钟内). */
  deadline?: string;
  outputs: string[];
  controls: string[];
  /** Labelled lines (操作说明：…), for a text field such as BPMN documentation. */
  lines: string[];
}

/** The table's column headings, as the site's table has them. */
export function columns(locale: Locale) {
  const t = useTranslations(locale);
  return { step: t('process.col.step'), action: t('process.col.action'), role: t('process.col.role'), deadline: t('process.col.deadline'), outputs: t('process.col.outputs'), controls: t('process.col.controls') };
}

export function stepFacts(model: ProcessModel, node: StepNode, org: OrgIndex | undefined, locale: Locale): StepFacts {
  const step = node.step;
  const spec = model.spec;
  const name = stepName(node, locale).text;
  const action = step.action ? localized(step.action, step.actionEn, locale).text : undefined;
  const department = step.role ? org?.departmentOf(step.role) : undefined;
  const role = step.role ? [department && org ? departmentName(org, department.id, locale) : undefined, org ? roleName(org, step.role, locale) : step.role].filter(Boolean).join(' / ') : undefined;
  const reads = formatStepDeadline(model, node, locale, {
    step: (other) => stepName(other, locale).text,
    trigger: localized(spec.scope.start, spec.scope.startEn, locale).text,
  });
  const written = step.deadline;
  const deadline = written === undefined ? undefined : reads === undefined ? written : locale === 'en' || reads === written ? reads : `${written}（${reads}）`;
  const outputs = localizedList(step.outputs, step.outputsEn, locale).map((item) => item.text);
  const controls = localizedList(step.controls, step.controlsEn, locale).map((item) => item.text);
  const label = columns(locale);
  const colon = locale === 'en' ? ': ' : '：';
  const join = locale === 'en' ? '; ' : '；';
  const lines = [
    action && `${label.action}${colon}${action}`,
    role && `${label.role}${colon}${role}`,
    deadline && `${label.deadline}${colon}${deadline}`,
    outputs.length > 0 && `${label.outputs}${colon}${outputs.join(join)}`,
    controls.length > 0 && `${label.controls}${colon}${controls.join(join)}`,
  ].filter((line): line is string => Boolean(line));
  return { name, ...(action ? { action } : {}), ...(role ? { role } : {}), ...(deadline ? { deadline } : {}), outputs, controls, lines };
}
