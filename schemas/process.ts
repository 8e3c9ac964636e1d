import { DateSchema, IdSchema, NonEmptyText, SEMVER } from './common.ts';
import { bilingual } from './describe.ts';
import { z } from './zod.ts';

/**
 * What a process spec is: the YAML front matter of `processes/<folder>/<id>.md`.
 *
 * The schema checks shape only. Meaning (deadlines that parse, owners that exist,
 * a step graph that holds together, a lifecycle in order) is the linter's job, so
 * several fields a process needs are optional here: a missing `role` or `deadline`
 * is reported by its own rule with a precise message instead of a generic one.
 */

export const CATEGORIES = ['business', 'management', 'information'] as const;
export const STATUSES = ['draft', 'review', 'published', 'retired'] as const;
export const STAGE_IDS = ['define', 'analyze', 'design', 'review', 'release', 'monitor', 'improve'] as const;
export const STAGE_STATUSES = ['done', 'in-progress', 'planned', 'skipped'] as const;
export const STEP_KINDS = ['task', 'approval', 'decision'] as const;
/** What an approval decided: every branch of an approval step names one. */
export const APPROVAL_OUTCOMES = ['approved', 'rejected'] as const;

export type StageId = (typeof STAGE_IDS)[number];

const RoleRef = IdSchema.meta(bilingual('岗位标识，见 processes/org.yml', 'Role id from processes/org.yml'));
const TextList = z.array(NonEmptyText);

/**
 * English for what readers see sits beside the Chinese it translates, under the same name with `En`
 * (`name` / `nameEn`), as `titleEn` and the org registry's `nameEn` do. Every one is optional; only a
 * spec that declares `translations: [en]` must have them all (the `translation-complete` rule).
 */
const english = (zh: string, en: string) => NonEmptyText.optional().meta(bilingual(`${zh}（英文，可选）`, `${en} in English (optional)`));
const englishList = (zh: string, en: string) =>
  TextList.optional().meta(bilingual(`${zh}（英文，可选；与中文逐项对应，项数相同）`, `${en} in English (optional; one item for each Chinese item, in the same order)`));

export const LANGUAGES = ['en'] as const;

const DeadlineText = z
  .string()
  .meta(
    bilingual(
      '时间要求。例如：即时、30分钟内、接收后30分钟内、2个工作日内、24小时内、每月25日、12月20日前、每周五、每半年；或 immediately、30m、2h、3d、2 workdays、30m after receive、monthly on 25、yearly on 12-20、weekly on fri、every 6 months',
      'Time requirement, e.g. immediately, 30m, 2h, 3d, 2 workdays, 30m after receive, monthly on 25, yearly on 12-20, weekly on fri, every 6 months, or the Chinese forms 即时, 30分钟内, 接收后30分钟内, 2个工作日内, 每月25日, 12月20日前, 每周五, 每半年',
    ),
  );

export const ScopeSchema = z
  .strictObject({
    start: NonEmptyText.meta(bilingual('流程起点：什么事件触发流程', 'Start: the event that triggers the process')),
    startEn: english('流程起点', 'Start'),
    end: NonEmptyText.meta(bilingual('流程终点：流程在什么状态下结束', 'End: the state in which the process is finished')),
    endEn: english('流程终点', 'End'),
    upstream: z.array(IdSchema).optional().meta(bilingual('上游流程标识', 'Ids of upstream processes')),
    downstream: z.array(IdSchema).optional().meta(bilingual('下游流程标识', 'Ids of downstream processes')),
    includes: TextList.optional().meta(bilingual('适用范围（包括）', 'What the process covers')),
    includesEn: englishList('适用范围', 'What the process covers'),
    excludes: TextList.optional().meta(bilingual('不适用范围（不包括）', 'What the process does not cover')),
    excludesEn: englishList('不适用范围', 'What the process does not cover'),
  })
  .meta(bilingual('流程范围：起点、终点与上下游', 'Scope: start, end, upstream and downstream'));

export const KpiSchema = z
  .strictObject({
    id: IdSchema.meta(bilingual('指标标识', 'KPI id')),
    name: NonEmptyText.meta(bilingual('指标名称，例如 投诉解决率', 'KPI name, e.g. complaint resolution rate')),
    nameEn: english('指标名称', 'KPI name'),
    target: z
      .string()
      .meta(bilingual('目标值：比较符 + 数值 + 单位，例如 ">= 95%"、"<= 3 workdays"、"<= 24h"、"≤3个工作日"', 'Target: comparator, number and unit, e.g. ">= 95%", "<= 3 workdays", "<= 24h"')),
    frequency: z.string().optional().meta(bilingual('统计频率，例如 monthly / 每月', 'How often it is measured, e.g. monthly')),
    frequencyEn: english('统计频率（每月、每季度等周期会自动翻译，无需填写）', 'Frequency (periods such as 每月 are translated automatically)'),
    source: z.string().optional().meta(bilingual('数据来源，例如 客服系统工单数据', 'Where the figure comes from')),
    sourceEn: english('数据来源', 'Source'),
    from: IdSchema.optional().meta(bilingual('时间类指标的起算步骤（默认第一个步骤）', 'For a time KPI: the step the clock starts at (default: the first step)')),
    to: IdSchema.optional().meta(bilingual('时间类指标的截止步骤（默认流程结束）', 'For a time KPI: the step the clock stops at (default: the end of the process)')),
  })
  .meta(bilingual('关键绩效指标', 'A key performance indicator'));

export const BranchSchema = z
  .strictObject({
    when: z.string().optional().meta(bilingual('分支条件，例如 金额≤5万元', 'Condition of this branch, e.g. amount <= 50,000')),
    whenEn: english('分支条件', 'Condition'),
    to: IdSchema.meta(bilingual('条件成立时进入的步骤标识', 'Id of the step taken when the condition holds')),
    loop: z.boolean().optional().meta(bilingual('为 true 表示这是有意的回退（例如资料不全退回补充），不算作错误的循环；只能写在回到之前步骤的分支上', 'true marks an intended loop back (e.g. incomplete documents sent back), not a broken cycle; only on a branch back to an earlier step')),
    outcome: z
      .enum(APPROVAL_OUTCOMES)
      .optional()
      .meta(bilingual('审批步骤的分支必填：approved 同意（通过）、rejected 不同意（退回修改写 loop: true，否决则走向结束）', 'Required on the branches of an approval: approved, or rejected (sent back for rework with loop: true, or refused and going to an end)')),
  })
  .meta(bilingual('决策分支', 'A decision branch'));

export const StepSchema = z
  .strictObject({
    id: IdSchema.meta(bilingual('步骤标识（kebab-case），在流程内唯一', 'Step id (kebab-case), unique within the process')),
    name: NonEmptyText.meta(bilingual('流程步骤名称，例如 投诉接收', 'Step name, e.g. receive the complaint')),
    nameEn: english('步骤名称', 'Step name'),
    kind: z.enum(STEP_KINDS).optional().meta(bilingual('步骤类型：task 任务（默认）、approval 审批、decision 决策（有 branches 时默认）', 'Step kind: task (default), approval, decision (default when branches are given)')),
    action: NonEmptyText.optional().meta(bilingual('操作说明：这一步具体做什么、怎么做', 'Operating instruction: what is done in this step and how')),
    actionEn: english('操作说明', 'Operating instruction'),
    role: RoleRef.optional().meta(bilingual('责任岗位（R，执行者）', 'Responsible role (R): who does the step')),
    accountable: z
      .union([RoleRef, z.array(RoleRef)])
      .optional()
      .meta(bilingual('批准/最终负责岗位（A），只能有一个；不写时，审批步骤由审批岗位负责，其他步骤由流程负责人负责', 'Accountable role (A): exactly one; without it, an approval is accountable to its approver and any other step to the process owner')),
    consulted: z.array(RoleRef).optional().meta(bilingual('需征询意见的岗位（C）', 'Consulted roles (C)')),
    informed: z.array(RoleRef).optional().meta(bilingual('需知会的岗位（I）', 'Informed roles (I)')),
    deadline: DeadlineText.optional(),
    inputs: TextList.optional().meta(bilingual('输入：本步骤使用的表单或资料，例如 《客户投诉登记表》', 'Inputs: forms or documents this step uses')),
    inputsEn: englishList('输入', 'Inputs'),
    outputs: TextList.optional().meta(bilingual('输出成果：本步骤产出的表单或文件，例如 《客户投诉登记表》', 'Outputs: forms or documents this step produces')),
    outputsEn: englishList('输出成果', 'Outputs'),
    controls: TextList.optional().meta(bilingual('关键控制点：必须检查、不可省略的事项', 'Key control points: checks that must not be skipped')),
    controlsEn: englishList('关键控制点', 'Key control points'),
    tools: TextList.optional().meta(bilingual('所需工具或系统，例如 OA 系统', 'Tools or systems used, e.g. the OA system')),
    toolsEn: englishList('所需工具或系统', 'Tools or systems'),
    next: z.union([IdSchema, z.array(IdSchema)]).optional().meta(bilingual('下一步骤标识；写成列表表示并行分支；不写表示流程在此结束', 'Next step id; a list means parallel branches; absent means the process ends here')),
    loop: z.boolean().optional().meta(bilingual('为 true 表示 next 回到之前的步骤（有意的回退，例如返工后重新检验），不算作错误的循环', 'true marks the `next` as an intended loop back to an earlier step (e.g. rework, then inspect again), not a broken cycle')),
    branches: z.array(BranchSchema).optional().meta(bilingual('决策分支：每个分支写明条件 when 与去向 to；审批步骤的分支还要写 outcome', 'Decision branches: each with a condition `when` and a target `to`; on an approval also its `outcome`')),
    duties: z.array(IdSchema).optional().meta(bilingual('本步骤行使的职务（processes/org.yml 中 duties 的标识），用于不相容职务分离检查，例如 [record]', 'Duties this step exercises (ids of `duties` in processes/org.yml), checked for segregation of incompatible duties, e.g. [record]')),
    recuseTo: RoleRef.optional().meta(bilingual('回避：办理人恰好也是本案的申请人（或担任了与本步骤不相容的职务）时，改由此岗位办理，例如部门负责人本人的报销由分管领导审批', 'Recusal: the role that takes the step over when its holder is also the requester (or holds a duty incompatible with it) in the case at hand')),
  })
  .meta(bilingual('流程步骤', 'A process step'));

export const ExceptionSchema = z
  .strictObject({
    id: IdSchema.optional().meta(bilingual('异常标识', 'Exception id')),
    when: NonEmptyText.meta(bilingual('异常情形，例如 客户资料不全', 'The exceptional situation, e.g. incomplete customer documents')),
    whenEn: english('异常情形', 'The exceptional situation'),
    action: NonEmptyText.meta(bilingual('处理措施', 'What to do')),
    actionEn: english('处理措施', 'What to do'),
    role: RoleRef.optional().meta(bilingual('负责处理的岗位', 'Role that handles it')),
    deadline: DeadlineText.optional(),
    step: IdSchema.optional().meta(bilingual('异常发生的步骤标识', 'Id of the step where it arises')),
  })
  .meta(bilingual('异常处理预案', 'An exception plan'));

const stageFields = {
  status: z.enum(STAGE_STATUSES).meta(bilingual('阶段状态：done 已完成、in-progress 进行中、planned 计划中、skipped 跳过', 'Stage status: done, in-progress, planned or skipped')),
  date: DateSchema.optional().meta(bilingual('完成（或计划）日期 YYYY-MM-DD', 'Date done (or planned), YYYY-MM-DD')),
  outputs: TextList.optional().meta(bilingual('阶段输出物，例如 《流程目标与范围说明书》', "The stage's outputs, e.g. the goal and scope statement")),
  notes: z.string().optional().meta(bilingual('备注', 'Notes')),
};

// Generic so each stage's extra fields (approvedBy, effective, nextReview …) stay in its type.
const stage = <Extra extends z.ZodRawShape = {}>(zh: string, en: string, extra: Extra = {} as Extra) =>
  z.strictObject({ ...stageFields, ...extra }).meta(bilingual(zh, en));

export const LifecycleSchema = z
  .strictObject({
    define: stage('阶段一：明确流程目标与范围', 'Stage 1: define goal and scope').optional(),
    analyze: stage('阶段二：流程现状调研与分析', 'Stage 2: analyse the current state').optional(),
    design: stage('阶段三：流程设计与优化', 'Stage 3: design and optimise').optional(),
    review: stage('阶段四：评审与修订', 'Stage 4: review and revise', {
      approvedBy: RoleRef.optional().meta(bilingual('签字确认的分管领导岗位（不能是流程负责人本人）', 'Role of the executive who signed off (not the process owner)')),
      reviewers: z.array(RoleRef).optional().meta(bilingual('参与跨部门评审的岗位，至少一个来自其他部门', 'Roles that took part in the cross-department review, at least one from another department')),
    }).optional(),
    release: stage('阶段五：发布与培训', 'Stage 5: release and train', {
      effective: DateSchema.optional().meta(bilingual('生效日期', 'Effective date')),
    }).optional(),
    monitor: stage('阶段六：执行与监控', 'Stage 6: execute and monitor', {
      cadence: z.string().optional().meta(bilingual('提取流程 KPI 数据、对比目标值的频率，例如 每月', 'How often the KPIs are extracted and compared with their targets, e.g. monthly')),
      firstMonthCadence: z.string().optional().meta(bilingual('执行首月跟踪运行情况的频率，例如 每日', 'How often the process is followed in its first month after release, e.g. daily')),
      feedbackCadence: z.string().optional().meta(bilingual('收集员工反馈的频率，例如 每季度', 'How often staff feedback on the process is collected, e.g. quarterly')),
    }).optional(),
    improve: stage('阶段七：持续优化', 'Stage 7: continuously improve', {
      lastReview: DateSchema.optional().meta(bilingual('最近一次全面复盘日期', 'Date of the last full review')),
      nextReview: DateSchema.optional().meta(bilingual('下一次全面复盘日期（不晚于上次复盘后六个月）', 'Date of the next full review (at most six months after the last)')),
    }).optional(),
  })
  .meta(bilingual('流程生命周期的七个阶段，按顺序书写', 'The seven lifecycle stages, written in order'));

export const HistoryEntrySchema = z
  .strictObject({
    version: z.string().regex(SEMVER, { message: 'must be a version such as 1.2.0' }).meta(bilingual('版本号', 'Version')),
    date: DateSchema,
    author: NonEmptyText.meta(bilingual('修订人', 'Author of the change')),
    change: NonEmptyText.meta(bilingual('修订内容', 'What changed')),
    changeEn: english('修订内容', 'What changed'),
  })
  .meta(bilingual('修订记录', 'A revision history entry'));

export const ProcessSchema = z
  .strictObject({
    $schema: z.string().optional(),
    id: IdSchema.meta(bilingual('流程标识（kebab-case），必须与文件名一致', 'Process id (kebab-case); equals the file name')),
    title: NonEmptyText.meta(bilingual('流程名称', 'Process title')),
    titleEn: NonEmptyText.optional().meta(bilingual('流程英文名称', 'Process title in English')),
    translations: z
      .array(z.enum(LANGUAGES))
      .optional()
      .meta(
        bilingual(
          '本流程已完整翻译的语言（目前只有 en）。写上后，检查工具会要求每个读者可见的字段都有英文（nameEn、actionEn、controlsEn 等）；不写则英文可有可无，英文页面会说明哪些内容仍是中文。正文的英文写在 <!-- lang: en --> 一行之后。',
          'Languages this spec is completely translated into (only en for now). When given, the linter requires English for every field readers see (nameEn, actionEn, controlsEn …); otherwise English is optional and the English page says what is still in Chinese. The English body follows a line <!-- lang: en -->.',
        ),
      ),
    category: z.enum(CATEGORIES).meta(bilingual('流程类别：business 业务流程、management 管理流程、information 信息流程', 'Category: business, management or information')),
    department: IdSchema.meta(bilingual('归口管理部门标识，见 processes/org.yml', 'Owning department id from processes/org.yml')),
    owner: RoleRef.meta(bilingual('流程负责人岗位', 'Process owner role')),
    version: z
      .string({ message: 'must be a version in quotes such as "1.2.0"' })
      .regex(SEMVER, { message: 'must be a semantic version such as 1.2.0' })
      .meta(bilingual('版本号（语义化版本），例如 1.2.0', 'Semantic version, e.g. 1.2.0')),
    status: z.enum(STATUSES).meta(bilingual('状态：draft 草稿、review 评审中、published 已发布、retired 已废止', 'Status: draft, review, published or retired')),
    goal: NonEmptyText.meta(bilingual('流程目标：要解决的核心问题', 'Goal: the core problem the process solves')),
    goalEn: english('流程目标', 'Goal'),
    summary: z.string().optional().meta(bilingual('一句话简介', 'One-sentence summary')),
    summaryEn: english('一句话简介', 'One-sentence summary'),
    tags: TextList.optional().meta(bilingual('标签', 'Tags')),
    scope: ScopeSchema,
    kpis: z.array(KpiSchema).optional().meta(bilingual('关键绩效指标', 'Key performance indicators')),
    steps: z.array(StepSchema).min(1, { message: 'needs at least one step' }).meta(bilingual('流程步骤，第一个步骤是流程起点', 'Steps; the first is where the process starts')),
    exceptions: z.array(ExceptionSchema).optional().meta(bilingual('异常处理预案', 'Exception plans')),
    lifecycle: LifecycleSchema.optional(),
    history: z.array(HistoryEntrySchema).optional().meta(bilingual('修订记录', 'Revision history')),
  })
  .meta({
    title: 'Process spec 流程规范',
    ...bilingual('流程规范的 YAML 前置元数据（front matter）', "The YAML front matter of a process spec"),
  });

export type Process = z.output<typeof ProcessSchema>;
export type Step = Process['steps'][number];
export type Kpi = NonNullable<Process['kpis']>[number];
export type ProcessException = NonNullable<Process['exceptions']>[number];
export type Lifecycle = NonNullable<Process['lifecycle']>;
export type HistoryEntry = NonNullable<Process['history']>[number];
export type Language = (typeof LANGUAGES)[number];
