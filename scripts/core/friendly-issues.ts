import type { z } from '../../schemas/zod.ts';
import type { SourceProblem, YamlPath } from './diagnostic.ts';
import { t, type Locale } from './messages.ts';
import type { ParsedYaml } from './yaml-source.ts';

type Issue = z.core.$ZodIssue;

/**
 * Turns zod issues into messages a process owner can act on, positioned at the
 * offending key: unknown keys with a "did you mean", missing keys at their parent,
 * wrong types naming what was found.
 */
export function friendlyIssues(schema: z.ZodType, issues: readonly Issue[], data: unknown, yaml: ParsedYaml, locale: Locale): SourceProblem[] {
  const problems: SourceProblem[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const where = path.length > 0 ? t(locale, 'schema.in', { where: formatPath(path) }) : '';
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(schema, path, data);
      for (const key of issue.keys) {
        const near = closest(key, known);
        const suggestion = near ? t(locale, 'schema.didYouMean', { key: near }) : t(locale, 'schema.noSuggestion');
        problems.push({ ...yaml.locate([...path, key], 'key'), path: [...path, key], message: t(locale, 'schema.unknownKey', { key, where, suggestion }) });
      }
      continue;
    }
    const value = valueAt(data, path);
    const key = String(path.at(-1) ?? 'front matter');
    if (issue.code === 'invalid_type' && value === undefined) {
      const parent = path.slice(0, -1);
      problems.push({ ...yaml.locate(parent, parent.length ? 'key' : 'value'), path, message: t(locale, 'schema.required', { key, where: parent.length ? t(locale, 'schema.in', { where: formatPath(parent) }) : '' }) });
      continue;
    }
    problems.push({ ...yaml.locate(path), path, message: describe(issue, key, value, locale) });
  }
  return problems;
}

function describe(issue: Issue, key: string, value: unknown, locale: Locale): string {
  const found = show(value, locale);
  const zh = locale === 'zh-CN';
  switch (issue.code) {
    case 'invalid_type': {
      const hint = issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')
        ? zh ? ' 请给这个值加上引号，例如 "1.0.0"。' : ' Put the value in quotes, e.g. "1.0.0".'
        : '';
      return t(locale, 'schema.type', { key, expected: typeName(issue.expected, locale), found, hint });
    }
    case 'invalid_value':
      return t(locale, 'schema.enum', { key, options: issue.values.map((v) => `\`${String(v)}\``).join(', '), found });
    case 'invalid_format':
      return t(locale, 'schema.format', { key, found, detail: formatDetail(issue, locale) });
    case 'too_small':
      return t(locale, 'schema.tooSmall', {
        key,
        detail: issue.origin === 'array'
          ? zh ? `至少需要 ${issue.minimum} 项` : `needs at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`
          : zh ? '不能为空' : 'must not be empty',
      });
    case 'invalid_union':
      return t(locale, 'schema.other', { key, detail: zh ? `取值 ${found} 的形式不对：请写一个标识，或一组标识的列表` : `${found} has the wrong form: write one id, or a list of ids` });
    default:
      return t(locale, 'schema.other', { key, detail: issue.message });
  }
}

function formatDetail(issue: Extract<Issue, { code: 'invalid_format' }>, locale: Locale): string {
  const zh = locale === 'zh-CN';
  if (issue.format === 'date') return zh ? '应为 YYYY-MM-DD 格式的日期，例如 2026-03-01' : 'must be a date written YYYY-MM-DD, e.g. 2026-03-01';
  const pattern = 'pattern' in issue ? String(issue.pattern) : '';
  if (pattern.includes('a-z0-9')) return zh ? '应为 kebab-case 标识：小写字母、数字和单个连字符，例如 customer-complaint' : 'must be kebab-case: lower-case letters, digits and single hyphens, e.g. customer-complaint';
  if (pattern.includes('0|[1-9]')) return zh ? '应为语义化版本号，例如 1.2.0' : 'must be a semantic version such as 1.2.0';
  if (pattern.includes('@')) return zh ? '应为 GitHub 用户或团队，例如 @alice 或 @acme/finance' : 'must be a GitHub user or team such as @alice or @acme/finance';
  return issue.message;
}

function typeName(expected: string, locale: Locale): string {
  const zh: Record<string, string> = { string: '文字', number: '数字', boolean: 'true 或 false', array: '列表（每项以 - 开头）', object: '一组“键: 值”字段' };
  const en: Record<string, string> = { string: 'text', number: 'a number', boolean: 'true or false', array: 'a list (items starting with -)', object: 'a set of `key: value` fields' };
  return (locale === 'zh-CN' ? zh : en)[expected] ?? expected;
}

function show(value: unknown, locale: Locale): string {
  const zh = locale === 'zh-CN';
  if (value === undefined) return zh ? '空' : 'nothing';
  if (value === null) return zh ? '空值' : 'an empty value';
  if (Array.isArray(value)) return zh ? '列表' : 'a list';
  if (typeof value === 'object') return zh ? '一组字段' : 'a set of fields';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}…"` : text;
}

export function formatPath(path: YamlPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function valueAt(data: unknown, path: YamlPath): unknown {
  let value = data;
  for (const p of path) {
    if (value === null || typeof value !== 'object') return undefined;
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
    value = value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[segment] : undefined;
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
