import { IdSchema, NonEmptyText } from './common.ts';
import { bilingual } from './describe.ts';
import { z } from './zod.ts';

/** A GitHub user or team, as CODEOWNERS writes it: `@alice` or `@acme/finance`. */
const GitHubHandle = z
  .string()
  .regex(/^@[A-Za-z0-9-]+(?:\/[A-Za-z0-9._-]+)?$/, {
    message: 'must be a GitHub user or team such as `@alice` or `@acme/finance`',
  });

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
  })
  .meta(bilingual('岗位', 'A role'));

export const OrgSchema = z
  .strictObject({
    $schema: z.string().optional(),
    departments: z.array(DepartmentSchema).min(1).meta(bilingual('部门列表', 'The departments')),
    roles: z.array(RoleSchema).min(1).meta(bilingual('岗位列表', 'The roles')),
  })
  .meta({
    title: 'Org registry 组织注册表',
    ...bilingual('组织注册表：部门与岗位。流程规范中所有负责人字段都引用这里的岗位标识。', 'The org registry: departments and roles. Every owner in a spec is a role id from here.'),
  });

export type Org = z.output<typeof OrgSchema>;
export type Department = z.output<typeof DepartmentSchema>;
export type Role = z.output<typeof RoleSchema>;
