import { MESSAGES } from '../core/messages.ts';
import { defineRule } from '../lint/rule.ts';
import { exampleSpec } from './support/example.ts';

/**
 * Surfaces what the loader found while reading the file: encoding, front matter,
 * YAML syntax, duplicate keys and schema mismatches, each at its key.
 */
export default defineRule({
  meta: {
    id: 'schema',
    type: 'problem',
    severity: 'error',
    runsOnInvalid: true,
    docs: {
      description: {
        en: 'Front matter that is not valid YAML or does not match the process schema.',
        'zh-CN': '前置元数据不是合法的 YAML，或不符合流程规范的结构。',
      },
      rationale: {
        en: 'Every other check, the site and the diff read the spec through the schema; a spec that does not match it cannot be checked or published.',
        'zh-CN': '其他检查、网站和变更对比都依赖规范结构读取流程；不符合结构的流程既无法检查，也无法发布。',
      },
      examples: {
        valid: exampleSpec(),
        invalid: exampleSpec().replace('title: 费用报销流程', 'titel: 费用报销流程'),
      },
    },
    // The reading stage's messages (scripts/core/messages.ts): each problem keeps its own.
    messages: MESSAGES,
  },
  check(context) {
    for (const { messageId, data, path, ...position } of context.loaded.problems) {
      context.report({ messageId, ...(data ? { data } : {}), position, ...(path ? { path } : {}) });
    }
  },
});
