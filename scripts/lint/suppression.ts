import { closest } from '../core/friendly-issues.ts';
import { format, type Locale } from '../core/messages.ts';
import type { RuleFinding } from './run-rule.ts';
import { defineRule } from './rule.ts';

/**
 * Inline suppressions: `# processlint-disable-next-line rule-a, rule-b [until YYYY-MM-DD] -- reason`
 * in the front matter silences those rules on the next line. The directives are
 * themselves checked (reason, expiry, unused, unknown rule) and reported under `suppression`.
 */
export const suppressionRule = defineRule({
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
        valid: 'id: leave-request\nsteps:\n  - id: apply\n    # processlint-disable-next-line step-deadline until 2099-01-01 -- 时限待人力资源部确认\n    name: 提交申请\n',
        invalid: 'id: leave-request\nsteps:\n  - id: apply\n    # processlint-disable-next-line step-deadline\n    name: 提交申请\n',
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
    // Applied by the engine after every rule has run; see applySuppressions.
  },
});

const DIRECTIVE = /#\s*processlint-disable-next-line\b(.*)$/;

export interface Directive {
  line: number;
  column: number;
  endColumn: number;
  /** The line it applies to. */
  target: number;
  rules: string[];
  until?: string;
  reason?: string;
  badDate?: string;
}

/** Finds the directives in the front matter (lines 2..bodyLine-2 of the file). */
export function parseDirectives(text: string, frontMatterEndLine: number): Directive[] {
  if (!text.includes('processlint-disable')) return [];
  const lines = text.split('\n');
  const found: Directive[] = [];
  const last = Math.min(lines.length, frontMatterEndLine);
  for (let index = 1; index < last; index++) {
    const line = lines[index]!;
    const match = DIRECTIVE.exec(line);
    if (!match || !/^\s*#/.test(line.slice(0, match.index + 1))) continue;
    let rest = match[1]!;
    let reason: string | undefined;
    const dash = rest.indexOf(' --');
    if (dash !== -1 || rest.trimStart().startsWith('--')) {
      const at = dash !== -1 ? dash : rest.indexOf('--') - 1;
      reason = rest.slice(at + 3).trim() || undefined;
      rest = rest.slice(0, Math.max(at, 0));
    }
    let until: string | undefined;
    let badDate: string | undefined;
    const untilMatch = /\buntil\s+(\S+)\s*$/.exec(rest);
    if (untilMatch) {
      rest = rest.slice(0, untilMatch.index);
      if (/^\d{4}-\d{2}-\d{2}$/.test(untilMatch[1]!) && !Number.isNaN(Date.parse(untilMatch[1]!))) until = untilMatch[1]!;
      else badDate = untilMatch[1]!;
    }
    const rules = rest.split(/[\s,]+/).filter(Boolean);
    let target = index + 2;
    while (target - 1 < last && DIRECTIVE.test(lines[target - 1]!) && /^\s*#/.test(lines[target - 1]!)) target++;
    const column = line.indexOf('#') + 1;
    found.push({ line: index + 1, column, endColumn: line.length + 1, target, rules, ...(until ? { until } : {}), ...(reason ? { reason } : {}), ...(badDate ? { badDate } : {}) });
  }
  return found;
}

export interface SuppressionInput {
  file: string;
  text: string;
  /** The directives, when already found (then `text` is not read). */
  directives?: Directive[];
  /** 1-based line of the body: the front matter ends on the line before. */
  bodyLine: number;
  findings: RuleFinding[];
  today: string;
  locale: Locale;
  /** Severity of the `suppression` rule for this file, or undefined when it is off. */
  severity?: 'error' | 'warning';
  knownRules: string[];
  /** Rules enabled for this file: a directive for a disabled rule is not "unused". */
  enabledRules: Set<string>;
}

/** Drops suppressed findings and adds the directives' own findings. */
export function applySuppressions(input: SuppressionInput): RuleFinding[] {
  const directives = input.directives ?? parseDirectives(input.text, input.bodyLine - 1);
  if (directives.length === 0) return input.findings;
  const { locale } = input;
  const out: RuleFinding[] = [];
  const own: RuleFinding[] = [];
  const used = new Set<string>();
  const report = (directive: Directive, messageId: string, data: Record<string, unknown>) => {
    if (!input.severity) return;
    own.push({
      ruleId: 'suppression',
      severity: input.severity,
      file: input.file,
      line: directive.line,
      column: directive.column,
      endLine: directive.line,
      endColumn: directive.endColumn,
      message: format(suppressionRule.meta.messages[messageId]![locale], data),
      messageId,
      url: suppressionRule.meta.docs.url,
    });
  };
  const active = directives.filter((directive) => !directive.until || directive.until >= input.today);
  for (const finding of input.findings) {
    const directive = active.find((d) => d.target === finding.line && d.rules.includes(finding.ruleId) && finding.ruleId !== 'suppression');
    if (directive) used.add(`${directive.line}:${finding.ruleId}`);
    else out.push(finding);
  }
  for (const directive of directives) {
    const rules = directive.rules.join(', ');
    if (directive.rules.length === 0) report(directive, 'noRule', {});
    if (!directive.reason) report(directive, 'noReason', { rules });
    if (directive.badDate) report(directive, 'badDate', { date: directive.badDate });
    if (directive.until && directive.until < input.today) {
      report(directive, 'expired', { rules, date: directive.until });
      continue;
    }
    for (const rule of directive.rules) {
      if (!input.knownRules.includes(rule)) {
        const near = closest(rule, input.knownRules);
        report(directive, 'unknownRule', { rule, hint: near ? (locale === 'zh-CN' ? `，是否应为“${near}”？` : ` — did you mean "${near}"?`) : locale === 'zh-CN' ? '。' : '.' });
      } else if (input.enabledRules.has(rule) && !used.has(`${directive.line}:${rule}`)) {
        report(directive, 'unused', { rule });
      }
    }
  }
  return [...out, ...own];
}
