import { defineRule } from '../lint/rule.ts';
import { PUBLISHED_LIFECYCLE, publishedExample } from './support/example.ts';

/**
 * Stage 4 of the method is a cross-department review (business departments, legal, risk
 * control …). A review recorded as done names who took part, and someone outside the
 * owning department was among them. A warning: the record may lag the meeting.
 */
export default defineRule({
  meta: {
    id: 'cross-department-review',
    type: 'suggestion',
    severity: 'warn',
    docs: {
      description: {
        en: 'A review stage marked done that names no reviewers, or only reviewers from the process\'s own department.',
        'zh-CN': '评审阶段已标记完成，却没有写明评审人，或评审人都来自流程的归口部门。',
      },
      rationale: {
        en: 'The method reviews a process design across departments — the business departments it touches, legal, risk control — on compliance, operability and efficiency. A review without recorded reviewers cannot be traced, and one held inside the owning department misses the people who will live with the process. List the reviewing roles in `lifecycle.review.reviewers`.',
        'zh-CN': '方法要求组织跨部门评审（业务部门、法务部、风控部等），从合规性、可操作性、效率提升三个维度审查流程设计。没有记录评审人的评审无从追溯；只在归口部门内部评审，会漏掉将来要执行流程的人。请在 `lifecycle.review.reviewers` 中列出参加评审的岗位。',
      },
      examples: {
        valid: publishedExample(),
        invalid: publishedExample({ lifecycle: PUBLISHED_LIFECYCLE.replace('reviewers: [accountant, operations-director]', 'reviewers: [accountant, cashier]') }),
      },
    },
    messages: {
      noReviewers: {
        en: 'The review stage is done but names no reviewers. List the roles that took part in the cross-department review in `lifecycle.review.reviewers`.',
        'zh-CN': '评审阶段已完成，但没有写明评审人。请在 `lifecycle.review.reviewers` 中列出参加跨部门评审的岗位。',
      },
      oneDepartment: {
        en: 'Every reviewer of this process is from its own department `{{department}}`. Add the departments it involves (e.g. legal, risk control) to the review and to `lifecycle.review.reviewers`.',
        'zh-CN': '本流程的评审人都来自归口部门 `{{department}}`。请邀请流程涉及的其他部门（如法务部、风控部）参加评审，并写入 `lifecycle.review.reviewers`。',
      },
    },
  },
  check(context) {
    const { spec, org } = context;
    const review = spec.lifecycle?.review;
    if (review?.status !== 'done') return;
    const reviewers = review.reviewers ?? [];
    if (reviewers.length === 0) {
      context.report({ messageId: 'noReviewers', path: review.reviewers ? ['lifecycle', 'review', 'reviewers'] : ['lifecycle', 'review'], target: 'key' });
      return;
    }
    // Without a registry the departments are unknown; unknown roles are step-owner's finding.
    const departments = reviewers.map((role) => org?.roles.get(role)?.department);
    if (!org || departments.includes(undefined)) return;
    if (departments.every((department) => department === spec.department)) {
      context.report({ messageId: 'oneDepartment', data: { department: spec.department }, path: ['lifecycle', 'review', 'reviewers'] });
    }
  },
});
