import { defineRule } from '../lint/rule.ts';
import { EXAMPLE_DEFAULTS, exampleSpec } from './support/example.ts';

/** Processes refer to each other by id; each id belongs to one spec, named after its file. */
export default defineRule({
  meta: {
    id: 'process-ref',
    type: 'problem',
    severity: 'error',
    docs: {
      description: {
        en: 'An upstream or downstream id that is not a process in the handbook, a process id used twice, or an id that does not match the file name.',
        'zh-CN': '上下游流程标识不在流程手册中、流程标识重复，或标识与文件名不一致。',
      },
      rationale: {
        en: 'Upstream and downstream links tie the handbook together: the site links them both ways, and a change to one process shows the processes it feeds. A link to a process that does not exist leads nowhere; two specs with one id, or an id that differs from its file name, make links and pages point at the wrong process.',
        'zh-CN': '上下游关系把流程手册连成一体：网站双向链接它们，修改一个流程时能看到受影响的流程。指向不存在流程的链接无处可去；两个流程共用一个标识，或标识与文件名不一致，会让链接和页面指向错误的流程。',
      },
      examples: {
        valid: exampleSpec(),
        invalid: exampleSpec({ scope: EXAMPLE_DEFAULTS.scope + '  upstream: [expense-budget]\n' }),
      },
    },
    messages: {
      unknownProcess: {
        en: '`scope.{{field}}` names process `{{id}}`, which is not in the handbook{{suggestion}}. Use the id of an existing process, or remove it.',
        'zh-CN': '`scope.{{field}}` 引用的流程 `{{id}}` 不在流程手册中{{suggestion}}。请填写已有流程的标识，或删除它。',
      },
      duplicateId: {
        en: 'Process id `{{id}}` is also used by {{others}}. Give each process its own id (and file name).',
        'zh-CN': '流程标识 `{{id}}` 也被 {{others}} 使用。请为每个流程使用不同的标识（和文件名）。',
      },
      idMismatch: {
        en: 'The process id `{{id}}` does not match the file name `{{fileName}}.md`. Rename the file to `{{id}}.md` or change the id to `{{fileName}}`.',
        'zh-CN': '流程标识 `{{id}}` 与文件名 `{{fileName}}.md` 不一致。请把文件改名为 `{{id}}.md`，或把标识改为 `{{fileName}}`。',
      },
    },
  },
  check(context) {
    const { spec, file } = context;
    const fileName = (file.split(/[\\/]/).pop() ?? file).replace(/\.md$/i, '');
    if (fileName !== spec.id) context.report({ messageId: 'idMismatch', data: { id: spec.id, fileName }, path: ['id'] });
    context.expect({ kind: 'unique-id', id: spec.id }, { messageId: 'duplicateId', data: { id: spec.id }, path: ['id'] });
    for (const field of ['upstream', 'downstream'] as const) {
      spec.scope[field]?.forEach((id, i) => {
        context.expect({ kind: 'process', id }, { messageId: 'unknownProcess', data: { field, id }, path: ['scope', field, i] });
      });
    }
  },
});
