import { STAGE_IDS } from '../../schemas/process.ts';
import { defineRule } from '../lint/rule.ts';
import { PUBLISHED_LIFECYCLE, publishedExample } from './support/example.ts';
import { listAnd } from './support/suggest.ts';

/**
 * The status must agree with the stages: a process is reviewed only once it is
 * designed and published only once it is approved and has an effective date.
 * Stages are done in order, and done on dates that do not go backwards. `draft`
 * and `retired` carry no gate: a retired process may have stopped at any stage.
 */
export default defineRule({
  meta: {
    id: 'lifecycle-gate',
    type: 'problem',
    severity: 'error',
    docs: {
      description: {
        en: 'A status inconsistent with the lifecycle stages, or stages done out of sequence.',
        'zh-CN': '流程状态与生命周期阶段不一致，或阶段完成的先后顺序不对。',
      },
      rationale: {
        en: 'A process under review must have a finished design; a published process must have been approved by the responsible executive and have an effective date, or nobody knows since when it applies. Stages build on each other, so a later stage cannot be done while an earlier one is still planned, and the dates they were done on cannot go backwards.',
        'zh-CN': '进入评审的流程必须已完成设计；已发布的流程必须经分管领导签字确认并有生效日期，否则无人知道它从何时起适用。各阶段环环相扣：前面的阶段仍在计划中时，后面的阶段不可能已完成，完成日期也不能倒退。',
      },
      examples: {
        valid: publishedExample(),
        invalid: publishedExample({ lifecycle: PUBLISHED_LIFECYCLE.replace('    approvedBy: finance-director\n', '') }),
      },
    },
    messages: {
      reviewWithoutDesign: {
        en: 'Status is `review` but the design stage is not done. Finish the design first (set `lifecycle.design.status: done`) or keep the status `draft`.',
        'zh-CN': '状态为 `review`（评审中），但设计阶段尚未完成。请先完成设计（`lifecycle.design.status: done`），或把状态保持为 `draft`。',
      },
      publishedWithoutReview: {
        en: 'Status is `published` but the review stage is not done. Complete the review (`lifecycle.review.status: done`) before publishing, or set the status back to `review`.',
        'zh-CN': '状态为 `published`（已发布），但评审阶段尚未完成。请先完成评审（`lifecycle.review.status: done`）再发布，或把状态改回 `review`。',
      },
      publishedWithoutApproval: {
        en: 'Status is `published` but the review stage lacks {{missing}}. Record who signed off (`approvedBy`, a role id) and when (`date`).',
        'zh-CN': '状态为 `published`（已发布），但评审阶段缺少 {{missing}}。请写明签字确认的岗位（`approvedBy`）和日期（`date`）。',
      },
      publishedWithoutEffective: {
        en: 'Status is `published` but `lifecycle.release.effective` is not set. Add the date the process takes effect (YYYY-MM-DD).',
        'zh-CN': '状态为 `published`（已发布），但没有填写 `lifecycle.release.effective`。请写明流程生效日期（YYYY-MM-DD）。',
      },
      doneAfterPlanned: {
        en: 'Stage `{{stage}}` is done while the earlier stage `{{earlier}}` is still planned. Stages are done in order: update `{{earlier}}` (done, in-progress or skipped) or set `{{stage}}` back to planned.',
        'zh-CN': '阶段 `{{stage}}` 已完成，但更早的阶段 `{{earlier}}` 仍为 planned。阶段应按顺序完成：请更新 `{{earlier}}` 的状态（done、in-progress 或 skipped），或把 `{{stage}}` 改回 planned。',
      },
      dateBackwards: {
        en: 'Stage `{{stage}}` was done on {{date}}, before the earlier stage `{{earlier}}` ({{earlierDate}}). Correct one of the dates.',
        'zh-CN': '阶段 `{{stage}}` 的完成日期 {{date}} 早于更早的阶段 `{{earlier}}`（{{earlierDate}}）。请更正其中一个日期。',
      },
    },
  },
  check(context) {
    const { spec } = context;
    const lifecycle = spec.lifecycle ?? {};
    if (spec.status === 'review' && lifecycle.design?.status !== 'done') {
      context.report({ messageId: 'reviewWithoutDesign', path: ['status'] });
    }
    if (spec.status === 'published') {
      const review = lifecycle.review;
      if (review?.status !== 'done') {
        context.report({ messageId: 'publishedWithoutReview', path: review ? ['lifecycle', 'review', 'status'] : ['status'] });
      } else {
        const missing = [...(review.approvedBy ? [] : ['`approvedBy`']), ...(review.date ? [] : ['`date`'])];
        if (missing.length > 0) {
          context.report({ messageId: 'publishedWithoutApproval', data: { missing: listAnd(missing) }, path: ['lifecycle', 'review'], target: 'key' });
        }
      }
      if (!lifecycle.release?.effective) {
        context.report({ messageId: 'publishedWithoutEffective', path: lifecycle.release ? ['lifecycle', 'release'] : ['status'], target: lifecycle.release ? 'key' : 'value' });
      }
    }

    let planned: string | undefined;
    let previous: { stage: string; date: string } | undefined;
    for (const stage of STAGE_IDS) {
      const entry = lifecycle[stage];
      if (!entry) continue;
      if (entry.status === 'planned') planned ??= stage;
      if (entry.status !== 'done') continue;
      if (planned) context.report({ messageId: 'doneAfterPlanned', data: { stage, earlier: planned }, path: ['lifecycle', stage, 'status'] });
      if (entry.date) {
        if (previous && entry.date < previous.date) {
          context.report({ messageId: 'dateBackwards', data: { stage, date: entry.date, earlier: previous.stage, earlierDate: previous.date }, path: ['lifecycle', stage, 'date'] });
        }
        previous = { stage, date: entry.date };
      }
    }
  },
});

