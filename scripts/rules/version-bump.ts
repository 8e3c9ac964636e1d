import { defineRule } from '../lint/rule.ts';
import { bumpOf, compareVersions, flowChanged, nextVersion, specChanged } from '../model/versions.ts';
import { publishedExample } from './support/example.ts';

const entry = (version: string, date: string, change: string) => `  - version: ${version}\n    date: ${date}\n    author: 财务经理\n    change: ${change}\n`;
const FIRST = entry('1.0.0', '2026-03-02', '首次发布。');

/** The published example at `version` with its history; `pay` given `deadline`. */
const example = (version: string, deadline: string, ...entries: string[]) =>
  `${publishedExample().replace('version: 1.0.0\n', `version: ${version}\n`).replace('deadline: 2 workdays\n', `deadline: ${deadline}\n`)}history:\n${entries.join('')}`;

/** Processes people follow, or are about to: a draft is still being written and changes freely. */
const FOLLOWED = new Set(['review', 'published']);

/**
 * CONTRIBUTING: a change to a process under review or in force raises its version (a patch for
 * wording, a minor or major version when the flow changes) and adds a history entry. Known only
 * against the spec as it was, so it runs where a base is known: `--changed`, CI.
 */
export default defineRule({
  meta: {
    id: 'version-bump',
    type: 'problem',
    severity: 'error',
    usesPrevious: true,
    docs: {
      description: {
        en: 'A change to a process under review or published that keeps its version, or changes its flow with a patch version only (checked against the base of a change: `--changed`, CI).',
        'zh-CN': '评审中或已发布的流程被修改，版本号却没有升级；或改了流程（步骤、顺序、岗位）只升了修订号（与改动前的基线比较：`--changed`、CI）。',
      },
      rationale: {
        en: 'People follow the published version, and the review signed a version: a change without a new version cannot be told apart from what was signed. Wording takes a patch version (1.2.0 → 1.2.1); a step added or removed, its role or the order changed takes a minor or major version (1.2.0 → 1.3.0), which sends the process back through review (`change-control`). Record the new version in `history` too (`version-history`). The status, lifecycle and history are the record of the change itself and do not count as a change. Drafts are not checked.',
        'zh-CN': '大家执行的是已发布的版本，评审签字确认的也是某一个版本：修改后不升版本，就分不清现在的内容和签字时的是否相同。只改文字升修订号（1.2.0 → 1.2.1）；增删步骤、改岗位或顺序要升次版本号或主版本号（1.2.0 → 1.3.0），并重新评审（见 `change-control`）。新版本同样要写进 `history`（见 `version-history`）。状态、生命周期和修订记录本身是变更的记录，修改它们不算修改流程。草稿不检查。',
      },
      examples: {
        previous: example('1.0.0', '2 workdays', FIRST),
        valid: example('1.0.1', '3 workdays', FIRST, entry('1.0.1', '2026-03-20', '付款时限由 2 个工作日改为 3 个工作日。')),
        invalid: example('1.0.0', '3 workdays', FIRST),
      },
    },
    messages: {
      notBumped: {
        en: 'The process changed, but `version` {{version}} is not above {{previous}}, the version before the change. Raise it — {{patch}} for wording, {{minor}} when steps, their roles or their order change — and add its entry at the end of `history`.',
        'zh-CN': '流程有修改，但 `version` {{version}} 没有高于修改前的 {{previous}}。请升级版本号：只改文字升为 {{patch}}，增删步骤、改岗位或顺序升为 {{minor}}；并在 `history` 末尾为新版本加一条记录。',
      },
      flowNeedsMinor: {
        en: 'Steps, their roles or their order changed, but the version goes from {{previous}} to {{version}}, a patch, which is for wording only. Make it {{minor}} (or a major version), and take the change through review again.',
        'zh-CN': '步骤、岗位或顺序有变化，版本却从 {{previous}} 只升到修订号 {{version}}，而修订号只用于文字修改。请改为 {{minor}}（或升主版本号），并重新评审。',
      },
    },
  },
  check(context) {
    const before = context.previous?.spec;
    const { spec, loaded } = context;
    if (!before || !FOLLOWED.has(before.status) || !specChanged({ spec: before, body: context.previous!.body }, { spec, body: loaded.body })) return;
    const data = { version: spec.version, previous: before.version, patch: nextVersion(before.version, 'patch') ?? '', minor: nextVersion(before.version, 'minor') ?? '' };
    if (compareVersions(spec.version, before.version) <= 0) context.report({ messageId: 'notBumped', data, path: ['version'] });
    else if (bumpOf(before.version, spec.version) === 'patch' && flowChanged(before, spec)) context.report({ messageId: 'flowNeedsMinor', data, path: ['version'] });
  },
});
