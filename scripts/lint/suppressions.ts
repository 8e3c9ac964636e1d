import type { Finding, Severity } from '../core/diagnostic.ts';
import { closest } from '../core/friendly-issues.ts';
import { list, phrase, type MessageData } from '../core/render.ts';

/**
 * Inline suppressions: `# processlint-disable-next-line rule-a, rule-b [until YYYY-MM-DD] -- reason`
 * in the front matter silences those rules on the next line. The directives are found when a spec
 * is read and applied in the handbook phase, where they are themselves checked (reason, expiry,
 * unused, unknown rule) and reported under the `suppression` rule.
 */

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
  directives: Directive[];
  findings: Finding[];
  today: string;
  /** Severity of the `suppression` rule for this file, or undefined when it is off. */
  severity?: Severity;
  knownRules: string[];
  /** Rules enabled for this file: a directive for a disabled rule is not "unused". */
  enabledRules: ReadonlySet<string>;
}

/** Drops suppressed findings and adds the directives' own findings. */
export function applySuppressions(input: SuppressionInput): Finding[] {
  const { directives } = input;
  if (directives.length === 0) return input.findings;
  const out: Finding[] = [];
  const own: Finding[] = [];
  const used = new Set<string>();
  const report = (directive: Directive, messageId: string, data: MessageData) => {
    if (!input.severity) return;
    own.push({
      ruleId: 'suppression',
      messageId,
      data,
      severity: input.severity,
      file: input.file,
      line: directive.line,
      column: directive.column,
      endLine: directive.line,
      endColumn: directive.endColumn,
    });
  };
  const active = directives.filter((directive) => !directive.until || directive.until >= input.today);
  for (const finding of input.findings) {
    const directive = active.find((d) => d.target === finding.line && d.rules.includes(finding.ruleId) && finding.ruleId !== 'suppression');
    if (directive) used.add(`${directive.line}:${finding.ruleId}`);
    else out.push(finding);
  }
  for (const directive of directives) {
    const rules = list(directive.rules);
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
        report(directive, 'unknownRule', { rule, hint: near ? phrase(` — did you mean "${near}"?`, `，是否应为“${near}”？`) : phrase('.', '。') });
      } else if (input.enabledRules.has(rule) && !used.has(`${directive.line}:${rule}`)) {
        report(directive, 'unused', { rule });
      }
    }
  }
  return [...out, ...own];
}
