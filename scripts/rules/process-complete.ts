import type { YamlPath } from '../core/diagnostic.ts';
import { formatPath } from '../core/friendly-issues.ts';
import { bilingual } from '../../schemas/describe.ts';
import { z } from '../../schemas/zod.ts';
import { defineRule } from '../lint/rule.ts';
import { parseDeadline, recurrenceDays } from '../model/deadline.ts';
import { EXAMPLE_DEFAULTS, PUBLISHED_LIFECYCLE, publishedExample } from './support/example.ts';

/** Texts `npm run new` and editors leave behind (待填写 is the skeleton's), found in any field. */
const PLACEHOLDERS = ['待填写', '待补充', '待定', 'TODO', 'TBD', 'FIXME', 'xxx'];

const recurring = (text: string) => {
  const parsed = parseDeadline(text);
  return parsed.ok && parsed.value.kind === 'recurring';
};

const Options = z.strictObject({
  /** The longest monitoring cadence allowed (the method: KPIs extracted every month). */
  cadence: z
    .string()
    .refine(recurring, { message: 'must be a recurring time such as monthly or 每月' })
    .default('monthly')
    .meta(bilingual('允许的最长监控周期（周期性时间，如 每月、monthly）', 'The longest monitoring cadence allowed (a recurring time such as monthly or 每月)')),
  /** Placeholder words; ASCII words match whole words in any case, others anywhere in a text. */
  placeholders: z
    .array(z.string().min(1))
    .default(PLACEHOLDERS)
    .meta(bilingual('占位词；英文词按整词、不区分大小写匹配，其他文字出现即算', 'Placeholder words; ASCII words match whole words in any case, others anywhere in a text')),
});

const MONITOR_FIELDS = ['cadence', 'firstMonthCadence', 'feedbackCadence'] as const;

/**
 * What a process under review or in effect cannot lack: a KPI to run it by, text
 * without placeholders, and a monitoring cadence that parses and is frequent enough
 * (the method: KPIs every month). Drafts are work in progress and are not checked.
 */
export default defineRule<z.output<typeof Options>>({
  meta: {
    id: 'process-complete',
    type: 'problem',
    severity: 'error',
    options: Options,
    docs: {
      description: {
        en: 'A process under review or published without a KPI, with placeholder text left in its front matter, or without a monitoring cadence that parses and is no longer than the configured period (monthly).',
        'zh-CN': '评审中或已发布的流程没有指标、前置元数据中留有占位文字，或监控频率缺失、无法识别、长于规定周期（每月）。',
      },
      rationale: {
        en: 'Once a process goes to review it is read as finished. Without a KPI nobody can tell whether it works; a 待填写 or TODO left by `npm run new` tells the new hire nothing; and the method extracts the KPIs every month (首月每日跟踪, 每月提取KPI, quarterly staff feedback), so a cadence that does not parse, or is rarer than the `cadence` option allows, lets a failing process run unnoticed. The placeholder words are the `placeholders` option.',
        'zh-CN': '流程一旦进入评审，就会被当作成品阅读。没有指标就无法判断流程是否有效；`npm run new` 留下的“待填写”或 TODO 对新员工毫无帮助；方法要求每月提取 KPI 数据（另有首月每日跟踪、每季度收集员工反馈），监控频率无法识别或低于 `cadence` 选项规定的频率，流程出了问题也无人察觉。占位词由 `placeholders` 选项配置。',
      },
      examples: {
        valid: publishedExample(),
        invalid: publishedExample({
          kpis: EXAMPLE_DEFAULTS.kpis.replace('name: 报销周期', 'name: 待填写'),
          lifecycle: PUBLISHED_LIFECYCLE.replace('cadence: 每月', 'cadence: 每季度'),
        }),
      },
    },
    messages: {
      noKpi: {
        en: 'The process is `{{status}}` but has no KPI. Add at least one to `kpis` (e.g. a resolution rate or a cycle time with its target).',
        'zh-CN': '流程状态为 `{{status}}`，但没有关键绩效指标。请在 `kpis` 中至少添加一个（例如解决率或办理时长及其目标值）。',
      },
      placeholder: {
        en: '`{{field}}` still holds the placeholder `{{placeholder}}`. Write the real content before the process goes to review.',
        'zh-CN': '`{{field}}` 仍是占位文字 `{{placeholder}}`。流程进入评审前请填写实际内容。',
      },
      noCadence: {
        en: 'The process is `{{status}}` but `lifecycle.monitor.cadence` is not set. Say how often the KPIs are extracted and compared with their targets, e.g. `每月`.',
        'zh-CN': '流程状态为 `{{status}}`，但没有填写 `lifecycle.monitor.cadence`。请写明多久提取一次 KPI 数据并与目标对比，例如 `每月`。',
      },
      badCadence: {
        en: '`lifecycle.monitor.{{field}}` is `{{cadence}}`, which is not a recurring time. Write e.g. `每月`, `每周`, `monthly` or `every 2 weeks`.',
        'zh-CN': '`lifecycle.monitor.{{field}}` 的取值 `{{cadence}}` 不是周期性的时间。请写成 `每月`、`每周`、`monthly` 或 `every 2 weeks` 等。',
      },
      cadenceTooRare: {
        en: 'The KPIs are checked `{{cadence}}`, less often than the `{{limit}}` the method asks for. Extract and compare them at least that often.',
        'zh-CN': 'KPI 的监控频率为 `{{cadence}}`，低于方法要求的 `{{limit}}`。请至少按此频率提取 KPI 数据并与目标对比。',
      },
    },
  },
  check(context) {
    const { spec, options } = context;
    if (spec.status !== 'review' && spec.status !== 'published') return;
    if (!spec.kpis?.length) context.report({ messageId: 'noKpi', data: { status: spec.status }, path: spec.kpis ? ['kpis'] : ['status'], ...(spec.kpis ? { target: 'key' as const } : {}) });

    const placeholders = placeholdersFor(options?.placeholders ?? PLACEHOLDERS);
    visitTexts(spec, [], (text, path) => {
      if (!placeholders.any.test(text)) return;
      const found = placeholders.matchers.find((matcher) => matcher.test(text));
      if (found) context.report({ messageId: 'placeholder', data: { field: formatPath(path), placeholder: found.word }, path: [...path] });
    });

    const monitor = spec.lifecycle?.monitor;
    if (!monitor?.cadence) {
      context.report({ messageId: 'noCadence', data: { status: spec.status }, path: monitor ? ['lifecycle', 'monitor'] : spec.lifecycle ? ['lifecycle'] : ['status'], ...(spec.lifecycle ? { target: 'key' as const } : {}) });
    }
    const limit = options?.cadence ?? 'monthly';
    const limitParse = parseDeadline(limit);
    const limitDays = limitParse.ok ? recurrenceDays(limitParse.value) : undefined;
    for (const field of MONITOR_FIELDS) {
      const cadence = monitor?.[field];
      if (cadence === undefined) continue;
      const parsed = parseDeadline(cadence);
      const days = parsed.ok ? recurrenceDays(parsed.value) : undefined;
      if (days === undefined) {
        context.report({ messageId: 'badCadence', data: { field, cadence }, path: ['lifecycle', 'monitor', field] });
      } else if (field === 'cadence' && limitDays !== undefined && days > limitDays) {
        context.report({ messageId: 'cadenceTooRare', data: { cadence, limit }, path: ['lifecycle', 'monitor', field] });
      }
    }
  },
});

interface Matcher {
  word: string;
  test(text: string): boolean;
}

interface Placeholders {
  /** Matches where some word might be (one pass over a text, which nearly every text fails). */
  any: RegExp;
  /** Each word's own test, in the configured order: the first that matches is the one reported. */
  matchers: Matcher[];
}

/** Matchers per placeholder list: a config has one list (one array, its options'), a run has thousands of specs. */
const placeholderArrays = new WeakMap<string[], Placeholders>();
const placeholderLists = new Map<string, Placeholders>();

function placeholdersFor(words: string[]): Placeholders {
  let placeholders = placeholderArrays.get(words);
  if (placeholders) return placeholders;
  const key = JSON.stringify(words);
  placeholders = placeholderLists.get(key);
  if (!placeholders) {
    // Case-insensitive for every word: it may match more than the words' own tests, never less.
    const any = new RegExp(words.map(escapeRegExp).join('|'), 'i');
    placeholderLists.set(key, (placeholders = { any, matchers: words.map(placeholderMatcher) }));
  }
  placeholderArrays.set(words, placeholders);
  return placeholders;
}

const escapeRegExp = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function placeholderMatcher(word: string): Matcher {
  if (!/^[\x20-\x7e]+$/.test(word)) return { word, test: (text) => text.includes(word) };
  // An ASCII word counts only on its own: `xxx` is a placeholder, `xxxl` is not.
  const pattern = new RegExp(`(?<![A-Za-z0-9_])${escapeRegExp(word)}(?![A-Za-z0-9_])`, 'i');
  return { word, test: (text) => pattern.test(text) };
}

/**
 * Calls `visit` with every text in the front matter and its path. The path is one array
 * pushed and popped on the way (a spec has hundreds of texts); `visit` copies it if it keeps it.
 * Plain loops: it runs over every value of every spec.
 */
function visitTexts(value: unknown, path: Array<string | number>, visit: (text: string, path: YamlPath) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      path.push(index);
      visitTexts(value[index], path, visit);
      path.pop();
    }
  } else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (key === '$schema') continue;
      path.push(key);
      visitTexts(record[key], path, visit);
      path.pop();
    }
  }
}
