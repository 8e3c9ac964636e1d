import type { Position } from '../core/diagnostic.ts';
import { idFromPath, linkTarget } from '../lint/references.ts';
import { defineRule } from '../lint/rule.ts';
import { formName } from '../model/handbook.ts';
import { exampleSpec } from './support/example.ts';
import { bodyLinks, decodeLink as decode } from './support/markdown-links.ts';
import { didYouMean } from './support/suggest.ts';

/**
 * Links in the prose body point at things that exist: `#step-id` at a step (or a
 * heading) of this process, `other.md#step` at a process of the handbook and one
 * of its steps, `form:名称` at a form some step uses or produces. Web and mail
 * links are not checked.
 */
export default defineRule({
  meta: {
    id: 'body-links',
    type: 'problem',
    severity: 'error',
    docs: {
      description: {
        en: 'A link in the prose body to a process, step (`#step-id`) or form (`form:名称`) that does not exist.',
        'zh-CN': '正文中的链接指向不存在的流程、步骤（`#步骤标识`）或表单（`form:名称`）。',
      },
      rationale: {
        en: 'The prose explains the steps and points at them, at other processes and at forms. When a step is renamed or a process removed, those links break silently on the site; checking them keeps the text and the process in step.',
        'zh-CN': '正文解释各个步骤，并链接到步骤、其他流程和表单。步骤改名或流程删除后，这些链接会在网站上悄无声息地失效；检查它们能让正文与流程保持一致。',
      },
      examples: {
        valid: exampleSpec(),
        invalid: exampleSpec(),
        body: {
          valid: '审批通过后由出纳[付款](#pay)，报销单见[费用报销单](form:费用报销单)。\n',
          invalid: '审批通过后由出纳[付款](#payment)，报销单见[费用报销单](form:费用报销单)。\n',
        },
      },
    },
    messages: {
      unknownStep: {
        en: 'The link `#{{step}}` names no step or heading of this process{{suggestion}}. Link to an existing step id.',
        'zh-CN': '链接 `#{{step}}` 指向的步骤或标题在本流程中不存在{{suggestion}}。请链接到已有的步骤标识。',
      },
      unknownProcess: {
        en: 'The link `{{target}}` names no process of the handbook{{suggestion}}. Link to an existing spec by its path, e.g. `../business/customer-complaint.md`.',
        'zh-CN': '链接 `{{target}}` 指向的流程不在流程手册中{{suggestion}}。请按路径链接到已有的流程，例如 `../business/customer-complaint.md`。',
      },
      unknownStepInProcess: {
        en: 'Process `{{process}}` has no step `{{step}}`{{suggestion}}. Link to one of its step ids.',
        'zh-CN': '流程 `{{process}}` 中没有步骤 `{{step}}`{{suggestion}}。请链接到它已有的步骤标识。',
      },
      unknownForm: {
        en: 'No step of the handbook uses or produces the form `{{form}}`{{suggestion}}. Check the name, or add the form to a step\'s `inputs` or `outputs`.',
        'zh-CN': '流程手册中没有步骤使用或产出表单《{{form}}》{{suggestion}}。请检查名称，或把该表单加入某个步骤的 `inputs` 或 `outputs`。',
      },
    },
  },
  check(context) {
    const { loaded, model, file } = context;
    const { links, headings } = bodyLinks(loaded.body);
    for (const link of links) {
      const url = link.url.trim();
      const offset = loaded.bodyLine - 1;
      const position: Position = { line: link.line + offset, column: link.column, endLine: link.endLine + offset, endColumn: link.endColumn };
      if (url.startsWith('#')) {
        const step = decode(url.slice(1));
        if (!model.byId.has(step) && !headings().has(step.toLowerCase())) {
          context.report({ messageId: 'unknownStep', data: { step, suggestion: didYouMean(step, model.byId) }, position });
        }
        continue;
      }
      if (/^form:/i.test(url)) {
        const form = formName(decode(url.slice(5)));
        context.expect({ kind: 'form', name: form }, { messageId: 'unknownForm', data: { form }, position });
        continue;
      }
      if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) continue;
      const [rawPath = '', hash] = url.split('#', 2);
      const path = decode(rawPath);
      if (!/\.md$/i.test(path)) continue;
      const spec = { path: linkTarget(file, path), id: idFromPath(path) };
      context.expect({ kind: 'spec', ...spec }, { messageId: 'unknownProcess', data: { target: path }, position });
      const step = hash ? decode(hash) : '';
      if (step) context.expect({ kind: 'step', ...spec, step }, { messageId: 'unknownStepInProcess', data: { step }, position });
    }
  },
});
