import { defineRule } from '../lint/rule.ts';
import { EXAMPLE_EXCEPTIONS, publishedExample } from './support/example.ts';

/** A designed process plans for what goes wrong, and each plan says who acts and by when. */
export default defineRule({
  meta: {
    id: 'exception-handling',
    type: 'problem',
    severity: 'error',
    docs: {
      description: {
        en: 'A process whose design stage is done but has no exception plans, or an exception plan with no role or deadline.',
        'zh-CN': '设计阶段已完成却没有异常处理预案，或异常预案没有负责岗位或时限。',
      },
      rationale: {
        en: 'The design stage of the method produces exception plans (异常处理预案): what to do when documents are incomplete, a deadline is missed, a system is down. A plan without a role or a deadline is a wish — someone must act, within a stated time (e.g. notify the customer within 1 workday).',
        'zh-CN': '方法的设计阶段要产出异常处理预案：资料不全、超过时限、系统故障时怎么办。没有负责岗位或时限的预案只是愿望——必须有人在规定时间内处理（例如 1 个工作日内通知客户补充资料）。',
      },
      examples: {
        valid: publishedExample(),
        invalid: publishedExample({ exceptions: EXAMPLE_EXCEPTIONS.replace('    role: accountant\n', '') }),
      },
    },
    messages: {
      noExceptions: {
        en: 'The design stage is done but the process has no `exceptions`. Add the exception plans: for each situation, `when`, `action`, `role` and `deadline`.',
        'zh-CN': '设计阶段已完成，但流程没有 `exceptions`（异常处理预案）。请为每种异常情形写明 `when`、`action`、`role` 和 `deadline`。',
      },
      missingRole: {
        en: 'The exception plan for "{{when}}" names no role. Add `role:` with the role that handles it.',
        'zh-CN': '异常预案“{{when}}”没有负责岗位。请添加 `role:`，写明负责处理的岗位。',
      },
      missingDeadline: {
        en: 'The exception plan for "{{when}}" has no deadline. Add `deadline:` saying how soon it is handled, e.g. `1个工作日内`.',
        'zh-CN': '异常预案“{{when}}”没有处理时限。请添加 `deadline:`，写明多久内处理，例如 `1个工作日内`。',
      },
    },
  },
  check(context) {
    const { spec } = context;
    const exceptions = spec.exceptions ?? [];
    if (spec.lifecycle?.design?.status === 'done' && exceptions.length === 0) {
      context.report({ messageId: 'noExceptions', path: ['lifecycle', 'design', 'status'] });
    }
    exceptions.forEach((exception, i) => {
      if (exception.role === undefined) context.report({ messageId: 'missingRole', data: { when: exception.when }, path: ['exceptions', i] });
      if (exception.deadline === undefined) context.report({ messageId: 'missingDeadline', data: { when: exception.when }, path: ['exceptions', i] });
    });
  },
});
