import { phrase, type MessageValue } from '../core/render.ts';
import { defineRule } from '../lint/rule.ts';
import type { DeadlineParse } from '../model/deadline.ts';
import { parseDeadline } from '../model/deadline.ts';
import { resolveAnchor, type ProcessModel } from '../model/process-model.ts';
import { EXAMPLE_DEFAULTS, exampleSpec } from './support/example.ts';

const FORMS: MessageValue = {
  phrase: {
    en: 'immediately, 30m, 2h, 3d, 2 workdays, 30m after <step-id>, 1 workday before <event>, daily, weekly on fri, monthly on 25, yearly on 12-20, every 6 months — or 即时, 30分钟内, 接收后30分钟内, 2个工作日内, 每月25日, 12月20日前, 每周五, 每半年',
    'zh-CN': '即时、30分钟内、接收后30分钟内、2个工作日内、24小时内、提前1个工作日、每月25日、12月20日前、每周五、每半年；或英文写法 immediately、30m、2h、2 workdays、30m after <步骤标识>、monthly on 25、weekly on fri、every 6 months',
  },
};

/** The parser's reasons in Chinese; a reason not listed is shown as the parser gives it. */
const REASONS_ZH: Array<[RegExp, string]> = [
  [/^a time requirement must be text$/, '时间要求必须是文字'],
  [/^the time requirement is empty$/, '时间要求为空'],
  [/^cannot read "(.*)" as a time requirement$/s, '无法识别“$1”'],
  [/^cannot read "(.*)" as a duration$/s, '无法把“$1”识别为时长'],
  [/^a duration must be longer than zero$/, '时长必须大于零'],
  [/^day (\S+) is not a day of the month.*$/, '$1 日不是有效的日期（1–31 或月末）'],
  [/^(\S+)日 is not a day of the month$/, '$1日不是有效的日期'],
  [/^"(.*)" is not a weekday.*$/, '“$1”不是星期几（mon … sun）'],
  [/^month (\S+) does not exist.*$/, '没有 $1 月（1–12）'],
  [/^(\S+) is not a date$/, '$1 不是有效的日期'],
];

/** The parser's reason in both languages. */
function reasonOf(reason: string): MessageValue {
  const known = REASONS_ZH.find(([pattern]) => pattern.test(reason));
  return phrase(reason, known ? reason.replace(known[0], known[1]) : reason);
}

/**
 * Every step has a time requirement that parses; a relative one (`接收后30分钟内`,
 * `30m after receive`) counts from a step written before it. Exception plans'
 * deadlines must parse too (whether they have one is exception-handling's concern).
 */
export default defineRule({
  meta: {
    id: 'step-deadline',
    type: 'problem',
    severity: 'error',
    docs: {
      description: {
        en: 'A step with no time requirement or one that does not parse, or a relative deadline counting from a step that is not before it.',
        'zh-CN': '步骤没有时间要求或时间要求无法解析，或相对时限所依据的步骤不在它之前。',
      },
      rationale: {
        en: 'The responsibility table gives every step a time requirement (时间要求). Written in a form the linter understands, deadlines can be checked against the KPIs and shown on the site; a deadline that counts from a later step cannot be met.',
        'zh-CN': '流程职责表为每个步骤规定了时间要求。用检查工具能理解的写法书写，时限才能与关键指标对照、在网站上展示；从后续步骤起算的时限无法执行。',
      },
      examples: {
        valid: exampleSpec(),
        invalid: exampleSpec({ steps: EXAMPLE_DEFAULTS.steps.replace('deadline: 1 workday', 'deadline: 尽快') }),
      },
    },
    messages: {
      missing: {
        en: 'Step `{{step}}` has no time requirement. Add `deadline:`, e.g. {{forms}}.',
        'zh-CN': '步骤 `{{step}}` 没有时间要求。请添加 `deadline:`，例如：{{forms}}。',
      },
      unparseable: {
        en: 'The time requirement `{{deadline}}` of {{where}} cannot be read: {{reason}}. Write it in one of the forms {{forms}}.',
        'zh-CN': '{{where}}的时间要求 `{{deadline}}` 无法解析：{{reason}}。请使用以下写法之一：{{forms}}。',
      },
      unknownAnchor: {
        en: 'The time requirement `{{deadline}}` of {{where}} counts from `{{ref}}`, which names no step. Use the id (or part of the name) of an earlier step.',
        'zh-CN': '{{where}}的时间要求 `{{deadline}}` 从 `{{ref}}` 起算，但没有这样的步骤。请写出之前某个步骤的标识（或名称中的词）。',
      },
      anchorNotBefore: {
        en: 'The time requirement `{{deadline}}` of step `{{step}}` counts from step `{{anchor}}`, which is not before it. Count from an earlier step, or move the steps into order.',
        'zh-CN': '步骤 `{{step}}` 的时间要求 `{{deadline}}` 从步骤 `{{anchor}}` 起算，而该步骤不在它之前。请改为从之前的步骤起算，或调整步骤顺序。',
      },
    },
  },
  check(context) {
    const { model, spec } = context;
    const forms = FORMS;
    const where = (kind: 'step' | 'exception', id: string) =>
      kind === 'step' ? phrase(`step \`${id}\``, `步骤 \`${id}\` `) : phrase(`exception plan ${id}`, `异常预案 ${id} `);
    for (const node of model.steps) {
      const path = ['steps', node.index];
      if (node.step.deadline === undefined) {
        context.report({ messageId: 'missing', data: { step: node.step.id, forms }, path });
        continue;
      }
      const parsed = node.deadline!;
      if (!parsed.ok) {
        context.report({ messageId: 'unparseable', data: { deadline: node.step.deadline, where: where('step', node.step.id), reason: reasonOf(parsed.reason), forms }, path: [...path, 'deadline'] });
        continue;
      }
      const anchorRef = afterAnchor(parsed);
      if (anchorRef === undefined) continue;
      const anchor = resolveAnchor(model, anchorRef, node.index);
      if (!anchor) {
        context.report({ messageId: 'unknownAnchor', data: { deadline: node.step.deadline, where: where('step', node.step.id), ref: anchorRef }, path: [...path, 'deadline'] });
      } else if (anchor.index >= node.index) {
        context.report({ messageId: 'anchorNotBefore', data: { deadline: node.step.deadline, step: node.step.id, anchor: anchor.step.id }, path: [...path, 'deadline'] });
      }
    }
    spec.exceptions?.forEach((exception, i) => {
      if (exception.deadline === undefined) return;
      const label = exception.id ? `\`${exception.id}\`` : `#${i + 1}`;
      const parsed = parseDeadline(exception.deadline);
      const path = ['exceptions', i, 'deadline'];
      if (!parsed.ok) {
        context.report({ messageId: 'unparseable', data: { deadline: exception.deadline, where: where('exception', label), reason: reasonOf(parsed.reason), forms }, path });
        return;
      }
      const anchorRef = afterAnchor(parsed);
      if (anchorRef !== undefined && !anyStep(model, anchorRef)) {
        context.report({ messageId: 'unknownAnchor', data: { deadline: exception.deadline, where: where('exception', label), ref: anchorRef }, path });
      }
    });
  },
});

/** The step a deadline counts from (`after`); lead times before an event name events, not steps. */
function afterAnchor(parsed: DeadlineParse): string | undefined {
  if (!parsed.ok || parsed.value.kind !== 'within') return undefined;
  const anchor = parsed.value.anchor;
  return anchor?.relation === 'after' ? anchor.ref : undefined;
}

function anyStep(model: ProcessModel, ref: string): boolean {
  return resolveAnchor(model, ref, model.steps.length) !== undefined;
}
