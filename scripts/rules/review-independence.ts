import { ROLE_LEVELS } from '../../schemas/org.ts';
import { bilingual } from '../../schemas/describe.ts';
import { z } from '../../schemas/zod.ts';
import { list } from '../core/render.ts';
import { defineRule } from '../lint/rule.ts';
import { PUBLISHED_LIFECYCLE, publishedExample } from './support/example.ts';

const Options = z.strictObject({
  /** The lowest level in org.yml that may sign a process off (the method: 分管领导, e.g. 运营总监). */
  signOffLevel: z.enum(ROLE_LEVELS).default('director').meta(bilingual('有权签字确认的最低岗位层级（org.yml 中的 level）', 'The lowest role level (`level` in org.yml) that may sign a process off')),
  /** When given, only these roles may sign off, whatever their level. */
  signOffRoles: z.array(z.string()).default([]).meta(bilingual('只允许这些岗位签字（不论层级）；为空时按层级判断', 'Only these roles may sign off, whatever their level; empty means by level')),
});

/**
 * Stage 4 of the method ends with the responsible executive's signature. The owner wrote
 * the process, so the owner's signature checks nothing; and only someone senior enough
 * can commit the departments the process binds. Levels come from org.yml; a registry
 * that gives no role a level leaves the authority unchecked (older registries).
 */
export default defineRule<z.output<typeof Options>>({
  meta: {
    id: 'review-independence',
    type: 'problem',
    severity: 'error',
    options: Options,
    docs: {
      description: {
        en: 'A review signed off by the process owner, or by a role without the authority to sign off (by level in org.yml, or the configured roles).',
        'zh-CN': '评审由流程负责人本人签字确认，或签字岗位没有签字权限（按 org.yml 中的岗位层级，或配置的岗位）。',
      },
      rationale: {
        en: 'The method closes the cross-department review with the signature of the responsible executive (分管领导, e.g. the operations director). An owner who approves their own design checks nothing, and a signature below the departments the process binds commits none of them. Who may sign is the `signOffLevel` option (default `director`, compared with each role\'s `level` in org.yml), or an explicit list in `signOffRoles`.',
        'zh-CN': '方法规定跨部门评审后由分管领导（如运营总监）签字确认。流程负责人批准自己的设计等于没有审查；层级不够的人签字，也约束不了流程涉及的各部门。签字权限由 `signOffLevel` 选项配置（默认 `director` 总监，与 org.yml 中岗位的 `level` 比较），或用 `signOffRoles` 列出允许签字的岗位。',
      },
      examples: {
        valid: publishedExample(),
        invalid: publishedExample({ lifecycle: PUBLISHED_LIFECYCLE.replace('approvedBy: finance-director', 'approvedBy: finance-manager') }),
      },
    },
    messages: {
      ownerSignedOff: {
        en: 'The review was signed off by `{{role}}`, the owner of this process, who cannot approve their own design. Have the responsible executive sign off (`lifecycle.review.approvedBy`).',
        'zh-CN': '评审由本流程的负责人 `{{role}}` 签字确认，负责人不能批准自己的设计。请由分管领导签字（`lifecycle.review.approvedBy`）。',
      },
      notSignOffRole: {
        en: 'The review was signed off by `{{role}}`, which is not one of the roles that may sign off ({{roles}}). Have one of them sign.',
        'zh-CN': '评审由 `{{role}}` 签字确认，但它不在允许签字的岗位（{{roles}}）之中。请由其中之一签字。',
      },
      belowLevel: {
        en: 'The review was signed off by `{{role}}` (level `{{level}}`), below the `{{required}}` level a sign-off needs. Have an executive at that level or above sign.',
        'zh-CN': '评审由 `{{role}}`（层级 `{{level}}`）签字确认，低于签字所需的 `{{required}}` 层级。请由该层级或以上的领导签字。',
      },
      noLevel: {
        en: 'The review was signed off by `{{role}}`, which has no `level` in org.yml, so its authority to sign off cannot be checked. Give the role its level.',
        'zh-CN': '评审由 `{{role}}` 签字确认，但 org.yml 中该岗位没有 `level`，无法确认其签字权限。请为该岗位写明层级。',
      },
    },
  },
  check(context) {
    const { spec, org, options } = context;
    const approvedBy = spec.lifecycle?.review?.approvedBy;
    if (approvedBy === undefined) return;
    const path = ['lifecycle', 'review', 'approvedBy'];
    if (approvedBy === spec.owner) {
      context.report({ messageId: 'ownerSignedOff', data: { role: approvedBy }, path });
      return;
    }
    const allowed = options?.signOffRoles ?? [];
    if (allowed.length > 0) {
      if (!allowed.includes(approvedBy)) context.report({ messageId: 'notSignOffRole', data: { role: approvedBy, roles: list(allowed) }, path });
      return;
    }
    const role = org?.roles.get(approvedBy);
    // An unknown role is step-owner's finding; a registry without levels predates them.
    if (!role || !org!.org.roles.some((r) => r.level !== undefined)) return;
    const required = options?.signOffLevel ?? 'director';
    if (role.level === undefined) context.report({ messageId: 'noLevel', data: { role: approvedBy }, path });
    else if (ROLE_LEVELS.indexOf(role.level) < ROLE_LEVELS.indexOf(required)) context.report({ messageId: 'belowLevel', data: { role: approvedBy, level: role.level, required }, path });
  },
});
