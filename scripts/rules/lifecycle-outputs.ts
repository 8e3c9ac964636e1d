import { STAGE_IDS, type StageId } from '../../schemas/process.ts';
import { bilingual } from '../../schemas/describe.ts';
import { z } from '../../schemas/zod.ts';
import { defineRule } from '../lint/rule.ts';
import { PUBLISHED_LIFECYCLE, publishedExample } from './support/example.ts';
import { listAnd } from './support/suggest.ts';

/** The outputs (输出物) the seven-stage method requires of each stage. */
export const REQUIRED_OUTPUTS: Record<StageId, string[]> = {
  define: ['流程目标与范围说明书'],
  analyze: ['现状调研分析报告', '当前流程图'],
  design: ['未来流程图', '流程操作说明', '异常处理预案'],
  review: ['流程评审记录', '修订版流程文档'],
  release: ['流程培训记录', '模板文件包'],
  monitor: ['流程执行监控报表', '员工反馈汇总表'],
  improve: ['流程优化建议报告', '新版流程文档'],
};

const Options = z.strictObject({
  /** Per stage, the outputs it must list when done; a stage given here replaces its default list. */
  required: z.partialRecord(z.enum(STAGE_IDS), z.array(z.string())).default({}).meta(bilingual('按阶段配置完成时必须列出的输出物；配置了的阶段替换默认清单', 'Per stage, the outputs it must list when done; a stage given here replaces its default list')),
});

const strip = (text: string) => text.replace(/[《》]/g, '').trim();

/** A stage marked done must list what the method says it produces. */
export default defineRule<z.output<typeof Options>>({
  meta: {
    id: 'lifecycle-outputs',
    type: 'problem',
    severity: 'error',
    options: Options,
    docs: {
      description: {
        en: 'A lifecycle stage marked done without the outputs the method requires of it.',
        'zh-CN': '生命周期阶段标记为已完成，却没有列出方法要求的输出物。',
      },
      rationale: {
        en: 'Each stage of the method ends in documents — the scope statement, the future flowchart, the review record — that later stages and auditors rely on. A stage is only done when its outputs exist. The required list is configurable per stage with the `required` option.',
        'zh-CN': '方法的每个阶段都以文档收尾，如范围说明书、未来流程图、评审记录，后续阶段和审计都要依据它们。输出物齐全，阶段才算完成。可通过 `required` 选项按阶段配置要求的输出物。',
      },
      examples: {
        valid: publishedExample(),
        invalid: publishedExample({ lifecycle: PUBLISHED_LIFECYCLE.replace(', 《异常处理预案》', '') }),
      },
    },
    messages: {
      missingOutputs: {
        en: 'Stage `{{stage}}` is done but does not list {{outputs}} among its outputs. Add what is missing to `lifecycle.{{stage}}.outputs` (e.g. `《{{first}}》`), or set the stage back to in-progress until they exist.',
        'zh-CN': '阶段 `{{stage}}` 已标记完成，但输出物中没有 {{outputs}}。请把缺少的输出物加入 `lifecycle.{{stage}}.outputs`（例如 `《{{first}}》`），或在产出之前把阶段状态改回 in-progress。',
      },
    },
  },
  check(context) {
    const required = { ...REQUIRED_OUTPUTS, ...context.options?.required };
    for (const stage of STAGE_IDS) {
      const entry = context.spec.lifecycle?.[stage];
      if (entry?.status !== 'done') continue;
      const listed = (entry.outputs ?? []).map(strip);
      const missing = (required[stage] ?? []).map(strip).filter((output) => output && !listed.some((item) => item.includes(output)));
      if (missing.length === 0) continue;
      context.report({
        messageId: 'missingOutputs',
        data: { stage, outputs: listAnd(missing.map((m) => `《${m}》`)), first: missing[0]! },
        path: entry.outputs ? ['lifecycle', stage, 'outputs'] : ['lifecycle', stage],
        ...(entry.outputs ? {} : { target: 'key' as const }),
      });
    }
  },
});
