import { ownersOf, parseCodeowners, patternFor } from '../model/codeowners.ts';
import { defineRule } from '../lint/rule.ts';
import { EXAMPLE_DEFAULTS, exampleSpec } from './support/example.ts';

/**
 * The last CODEOWNERS text parsed: every spec of a run is given the same one, and a handbook's has a
 * line per spec, so parsing it for each spec made a run quadratic (10,000 specs: 164 s instead of 8).
 */
let parsed: { text: string; entries: Map<string, string[]> } | undefined;

function entriesOf(text: string): Map<string, string[]> {
  if (parsed?.text !== text) parsed = { text, entries: parseCodeowners(text) };
  return parsed.entries;
}

/**
 * `.github/CODEOWNERS` is generated from each spec's `owner` role; when a spec's
 * line is missing or names other handles, the process owner is not the one asked
 * to approve changes. Silent when the linter was given no CODEOWNERS text (a
 * repository that does not use it) or no org registry (nothing to map roles to).
 */
export default defineRule({
  meta: {
    id: 'codeowners',
    type: 'problem',
    // A warning, not an error: a process owner editing in the browser cannot regenerate the file; an administrator does.
    severity: 'warn',
    docs: {
      description: {
        en: 'The `.github/CODEOWNERS` line for a process is missing or does not name the GitHub handles of its owner role.',
        'zh-CN': '`.github/CODEOWNERS` 中缺少某流程的条目，或条目中的审批人与其负责人岗位在 org.yml 中的 github 不一致。',
      },
      rationale: {
        en: 'GitHub asks the code owners of a file to approve every pull request that changes it. CODEOWNERS is generated from each spec\'s `owner` and the `github` handles in processes/org.yml; when it is stale, a change to a process can be merged without its owner\'s approval. Run `npm run codeowners` and commit the result.',
        'zh-CN': 'GitHub 会要求文件的代码负责人（code owner）批准修改该文件的每个拉取请求。CODEOWNERS 由各流程的 `owner` 与 processes/org.yml 中的 `github` 生成；文件过期时，流程的修改可能在负责人未批准的情况下被合并。请运行 `npm run codeowners` 并提交结果。',
      },
      examples: {
        // With `.github/CODEOWNERS` containing `/processes/management/expense-claim.md @acme/finance-leads`
        // the role finance-manager holding `github: ["@acme/finance-leads"]`
        // and accountant `github: ["@acme/accounting"]`:
        valid: exampleSpec(),
        invalid: exampleSpec({ head: EXAMPLE_DEFAULTS.head.replace('owner: finance-manager', 'owner: accountant') }),
      },
    },
    messages: {
      missing: {
        en: '`.github/CODEOWNERS` has no line for this process, so its owner `{{owner}}` ({{handles}}) is not asked to approve changes. Run `npm run codeowners` and commit the result.',
        'zh-CN': '`.github/CODEOWNERS` 中没有本流程的条目，流程负责人 `{{owner}}`（{{handles}}）不会被要求审批修改。请运行 `npm run codeowners` 并提交结果。',
      },
      different: {
        en: '`.github/CODEOWNERS` gives this process to {{found}}, but its owner `{{owner}}` maps to {{handles}} in processes/org.yml. Run `npm run codeowners` and commit the result.',
        'zh-CN': '`.github/CODEOWNERS` 中本流程的审批人是 {{found}}，而流程负责人 `{{owner}}` 在 processes/org.yml 中对应 {{handles}}。请运行 `npm run codeowners` 并提交结果。',
      },
      noHandles: {
        en: 'Neither the owner role `{{owner}}` nor its department has `github` in processes/org.yml, so nobody is required to approve changes to this process. Add the GitHub team of the role there, then run `npm run codeowners`.',
        'zh-CN': '负责人岗位 `{{owner}}` 及其部门在 processes/org.yml 中都没有填写 `github`，本流程的修改无需任何人审批。请为该岗位填写 GitHub 团队，然后运行 `npm run codeowners`。',
      },
    },
  },
  check(context) {
    const { spec, org, codeowners } = context;
    if (codeowners === undefined || !org) return;
    const expected = ownersOf(spec, org.org);
    const found = entriesOf(codeowners).get(patternFor(context.file));
    const data = { owner: spec.owner, handles: expected.join(' '), found: found?.join(' ') || '(—)' };
    if (expected.length === 0) {
      if (found?.length) context.report({ messageId: 'different', data: { ...data, handles: '(—)' }, path: ['owner'], target: 'key' });
      else context.report({ messageId: 'noHandles', data, path: ['owner'], target: 'key' });
      return;
    }
    if (!found) context.report({ messageId: 'missing', data, path: ['owner'], target: 'key' });
    else if ([...found].sort().join(' ') !== [...expected].sort().join(' ')) context.report({ messageId: 'different', data, path: ['owner'], target: 'key' });
  },
});
