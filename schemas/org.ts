import { IdSchema, NonEmptyText } from './common.ts';
import { bilingual } from './describe.ts';
import { z } from './zod.ts';

/** A GitHub user or team, as CODEOWNERS writes it: `@alice` or `@acme/finance`. */
const GitHubHandle = z
  .string()
  .regex(/^@[A-Za-z0-9-]+(?:\/[A-Za-z0-9._-]+)?$/, {
    message: 'must be a GitHub user or team such as `@alice` or `@acme/finance`',
  });

/** Seniority, lowest first: who may sign a process off is configured as a minimum level. */
export const ROLE_LEVELS = ['staff', 'supervisor', 'manager', 'director', 'executive'] as const;
export type RoleLevel = (typeof ROLE_LEVELS)[number];

export const DepartmentSchema = z
  .strictObject({
    id: IdSchema.meta(bilingual('部门标识（kebab-case），流程与岗位通过它引用部门', 'Department id (kebab-case) that specs and roles refer to')),
    name: NonEmptyText.meta(bilingual('部门名称（中文）', 'Department name (Chinese)')),
    nameEn: NonEmptyText.optional().meta(bilingual('部门英文名称', 'Department name in English')),
    description: z.string().optional().meta(bilingual('部门职责简介', 'What the department is responsible for')),
    github: z.array(GitHubHandle).optional().meta(bilingual('代表该部门审核变更的 GitHub 用户或团队', 'GitHub users or teams who review changes for this department')),
  })
  .meta(bilingual('部门', 'A department'));

export const RoleSchema = z
  .strictObject({
    id: IdSchema.meta(bilingual('岗位标识（kebab-case），流程中的 owner、role 等字段引用它', 'Role id (kebab-case) used by owner, role, accountable … in specs')),
    name: NonEmptyText.meta(bilingual('岗位名称（中文）', 'Role name (Chinese)')),
    nameEn: NonEmptyText.optional().meta(bilingual('岗位英文名称', 'Role name in English')),
    department: IdSchema.meta(bilingual('所属部门标识', 'Id of the department the role belongs to')),
    description: z.string().optional().meta(bilingual('岗位职责简介', 'What the role does')),
    github: z.array(GitHubHandle).optional().meta(bilingual('担任该岗位、负责审批其流程变更的 GitHub 用户或团队', 'GitHub users or teams holding this role; they approve changes to the processes it owns')),
    level: z
      .enum(ROLE_LEVELS)
      .optional()
      .meta(bilingual('岗位层级：staff 员工/专员、supervisor 主管、manager 经理、director 总监（分管领导）、executive 总经理；决定能否签字确认流程', 'Level: staff, supervisor, manager, director or executive; decides who may sign a process off')),
    duties: z.array(IdSchema).optional().meta(bilingual('岗位本身承担的职务（duties 的标识），不论在哪个流程中，例如出纳的 cash', 'Duties the role holds by its position, in every process (ids of `duties`), e.g. the cashier\'s cash')),
    everyone: z.boolean().optional().meta(bilingual('为 true 表示每位员工都担任此岗位（例如“员工”作为申请人），因此其他任何岗位的人也可能以此身份出现', 'true when every member of staff holds this role (e.g. Employee as a requester), so the holder of any other role may act in it too')),
  })
  .meta(bilingual('岗位', 'A role'));

export const DutySchema = z
  .strictObject({
    id: IdSchema.meta(bilingual('职务标识（kebab-case），流程步骤的 duties 与不相容职务引用它', 'Duty id (kebab-case) that steps and incompatible pairs refer to')),
    name: NonEmptyText.meta(bilingual('职务名称（中文），例如 会计记录', 'Duty name (Chinese), e.g. 会计记录')),
    nameEn: NonEmptyText.optional().meta(bilingual('职务英文名称', 'Duty name in English')),
    description: z.string().optional().meta(bilingual('职务包括哪些工作', 'What the duty covers')),
  })
  .meta(bilingual('职务：内部控制中需要分离的一类工作', 'A duty: a kind of work internal control keeps apart from others'));

export const IncompatibleDutiesSchema = z
  .strictObject({
    duties: z.tuple([IdSchema, IdSchema]).meta(bilingual('两个不能由同一岗位担任的职务标识', 'Two duty ids one role must not hold together')),
    reason: NonEmptyText.meta(bilingual('为什么不相容（中文）', 'Why they are incompatible (Chinese)')),
    reasonEn: NonEmptyText.optional().meta(bilingual('为什么不相容（英文）', 'Why they are incompatible (English)')),
  })
  .meta(bilingual('一对不相容职务', 'A pair of incompatible duties'));

export const OrgSchema = z
  .strictObject({
    $schema: z.string().optional(),
    departments: z.array(DepartmentSchema).min(1).meta(bilingual('部门列表', 'The departments')),
    roles: z.array(RoleSchema).min(1).meta(bilingual('岗位列表', 'The roles')),
    duties: z.array(DutySchema).optional().meta(bilingual('职务列表（不相容职务分离用）', 'The duties (for segregation of duties)')),
    incompatibleDuties: z.array(IncompatibleDutiesSchema).optional().meta(bilingual('不相容职务：同一岗位不得在一个流程中同时担任的职务对', 'Incompatible duties: pairs one role must not hold together in a process')),
  })
  .meta({
    title: 'Org registry 组织注册表',
    ...bilingual('组织注册表：部门与岗位。流程规范中所有负责人字段都引用这里的岗位标识。', 'The org registry: departments and roles. Every owner in a spec is a role id from here.'),
  });

export type Org = z.output<typeof OrgSchema>;
export type Department = z.output<typeof DepartmentSchema>;
export type Role = z.output<typeof RoleSchema>;
export type Duty = z.output<typeof DutySchema>;
export type IncompatibleDuties = z.output<typeof IncompatibleDutiesSchema>;
