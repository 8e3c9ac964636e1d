import { defineRule } from '../lint/rule.ts';
import { compareVersions } from '../model/versions.ts';
import { publishedExample } from './support/example.ts';

const entry = (version: string, date: string, change: string) => `  - version: ${version}\n    date: ${date}\n    author: 财务经理\n    change: ${change}\n`;

/** The published example at `version`, with a history of these entries. */
const example = (version: string, ...entries: string[]) => `${publishedExample().replace('version: 1.0.0\n', `version: ${version}\n`)}history:\n${entries.join('')}`;

const FIRST = entry('1.0.0', '2026-03-02', '首次发布。');

/**
 * CONTRIBUTING's rule for every change: raise `version` and add a history line for it. The two
 * must agree, or readers and auditors see one version on the page and another in the record.
 */
export default defineRule({
  meta: {
    id: 'version-history',
    type: 'problem',
    severity: 'error',
    docs: {
      description: {
        en: 'A `version` other than the newest history entry’s, or a history not in version order.',
        'zh-CN': '`version` 与最新一条修订记录的版本不一致，或修订记录没有按版本顺序排列。',
      },
      rationale: {
        en: 'Each change to a process raises its `version` and adds a line to `history` saying what changed, when and by whom. The page shows the version, and the history is what an auditor reads to trace it: when the newest line names another version (say `version: 1.3.1` while the last line is for 1.4.0), one of them is wrong, and nobody can tell which text was reviewed. History is kept oldest first, each line newer than the one before, so the last line is the current version.',
        'zh-CN': '流程每次修改都要升级 `version`，并在 `history` 中加一条记录，写明改了什么、何时、由谁修改。页面显示的是版本号，审计追溯看的是修订记录：如果最新一条记录写的是另一个版本（例如 `version: 1.3.1`，最后一条记录却是 1.4.0），两者必有一个写错，谁也说不清评审的是哪一版。修订记录按从旧到新排列，每条的版本都比上一条新，最后一条就是当前版本。',
      },
      examples: {
        valid: example('1.0.1', FIRST, entry('1.0.1', '2026-03-20', '改正付款步骤的错别字。')),
        invalid: example('1.0.1', FIRST, entry('1.1.0', '2026-03-20', '单据不全的报销退回员工补充。')),
      },
    },
    messages: {
      newestNotVersion: {
        en: '`version` is {{version}}, but the newest `history` entry is for {{newest}}. They must agree: raise `version` for a change, and add its entry (version, date, author, change) at the end of `history`.',
        'zh-CN': '`version` 是 {{version}}，但 `history` 中最新一条记录的版本是 {{newest}}。两者必须一致：修改流程时升级 `version`，并在 `history` 末尾为该版本加一条记录（version、date、author、change）。',
      },
      notRecorded: {
        en: 'Version {{version}} has no entry in `history`. Add one at its end (version, date, author, change), so that the change can be traced and dated.',
        'zh-CN': '版本 {{version}} 在 `history` 中没有修订记录。请在末尾补充一条（version、date、author、change），以便追溯这次变更及其日期。',
      },
      outOfOrder: {
        en: 'The `history` entry for {{version}} comes after the one for {{previous}} but is not newer. Keep `history` oldest first, each entry a newer version, and add new entries at the end.',
        'zh-CN': '`history` 中 {{version}} 的记录排在 {{previous}} 之后，版本却不比它新。修订记录应按从旧到新排列，每条的版本都比上一条新，新记录加在末尾。',
      },
    },
  },
  check(context) {
    const { spec } = context;
    const history = spec.history ?? [];
    if (history.length === 0) return;
    for (let i = 1; i < history.length; i++) {
      if (compareVersions(history[i - 1]!.version, history[i]!.version) < 0) continue;
      context.report({ messageId: 'outOfOrder', data: { version: history[i]!.version, previous: history[i - 1]!.version }, path: ['history', i, 'version'] });
      return;
    }
    const newest = history[history.length - 1]!.version;
    if (newest === spec.version) return;
    // A version newer than every entry was never recorded; an older one contradicts the record.
    if (compareVersions(spec.version, newest) > 0) context.report({ messageId: 'notRecorded', data: { version: spec.version }, path: ['version'] });
    else context.report({ messageId: 'newestNotVersion', data: { version: spec.version, newest }, path: ['version'] });
  },
});
