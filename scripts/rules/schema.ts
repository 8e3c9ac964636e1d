import type { YamlPath } from '../core/diagnostic.ts';
import { refKind } from '../core/friendly-issues.ts';
import { MESSAGES } from '../core/messages.ts';
import { phrase } from '../core/render.ts';
import type { OrgIndex } from '../model/org-index.ts';
import { defineRule, type Fix } from '../lint/rule.ts';
import { exampleSpec } from './support/example.ts';

/**
 * Surfaces what the loader found while reading the file: encoding, front matter,
 * YAML syntax, duplicate keys and schema mismatches, each at its key.
 */
/** The field a path ends in (`accountable`, not its index). */
function keyOf(path: YamlPath): string {
  return String([...path].reverse().find((segment) => typeof segment === 'string') ?? '');
}

function valueAt(data: unknown, path: YamlPath): unknown {
  let node = data;
  for (const segment of path) node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[segment] : undefined;
  return node;
}

/** The role or department whose name (Chinese or English) is the value written at `path`. */
function idOfName(org: OrgIndex, path: YamlPath, value: unknown): { id: string; kind: 'role' | 'department'; name: string } | undefined {
  const kind = refKind(path);
  if (!kind || typeof value !== 'string') return undefined;
  const name = value.trim();
  const entries = kind === 'role' ? org.org.roles : org.org.departments;
  const found = entries.find((entry) => entry.name === name || entry.nameEn?.toLowerCase() === name.toLowerCase());
  return found ? { id: found.id, kind, name: found.name } : undefined;
}

/** `scope.upstream[i]` or `scope.downstream[i]`: where one process names another. */
function isProcessRef(path: YamlPath): boolean {
  return path.length === 3 && path[0] === 'scope' && (path[1] === 'upstream' || path[1] === 'downstream') && typeof path[2] === 'number';
}

export default defineRule({
  meta: {
    id: 'schema',
    type: 'problem',
    severity: 'error',
    runsOnInvalid: true,
    fixable: true,
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
      const named = messageId === 'schema.format' && path && context.org ? idOfName(context.org, path, valueAt(context.loaded.data, path)) : undefined;
      if (named) {
        // A role or department written by its name, where people think in names: say which id it is, and fix it.
        const { id, kind, name } = named;
        const fix: Fix = (document) => document.setIn(path!, id);
        context.report({ messageId: 'schema.nameNotId', data: { key: keyOf(path!), kind: kind === 'role' ? phrase('role', '岗位') : phrase('department', '部门'), name, id }, position, path: path!, fix });
        continue;
      }
      const report = { messageId, ...(data ? { data } : {}), position, ...(path ? { path } : {}) };
      const name = messageId === 'schema.format' && path && isProcessRef(path) ? valueAt(context.loaded.data, path) : undefined;
      // A process written by its name: only the whole handbook knows whose name it is.
      if (typeof name === 'string') context.expect({ kind: 'process-name', name: name.trim() }, { ...report, data: { ...data, key: keyOf(path!), name: name.trim() } });
      else context.report(report);
    }
  },
});
