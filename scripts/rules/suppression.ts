import { defineRule } from '../lint/rule.ts';
import { EXAMPLE_DEFAULTS, exampleSpec } from './support/example.ts';

/**
 * Inline suppressions: `# processlint-disable-next-line rule-a, rule-b [until YYYY-MM-DD] -- reason`
 * in the front matter silences those rules on the next line. The directives are
 * themselves checked (reason, expiry, unused, unknown rule) and reported under `suppression`.
 */
export default defineRule({
  meta: {
    id: 'suppression',
    type: 'problem',
    severity: 'error',
    runsOnInvalid: true,
    docs: {
      description: {
        en: 'An inline suppression without a reason, past its expiry date, naming an unknown rule, or suppressing nothing.',
        'zh-CN': '行内抑制注释缺少理由、已过期、指向不存在的规则，或没有抑制任何问题。',
      },
      rationale: {
        en: 'A suppression is a promise that a known defect is accepted for a reason and for a time; without a reason, past its date or left behind after a fix, it hides problems nobody decided to accept.',
        'zh-CN': '抑制注释意味着某个已知问题因某种理由被暂时接受；没有理由、已过期或问题修复后仍留着的抑制注释，会掩盖没有人决定接受的问题。',
      },
      examples: {
        valid: exampleSpec({ steps: EXAMPLE_DEFAULTS.steps.replace('    deadline: 2 workdays\n', '    # processlint-disable-next-line step-deadline until 2099-01-01 -- 时限待出纳部门确认\n    deadline: 尽快\n') }),
        invalid: exampleSpec({ steps: EXAMPLE_DEFAULTS.steps.replace('    deadline: 2 workdays\n', '    # processlint-disable-next-line step-deadline\n    deadline: 尽快\n') }),
      },
    },
    messages: {
      noReason: {
        en: 'The suppression of {{rules}} gives no reason. Add ` -- ` and why the finding is accepted.',
        'zh-CN': '对 {{rules}} 的抑制没有写明理由。请在后面加上 ` -- ` 和接受该问题的原因。',
      },
      expired: {
        en: 'The suppression of {{rules}} expired on {{date}} and no longer applies. Fix the finding, or extend the date with a reason.',
        'zh-CN': '对 {{rules}} 的抑制已于 {{date}} 过期，不再生效。请修复该问题，或说明理由后延长期限。',
      },
      unused: {
        en: 'The suppression of {{rule}} suppresses nothing on the next line. Remove it.',
        'zh-CN': '对 {{rule}} 的抑制在下一行没有抑制任何问题，请删除。',
      },
      unknownRule: {
        en: 'The suppression names an unknown rule "{{rule}}"{{hint}}',
        'zh-CN': '抑制注释中的规则“{{rule}}”不存在{{hint}}',
      },
      badDate: {
        en: 'The suppression expiry "{{date}}" is not a date. Write it as `until YYYY-MM-DD`.',
        'zh-CN': '抑制的到期日“{{date}}”不是日期，请写成 `until YYYY-MM-DD`。',
      },
      noRule: {
        en: 'The suppression names no rule. Write `# processlint-disable-next-line <rule-id> -- reason`.',
        'zh-CN': '抑制注释没有指明规则。请写成 `# processlint-disable-next-line <规则标识> -- 理由`。',
      },
    },
  },
  check() {
    // Applied in the handbook phase, after every rule and reference has been checked: see scripts/lint/suppressions.ts.
  },
});
