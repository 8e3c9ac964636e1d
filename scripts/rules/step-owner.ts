import type { Process } from '../../schemas/process.ts';
import type { YamlPath } from '../core/diagnostic.ts';
import { phrase, type MessageValue } from '../core/render.ts';
import { defineRule } from '../lint/rule.ts';
import { EXAMPLE_DEFAULTS, exampleSpec } from './support/example.ts';
import { didYouMean } from './support/suggest.ts';

/** Every step has a responsible role, and every role and department named exists in the org registry. */
export default defineRule({
  meta: {
    id: 'step-owner',
    type: 'problem',
    severity: 'error',
    docs: {
      description: {
        en: 'A step with no responsible role, or a role or department id that is not in the org registry.',
        'zh-CN': '步骤没有责任岗位，或引用的岗位、部门标识不在组织注册表中。',
      },
      rationale: {
        en: 'A step nobody owns is a step nobody does. Roles are ids from the org registry (`org.yml`), so that a reorganisation shows every process it touches and the site can list each role\'s duties; a misspelt id silently drops a duty.',
        'zh-CN': '没有责任人的步骤就是没人做的步骤。岗位使用组织注册表（`org.yml`）中的标识，这样组织调整时能看到受影响的所有流程，网站也能列出每个岗位的职责；拼错的标识会让一项职责悄悄消失。',
      },
      examples: {
        valid: exampleSpec(),
        invalid: exampleSpec({ steps: EXAMPLE_DEFAULTS.steps.replace('role: department-head', 'role: dept-head') }),
      },
    },
    messages: {
      noOrg: {
        en: 'No org registry (org.yml) was found above this file, so roles and departments cannot be checked. Add `processes/org.yml` or pass `--org FILE`.',
        'zh-CN': '在此文件的上级目录中没有找到组织注册表（org.yml），无法检查岗位和部门。请添加 `processes/org.yml` 或使用 `--org FILE` 指定。',
      },
      missingRole: {
        en: 'Step `{{step}}` has no responsible role. Add `role:` with a role id from the org registry.',
        'zh-CN': '步骤 `{{step}}` 没有责任岗位。请添加 `role:`，填写组织注册表中的岗位标识。',
      },
      unknownRole: {
        en: 'Role `{{role}}` in {{field}} is not in the org registry{{suggestion}}. Use a role id from org.yml, or add the role there.',
        'zh-CN': '{{field}}中的岗位 `{{role}}` 不在组织注册表中{{suggestion}}。请使用 org.yml 中的岗位标识，或先在其中添加该岗位。',
      },
      unknownDepartment: {
        en: 'Department `{{department}}` is not in the org registry{{suggestion}}. Use a department id from org.yml, or add the department there.',
        'zh-CN': '部门 `{{department}}` 不在组织注册表中{{suggestion}}。请使用 org.yml 中的部门标识，或先在其中添加该部门。',
      },
    },
  },
  check(context) {
    const { spec, org } = context;
    if (!org) {
      context.report({ messageId: 'noOrg', path: ['owner'], target: 'key' });
      return;
    }
    const role = (id: string | undefined, path: YamlPath) => {
      if (id === undefined || org.roles.has(id)) return;
      context.report({ messageId: 'unknownRole', data: { role: id, field: fieldName(path, spec), suggestion: didYouMean(id, org.roles) }, path });
    };
    if (!org.departments.has(spec.department)) {
      context.report({ messageId: 'unknownDepartment', data: { department: spec.department, suggestion: didYouMean(spec.department, org.departments) }, path: ['department'] });
    }
    role(spec.owner, ['owner']);
    spec.steps.forEach((step, i) => {
      if (step.role === undefined) context.report({ messageId: 'missingRole', data: { step: step.id }, path: ['steps', i] });
      role(step.role, ['steps', i, 'role']);
      if (Array.isArray(step.accountable)) step.accountable.forEach((id, j) => role(id, ['steps', i, 'accountable', j]));
      else role(step.accountable, ['steps', i, 'accountable']);
      step.consulted?.forEach((id, j) => role(id, ['steps', i, 'consulted', j]));
      step.informed?.forEach((id, j) => role(id, ['steps', i, 'informed', j]));
      role(step.recuseTo, ['steps', i, 'recuseTo']);
    });
    spec.exceptions?.forEach((exception, i) => role(exception.role, ['exceptions', i, 'role']));
    const review = spec.lifecycle?.review;
    role(review?.approvedBy, ['lifecycle', 'review', 'approvedBy']);
    review?.reviewers?.forEach((id, j) => role(id, ['lifecycle', 'review', 'reviewers', j]));
  },
});

/** Where a role is named, in words: "`role` of step `approve`", "`lifecycle.review.approvedBy`". */
function fieldName(path: YamlPath, spec: Process): MessageValue {
  const [section, index, key] = path;
  if ((section === 'steps' || section === 'exceptions') && typeof index === 'number') {
    const id = section === 'steps' ? spec.steps[index]?.id : spec.exceptions?.[index]?.id;
    const label = id ? `\`${id}\`` : `#${index + 1}`;
    return section === 'steps' ? phrase(`\`${key}\` of step ${label}`, `步骤 ${label} 的 \`${key}\` `) : phrase(`\`${key}\` of exception plan ${label}`, `异常预案 ${label} 的 \`${key}\` `);
  }
  const dotted = path.filter((part) => typeof part === 'string').join('.');
  return phrase(`\`${dotted}\``, ` \`${dotted}\` `);
}
