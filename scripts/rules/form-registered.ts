import type { Position } from '../core/diagnostic.ts';
import { defineRule } from '../lint/rule.ts';
import { formName } from '../model/handbook.ts';
import { EXAMPLE_DEFAULTS, exampleSpec } from './support/example.ts';
import { bodyLinks, decodeLink } from './support/markdown-links.ts';
import { didYouMean } from './support/suggest.ts';

/**
 * Every form a step uses or produces, and every `form:` link of the prose, is in the spec's forms
 * registry (its nearest `forms.yml`), so that it has a page saying what it is and where it lives.
 * Silent when there is no registry. The registry's forms that no step names (nor a lifecycle stage
 * among its outputs) are reported on the registry itself, by the engine, when the whole handbook is
 * linted (`unused`).
 */
export default defineRule({
  meta: {
    id: 'form-registered',
    type: 'suggestion',
    severity: 'warn',
    docs: {
      description: {
        en: 'A form named in a step’s `inputs` or `outputs` (or linked as `form:名称`) that the forms registry does not list, or a registered form that no step or lifecycle stage names.',
        'zh-CN': '步骤 `inputs` 或 `outputs` 中（或正文 `form:名称` 链接中）的表单没有在表单登记中登记，或已登记的表单没有任何步骤或生命周期阶段使用。',
      },
      rationale: {
        en: 'The forms registry (`processes/forms.yml`) tells a new hire what each form is, where it lives and who keeps it, and gives each form a page. A form named in a step but not registered has no such page, and a misspelt name splits one form into two. A registered form that no step (or lifecycle stage) uses or produces is either obsolete or missing from the step that should name it.',
        'zh-CN': '表单登记（`processes/forms.yml`）告诉新员工每张表单是什么、在哪里、由谁维护，并为每张表单生成页面。步骤中提到却没有登记的表单没有这样的页面；名称写错还会把一张表单分成两张。已登记却没有任何步骤（或生命周期阶段）使用或产出的表单，要么已经过时，要么是应当写明它的步骤漏写了。',
      },
      examples: {
        valid: exampleSpec(),
        invalid: exampleSpec({ steps: EXAMPLE_DEFAULTS.steps.replace('    inputs: [《费用报销单》]\n', '    inputs: [《费用报销申请单》]\n') }),
      },
    },
    messages: {
      unregistered: {
        en: 'Step `{{step}}` names the form 《{{form}}》, which the forms registry does not list{{suggestion}}. Correct the name, or register the form in the forms registry (`forms.yml`).',
        'zh-CN': '步骤 `{{step}}` 提到的表单《{{form}}》没有在表单登记中{{suggestion}}。请更正名称，或在表单登记（`forms.yml`）中登记该表单。',
      },
      unregisteredLink: {
        en: 'This link names the form 《{{form}}》, which the forms registry does not list{{suggestion}}. Correct the name, or register the form in the forms registry (`forms.yml`).',
        'zh-CN': '此链接指向的表单《{{form}}》没有在表单登记中{{suggestion}}。请更正名称，或在表单登记（`forms.yml`）中登记该表单。',
      },
      unused: {
        en: 'No step or lifecycle stage of the handbook uses or produces the registered form 《{{form}}》. Name it in the `inputs` or `outputs` of the step that uses or produces it, or remove the entry if the form is no longer used.',
        'zh-CN': '流程手册中没有步骤或生命周期阶段使用或产出已登记的表单《{{form}}》。请在使用或产出它的步骤的 `inputs` 或 `outputs` 中写明它；如果该表单已不再使用，请删除这条登记。',
      },
    },
  },
  check(context) {
    const { forms, spec, loaded } = context;
    if (!forms) return;
    spec.steps.forEach((step, index) => {
      for (const key of ['inputs', 'outputs'] as const) {
        step[key]?.forEach((text, i) => {
          const form = formName(text);
          if (!forms.has(form)) context.report({ messageId: 'unregistered', data: { step: step.id, form, suggestion: didYouMean(form, forms) }, path: ['steps', index, key, i] });
        });
      }
    });
    for (const link of bodyLinks(loaded.body).links) {
      const url = link.url.trim();
      if (!/^form:/i.test(url)) continue;
      const form = formName(decodeLink(url.slice(5)));
      if (forms.has(form)) continue;
      const offset = loaded.bodyLine - 1;
      const position: Position = { line: link.line + offset, column: link.column, endLine: link.endLine + offset, endColumn: link.endColumn };
      context.report({ messageId: 'unregisteredLink', data: { form, suggestion: didYouMean(form, forms) }, position });
    }
  },
});
