import { yamlPackage as Y } from '#optional-modules';
import type { Document, Pair as YamlPair, YAMLMap as YamlMap } from 'yaml';
import { STAGE_IDS, type StageId } from '../../schemas/process.ts';
import { phrase } from '../core/render.ts';
import { defineRule, type Fix } from '../lint/rule.ts';
import { EXAMPLE_DEFAULTS, exampleSpec } from './support/example.ts';

// The `yaml` package is needed only by the fixes (--fix): loaded then, not in every lint thread.

const ORDER = STAGE_IDS.join(' → ');

/**
 * The lifecycle is a mapping keyed by stage, written in the method's order. A
 * missing stage is inserted as planned and stages are reordered by `--fix`.
 */
export default defineRule({
  meta: {
    id: 'lifecycle-stages',
    type: 'problem',
    severity: 'error',
    fixable: true,
    docs: {
      description: {
        en: 'A lifecycle stage missing, written twice, or out of the seven-stage order.',
        'zh-CN': '生命周期阶段缺失、重复，或未按七个阶段的顺序书写。',
      },
      rationale: {
        en: 'Every process goes through the same seven stages, from defining its goal to continuous improvement. Listing all of them, in order, shows at a glance where a process stands and what comes next; a missing stage is usually a step that was forgotten.',
        'zh-CN': '每个流程都要经历从明确目标到持续优化的同样七个阶段。完整、按顺序列出全部阶段，才能一眼看出流程进行到哪一步、下一步做什么；缺少的阶段往往是被遗忘的工作。',
      },
      examples: {
        valid: exampleSpec(),
        invalid: exampleSpec({ lifecycle: EXAMPLE_DEFAULTS.lifecycle.replace('  analyze: { status: planned }\n', '') }),
      },
    },
    messages: {
      missingLifecycle: {
        en: 'The process has no `lifecycle`. Add the seven stages ({{order}}), each with a status (`--fix` adds them as planned).',
        'zh-CN': '流程缺少 `lifecycle`（生命周期）。请添加七个阶段（{{order}}），并为每个阶段填写状态（`--fix` 会以 planned 状态补齐）。',
      },
      missingStage: {
        en: 'Lifecycle stage `{{stage}}` is missing. Add it {{place}} with its status, e.g. `{{stage}}: { status: planned }` (`--fix` inserts it).',
        'zh-CN': '生命周期缺少阶段 `{{stage}}`。请在{{place}}添加该阶段并填写状态，例如 `{{stage}}: { status: planned }`（`--fix` 可自动插入）。',
      },
      duplicateStage: {
        en: 'Lifecycle stage `{{stage}}` is written twice; only the last one counts. Merge the two into one.',
        'zh-CN': '生命周期阶段 `{{stage}}` 写了两次，只有后一个生效。请合并为一个。',
      },
      outOfOrder: {
        en: 'Lifecycle stage `{{stage}}` comes after `{{later}}`, but the stages go {{order}}. Move it before `{{later}}` (`--fix` reorders the stages).',
        'zh-CN': '生命周期阶段 `{{stage}}` 写在 `{{later}}` 之后，而阶段顺序应为 {{order}}。请把它移到 `{{later}}` 之前（`--fix` 可自动排序）。',
      },
    },
  },
  check(context) {
    const { spec, loaded } = context;
    const lifecycle = spec.lifecycle;
    const written = Object.keys(((loaded.data as Record<string, unknown>).lifecycle ?? {}) as object);
    if (!lifecycle || written.length === 0) {
      context.report({ messageId: 'missingLifecycle', data: { order: ORDER }, path: ['lifecycle'], target: 'key', fix: insertLifecycle });
      return;
    }
    for (const [index, stage] of STAGE_IDS.entries()) {
      if (written.includes(stage)) continue;
      const before = STAGE_IDS.slice(0, index).findLast((s) => written.includes(s));
      const place = before ? phrase(`after \`${before}\``, ` \`${before}\` 之后`) : phrase('first', '最前面');
      context.report({ messageId: 'missingStage', data: { stage, place }, path: ['lifecycle'], target: 'key', fix: insertStage(stage) });
    }
    for (const duplicate of loaded.duplicateKeys) {
      if (duplicate.path[0] !== 'lifecycle' || duplicate.path.length !== 2) continue;
      const { path, ...position } = duplicate;
      context.report({ messageId: 'duplicateStage', data: { stage: String(path[1]) }, path, target: 'key', position });
    }
    let latest = -1;
    for (const stage of written) {
      const rank = STAGE_IDS.indexOf(stage as StageId);
      if (rank === -1) continue;
      if (rank < latest) {
        context.report({ messageId: 'outOfOrder', data: { stage, later: STAGE_IDS[latest]!, order: ORDER }, path: ['lifecycle', stage], target: 'key', fix: reorder });
      } else {
        latest = rank;
      }
    }
  },
});

function plannedStage(document: Document): YamlMap {
  const node = document.createNode({ status: 'planned' }) as YamlMap;
  node.flow = true;
  return node;
}

const insertLifecycle: Fix = (document) => {
  const current = document.get('lifecycle', true);
  if (Y().isMap(current) && current.items.length > 0) return;
  const map = new (Y().YAMLMap)();
  for (const stage of STAGE_IDS) map.items.push(new (Y().Pair)(new (Y().Scalar)(stage), plannedStage(document)));
  document.set('lifecycle', map);
};

function stageOf(pair: YamlPair): number {
  const key = Y().isScalar(pair.key) ? String(pair.key.value) : '';
  const rank = STAGE_IDS.indexOf(key as StageId);
  return rank === -1 ? STAGE_IDS.length : rank;
}

function insertStage(stage: StageId): Fix {
  return (document) => {
    const map = document.get('lifecycle', true);
    if (!Y().isMap(map)) return;
    const items = map.items as YamlPair[];
    if (items.some((pair) => Y().isScalar(pair.key) && pair.key.value === stage)) return;
    const rank = STAGE_IDS.indexOf(stage);
    const at = items.findIndex((pair) => stageOf(pair) > rank && stageOf(pair) < STAGE_IDS.length);
    items.splice(at === -1 ? items.length : at, 0, new (Y().Pair)(new (Y().Scalar)(stage), plannedStage(document)));
  };
}

const reorder: Fix = (document) => {
  const map = document.get('lifecycle', true);
  if (!Y().isMap(map)) return;
  // A stable sort keeps duplicates and unknown keys in their written order.
  (map.items as YamlPair[]).sort((a, b) => stageOf(a) - stageOf(b));
};
