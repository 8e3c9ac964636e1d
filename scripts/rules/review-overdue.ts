import { bilingual } from '../../schemas/describe.ts';
import { z } from '../../schemas/zod.ts';
import { phrase } from '../core/render.ts';
import { defineRule } from '../lint/rule.ts';
import { addMonths, daysBetween } from '../model/dates.ts';
import { PUBLISHED_LIFECYCLE, publishedExample } from './support/example.ts';

const Options = z.strictObject({
  /** How many months may pass between two full reviews. */
  periodMonths: z.number().int().positive().default(6).meta(bilingual('两次全面复盘之间最多相隔的月数', 'How many months may pass between two full reviews')),
});

/**
 * A process in effect is reviewed in full every few months (six by the method).
 * Only `published` processes are checked: a draft or a process under review is
 * not in effect yet, and a retired one no longer is, so none of them has a
 * review cycle to keep.
 */
export default defineRule<z.output<typeof Options>>({
  meta: {
    id: 'review-overdue',
    type: 'problem',
    severity: 'error',
    options: Options,
    docs: {
      description: {
        en: 'A published process whose next full review is missing, past, or further away than the review period allows.',
        'zh-CN': '已发布流程的下一次全面复盘日期缺失、已过期，或距上次复盘超过规定周期。',
      },
      rationale: {
        en: 'The method asks for a full review of every process every six months, so that it keeps up with how the work is really done. A review date in the past means the process may have drifted from practice. Only published processes are checked: drafts and processes under review are not in effect yet, retired ones no longer. The period is the `periodMonths` option; "today" is `--today` or the clock.',
        'zh-CN': '方法要求每半年对每个流程做一次全面复盘，使流程跟上实际工作。复盘日期已过，说明流程可能已与实际脱节。只检查已发布的流程：草稿和评审中的流程尚未生效，已废止的流程不再适用。周期由 `periodMonths` 选项配置；“今天”取自 `--today` 或系统时钟。',
      },
      examples: {
        valid: publishedExample(),
        invalid: publishedExample({ lifecycle: PUBLISHED_LIFECYCLE.replace('nextReview: 2026-09-01', 'nextReview: 2026-05-01') }),
      },
    },
    messages: {
      missingNextReview: {
        en: 'The process is published but has no `lifecycle.improve.nextReview`. Schedule the next full review, at most {{periodMonths}} months after the last one.',
        'zh-CN': '流程已发布，但没有填写 `lifecycle.improve.nextReview`。请安排下一次全面复盘，距上次复盘不超过 {{periodMonths}} 个月。',
      },
      overdue: {
        en: 'The full review due on {{nextReview}} is overdue ({{days}} days before {{today}}). Review the process, then record `lastReview` and a new `nextReview`.',
        'zh-CN': '原定于 {{nextReview}} 的全面复盘已逾期（早于今天 {{today}} {{days}} 天）。请完成复盘，并更新 `lastReview` 和新的 `nextReview`。',
      },
      tooFar: {
        en: 'The next review {{nextReview}} is more than {{periodMonths}} months after {{basis}} {{since}}. Schedule it on or before {{latest}}.',
        'zh-CN': '下一次复盘日期 {{nextReview}} 距{{basis}} {{since}} 超过 {{periodMonths}} 个月。请安排在 {{latest}} 或之前。',
      },
    },
  },
  check(context) {
    const { spec, today } = context;
    if (spec.status !== 'published') return;
    const periodMonths = context.options?.periodMonths ?? 6;
    const improve = spec.lifecycle?.improve;
    const nextReview = improve?.nextReview;
    if (!nextReview) {
      const path = improve ? ['lifecycle', 'improve'] : spec.lifecycle ? ['lifecycle'] : ['status'];
      context.report({ messageId: 'missingNextReview', data: { periodMonths }, path, target: improve || spec.lifecycle ? 'key' : 'value' });
      return;
    }
    if (nextReview < today) {
      context.report({ messageId: 'overdue', data: { nextReview, today, days: daysBetween(nextReview, today) }, path: ['lifecycle', 'improve', 'nextReview'] });
    }
    // Without a review yet, the period counts from the date the process took effect.
    const since = improve?.lastReview ?? spec.lifecycle?.release?.effective;
    if (since) {
      const latest = addMonths(since, periodMonths);
      if (nextReview > latest) {
        const basis = improve?.lastReview ? phrase('the last review', '上次复盘') : phrase('the effective date', '生效日期');
        context.report({ messageId: 'tooFar', data: { nextReview, periodMonths, basis, since, latest }, path: ['lifecycle', 'improve', 'nextReview'] });
      }
    }
  },
});

