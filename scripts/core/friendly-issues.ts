import type { z } from '../../schemas/zod.ts';
import type { SourceProblem, YamlPath } from './diagnostic.ts';
import type { MessageKey } from './messages.ts';
import { phrase, type MessageData, type MessageValue } from './render.ts';
import type { ParsedYaml } from './yaml-source.ts';

type Issue = z.core.$ZodIssue;

/**
 * Turns zod issues into messages a process owner can act on, positioned at the
 * offending key: unknown keys with a "did you mean", missing keys at their parent,
 * wrong types naming what was found. The messages stay data until they are shown.
 */
export function friendlyIssues(schema: z.ZodType, issues: readonly Issue[], data: unknown, yaml: ParsedYaml): SourceProblem[] {
  const problems: SourceProblem[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(schema, path, data);
      for (const key of issue.keys) {
        const near = closest(key, known);
        const suggestion: MessageValue = near ? { message: 'schema.didYouMean', data: { key: near } } : { message: 'schema.noSuggestion' };
        problems.push({ ...yaml.locate([...path, key], 'key'), path: [...path, key], messageId: 'schema.unknownKey', data: { key, where: where(path), suggestion } });
      }
      continue;
    }
    const value = valueAt(data, path);
    const key = String(path.at(-1) ?? 'front matter');
    if (issue.code === 'invalid_type' && value === undefined) {
      const parent = path.slice(0, -1);
      problems.push({ ...yaml.locate(parent, parent.length ? 'key' : 'value'), path, messageId: 'schema.required', data: { key, where: where(parent) } });
      continue;
    }
    problems.push({ ...yaml.locate(path), path, ...describe(issue, key, value) });
  }
  return problems;
}

/** " in steps[2]" / "（位于 steps[2]）", or nothing at the top level. */
function where(path: YamlPath): MessageValue {
  return path.length > 0 ? { message: 'schema.in', data: { where: formatPath(path) } } : '';
}

function describe(issue: Issue, key: string, value: unknown): { messageId: MessageKey; data: MessageData } {
  const found = show(value);
  switch (issue.code) {
    case 'invalid_type': {
      const hint: MessageValue = issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean') ? { message: 'schema.quoteHint' } : '';
      return { messageId: 'schema.type', data: { key, expected: typeName(issue.expected), found, hint } };
    }
    case 'invalid_value':
      return { messageId: 'schema.enum', data: { key, options: issue.values.map((v) => `\`${String(v)}\``).join(', '), found } };
    case 'invalid_format':
      return { messageId: 'schema.format', data: { key, found, detail: formatDetail(issue) } };
    case 'too_small':
      return {
        messageId: 'schema.tooSmall',
        data: { key, detail: issue.origin === 'array' ? (issue.minimum === 1 ? { message: 'schema.atLeastOne' } : { message: 'schema.atLeast', data: { minimum: Number(issue.minimum) } }) : { message: 'schema.notEmpty' } },
      };
    case 'invalid_union':
      return { messageId: 'schema.other', data: { key, detail: { message: 'schema.unionForm', data: { found } } } };
    default:
      return { messageId: 'schema.other', data: { key, detail: issue.message } };
  }
}

function formatDetail(issue: Extract<Issue, { code: 'invalid_format' }>): MessageValue {
  if (issue.format === 'date') return { message: 'schema.dateFormat' };
  const pattern = 'pattern' in issue ? String(issue.pattern) : '';
  if (pattern.includes('a-z0-9')) return { message: 'schema.idFormat' };
  if (pattern.includes('0|[1-9]')) return { message: 'schema.versionFormat' };
  if (pattern.includes('@')) return { message: 'schema.handleFormat' };
  return issue.message;
}

const TYPE_NAMES: Record<string, MessageValue> = {
  string: phrase('text', '文字'),
  number: phrase('a number', '数字'),
  boolean: phrase('true or false', 'true 或 false'),
  array: phrase('a list (items starting with -)', '列表（每项以 - 开头）'),
  object: phrase('a set of `key: value` fields', '一组“键: 值”字段'),
};

function typeName(expected: string): MessageValue {
  return Object.hasOwn(TYPE_NAMES, expected) ? TYPE_NAMES[expected]! : expected;
}

/** What was found, as a reader would name it. */
export function show(value: unknown): MessageValue {
  if (value === undefined) return phrase('nothing', '空');
  if (value === null) return phrase('an empty value', '空值');
  if (Array.isArray(value)) return phrase('a list', '列表');
  if (typeof value === 'object') return phrase('a set of fields', '一组字段');
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}…"` : text;
}

export function formatPath(path: YamlPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function valueAt(data: unknown, path: YamlPath): unknown {
  let value = data;
  for (const p of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, p)) return undefined;
    value = (value as Record<string | number, unknown>)[p];
  }
  return value;
}

interface SchemaDef {
  type: string;
  shape?: Record<string, { _zod: { def: SchemaDef } }>;
  innerType?: { _zod: { def: SchemaDef } };
  element?: { _zod: { def: SchemaDef } };
  options?: Array<{ _zod: { def: SchemaDef } }>;
}

/** The keys the object at `path` accepts, found by walking the schema along the data. */
function knownKeys(schema: z.ZodType, path: YamlPath, data: unknown): string[] {
  let defs: SchemaDef[] = [(schema as unknown as { _zod: { def: SchemaDef } })._zod.def];
  let value = data;
  for (const segment of [...path, undefined]) {
    defs = defs.flatMap(unwrap);
    if (segment === undefined) break;
    value = value !== null && typeof value === 'object' && Object.hasOwn(value, segment) ? (value as Record<string | number, unknown>)[segment] : undefined;
    defs = defs.flatMap((def) => {
      if (def.type === 'object' && typeof segment === 'string' && def.shape?.[segment]) return [def.shape[segment]._zod.def];
      if (def.type === 'array' && typeof segment === 'number' && def.element) return [def.element._zod.def];
      return [];
    });
  }
  return [...new Set(defs.flatMap((def) => (def.type === 'object' && def.shape ? Object.keys(def.shape) : [])))];
}

function unwrap(def: SchemaDef): SchemaDef[] {
  if ((def.type === 'optional' || def.type === 'nullable' || def.type === 'default') && def.innerType) return unwrap(def.innerType._zod.def);
  if (def.type === 'union' && def.options) return def.options.flatMap((option) => unwrap(option._zod.def));
  return [def];
}

/** The known key nearest in spelling, if it is near enough to be a typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  // Two edits (a swap counts as one) catch real typos without offering unrelated ids that share a suffix.
  return best !== undefined && bestDistance <= 2 && bestDistance < word.length ? best : undefined;
}

/** Edit distance where swapping two neighbouring letters counts as one edit (optimal string alignment). */
function editDistance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Math.abs(a.length - b.length) + 64;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      let cost = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cost = Math.min(cost, before[j - 2]! + 1);
      current[j] = cost;
    }
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}
