import type { HistoryEntry } from '../../schemas/process.ts';
import { defineRule } from '../lint/rule.ts';
import { bumpOf, compareVersions, type Bump } from '../model/versions.ts';
import { PUBLISHED_LIFECYCLE, publishedExample } from './support/example.ts';

const HISTORY = `history:
  - version: 1.0.0
    date: 2026-01-12
    author: 财务经理
    change: 首次发布。
  - version: 1.1.0
    date: 2026-03-02
    author: 财务经理
    change: 单据不全的报销退回员工补充。
`;

/** The published example at version 1.1.0, with its history: defined and analysed before 1.0.0, redesigned for 1.1.0. */
function changedExample(history: string): string {
  const lifecycle = PUBLISHED_LIFECYCLE.replace('date: 2026-01-05', 'date: 2025-12-01').replace('date: 2026-01-19', 'date: 2025-12-15');
  return `${publishedExample({ lifecycle })}${history}`.replace('version: 1.0.0\nstatus', 'version: 1.1.0\nstatus');
}

/** The stages a change to the flow goes through again (the method's 重复步骤三至步骤六; monitoring simply goes on). */
const REPEATED = ['design', 'review', 'release'] as const;

/**
 * Stage 7 of the method: a process that needs changing repeats stages 3 to 6. So the
 * design, review and release recorded in the lifecycle must be the ones the last change
 * to the flow (a minor or major version) went through — dated after the version before
 * it, and the release not before the change itself. A patch version changes wording only
 * and goes through no review, so patches after a change do not hide it.
 */
export default defineRule({
  meta: {
    id: 'change-control',
    type: 'problem',
    severity: 'error',
    docs: {
      description: {
        en: 'A process whose latest minor or major version is newer than the design, review and release recorded for it, so the change was never reviewed and released.',
        'zh-CN': '流程最新的次版本或主版本晚于生命周期中记录的设计、评审与发布，说明这次变更从未经过评审和发布。',
      },
      rationale: {
        en: 'The method sends every change to a process back through stages 3 to 6: design, cross-department review with sign-off, release with training, monitoring. When the history shows a new version that changed the flow but the lifecycle still shows the review and release of the version before it, the people following the process run a flow nobody signed off. A patch version (1.2.0 → 1.2.1) is for wording only and needs no new review. Until the new review is done, the status is `review`.',
        'zh-CN': '方法规定流程的每次变更都要重新经过阶段三至六：设计、跨部门评审并签字、发布与培训、执行监控。修订记录里出现了改变流程的新版本，生命周期中却仍是上一版本的评审与发布，执行流程的人就在按一个无人签字确认的流程办事。修订号（如 1.2.0 → 1.2.1）只用于文字修改，不需要重新评审。新的评审完成之前，流程状态应为 `review`。',
      },
      examples: {
        valid: changedExample(HISTORY.replace('date: 2026-01-12', 'date: 2025-12-29')),
        invalid: changedExample(HISTORY.replace('date: 2026-03-02', 'date: 2026-04-20')),
      },
    },
    messages: {
      notRecorded: {
        en: 'Version {{version}} has no entry in `history`. Add one (version, date, author, change), so that the change can be traced and dated.',
        'zh-CN': '版本 {{version}} 在 `history` 中没有修订记录。请补充一条（version、date、author、change），以便追溯这次变更及其日期。',
      },
      stageNotRepeated: {
        en: 'Version {{version}} raises the {{bump}} number after {{previous}} ({{previousDate}}), so the process changed, but stage `{{stage}}` is dated {{date}}, before {{previous}}: the change never went through it. A change to the flow repeats stages 3–6: record its new design, review and release, or set the status to `review` until they are done. A wording-only change takes a patch version.',
        'zh-CN': '版本 {{version}} 相对 {{previous}}（{{previousDate}}）升级了 {{bump}} 版本号，流程有变化，但阶段 `{{stage}}` 的日期 {{date}} 早于 {{previous}}：这次变更没有经过该阶段。流程变化须重复阶段三至六：请记录新的设计、评审与发布；完成之前把状态改为 `review`。只改文字时请升修订号。',
      },
      releasedBeforeVersion: {
        en: 'Version {{version}} is dated {{date}}, after the release recorded on {{release}}: that release was of an earlier version. Record the release of {{version}}, or set the status to `review` until it is released.',
        'zh-CN': '版本 {{version}} 的日期 {{date}} 晚于记录的发布日期 {{release}}：那次发布的是更早的版本。请记录 {{version}} 的发布；发布之前把状态改为 `review`。',
      },
    },
  },
  check(context) {
    const { spec } = context;
    const history = spec.history ?? [];
    if (history.length === 0 || (spec.status !== 'review' && spec.status !== 'published')) return;
    if (!history.some((entry) => entry.version === spec.version)) {
      context.report({ messageId: 'notRecorded', data: { version: spec.version }, path: ['version'] });
      return;
    }
    // The last change to the flow up to the current version: patches after it change wording only.
    const versions = history
      .map((entry, at) => ({ entry, at }))
      .filter(({ entry }) => compareVersions(entry.version, spec.version) <= 0)
      .sort((a, b) => compareVersions(a.entry.version, b.entry.version));
    let change: { previous: HistoryEntry; current: HistoryEntry; at: number; bump: Bump } | undefined;
    for (let k = versions.length - 1; k > 0 && !change; k--) {
      const bump = bumpOf(versions[k - 1]!.entry.version, versions[k]!.entry.version);
      if (bump === 'major' || bump === 'minor') change = { previous: versions[k - 1]!.entry, current: versions[k]!.entry, at: versions[k]!.at, bump };
    }
    if (!change) return;
    const { previous, current, bump } = change;
    const lifecycle = spec.lifecycle ?? {};
    for (const stage of REPEATED) {
      const entry = lifecycle[stage];
      if (entry?.status !== 'done' || !entry.date || entry.date >= previous.date) continue;
      context.report({
        messageId: 'stageNotRepeated',
        data: { version: current.version, bump, previous: previous.version, previousDate: previous.date, stage, date: entry.date },
        path: ['lifecycle', stage, 'date'],
      });
    }
    const release = lifecycle.release;
    if (release?.status === 'done' && release.date && release.date >= previous.date && release.date < current.date) {
      context.report({ messageId: 'releasedBeforeVersion', data: { version: current.version, date: current.date, release: release.date }, path: ['history', change.at, 'date'] });
    }
  },
});
