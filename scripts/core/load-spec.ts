import { ProcessSchema, type Process } from '../../schemas/process.ts';
import type { Position, SourceProblem, YamlPath } from './diagnostic.ts';
import { friendlyIssues, show } from './friendly-issues.ts';
import { decodeSource, MAX_SPEC_BYTES, splitFrontMatter } from './source.ts';
import { parseYaml, type DuplicateKey } from './yaml-source.ts';

/** A spec after reading, parsing and validating: the input of every rule and of the site. */
export interface LoadedSpec {
  file: string;
  /** The whole file as text (LF line ends, no BOM). */
  text: string;
  /** The parsed front matter, valid or not (`undefined` when it could not be parsed). */
  data: unknown;
  /** The typed spec, set only when the front matter matches the schema. */
  spec?: Process;
  body: string;
  /** 1-based line of the body's first line. */
  bodyLine: number;
  /** 1-based line of the front matter's first YAML line. */
  frontMatterLine: number;
  /** Problems of reading, YAML and schema, positioned; reported under the `schema` rule. */
  problems: SourceProblem[];
  duplicateKeys: DuplicateKey[];
  /** Where a front-matter path is in the file (computed on demand). */
  locate(path: YamlPath, target?: 'key' | 'value'): Position;
}

/** Reads a spec from its bytes or text. Never throws: every failure becomes a problem. */
export function loadSpec(file: string, content: Uint8Array | string): LoadedSpec {
  // Callers that already hold the text (lintTexts, the site) get the same cap as files read from disk.
  // A string longer than the limit is over it in UTF-8 too (never fewer bytes than UTF-16 units): no need to encode 50 MB to know.
  const size = typeof content === 'string' ? (content.length > MAX_SPEC_BYTES ? content.length : content.length > MAX_SPEC_BYTES / 3 ? utf8Length(content) : content.length) : content.byteLength;
  if (size > MAX_SPEC_BYTES) {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    const problems: SourceProblem[] = [{ line: 1, column: 1, messageId: 'source.tooLarge', data: { size: mb(size), limit: mb(MAX_SPEC_BYTES) } }];
    return { file, text: '', body: '', bodyLine: 1, frontMatterLine: 1, duplicateKeys: [], data: undefined, problems, locate: () => ({ line: 1, column: 1 }) };
  }
  const decoded = typeof content === 'string' ? { text: content.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), problems: [] } : decodeSource(content);
  if (decoded.text === '' && decoded.problems.length > 0) {
    return { file, text: '', body: '', bodyLine: 1, frontMatterLine: 1, duplicateKeys: [], data: undefined, problems: decoded.problems, locate: () => ({ line: 1, column: 1 }) };
  }
  const split = splitFrontMatter(decoded.text);
  const base = {
    file,
    text: decoded.text,
    body: split.body,
    bodyLine: split.bodyLine,
    frontMatterLine: split.frontMatterLine,
    duplicateKeys: [] as DuplicateKey[],
  };
  const problems = [...decoded.problems, ...split.problems];
  if (split.frontMatter === undefined) {
    return { ...base, data: undefined, problems, locate: () => ({ line: 1, column: 1 }) };
  }

  const yaml = parseYaml(split.frontMatter, split.frontMatterLine);
  problems.push(...yaml.problems);
  const loaded: LoadedSpec = { ...base, data: yaml.data, problems, duplicateKeys: yaml.duplicateKeys, locate: yaml.locate };
  if (yaml.problems.length > 0) return loaded;

  if (yaml.data === undefined || yaml.data === null) {
    problems.push({ line: 1, column: 1, messageId: 'source.emptyFrontMatter' });
    return loaded;
  }
  if (typeof yaml.data !== 'object' || Array.isArray(yaml.data)) {
    problems.push({ line: split.frontMatterLine, column: 1, messageId: 'source.notMapping', data: { found: show(yaml.data) } });
    return loaded;
  }

  const duplicates = duplicateProblems(yaml.duplicateKeys, yaml.data);
  problems.push(...duplicates, ...fullWidthCommas(split.frontMatter, split.frontMatterLine));
  // With a key written twice only the last counts, so what the spec says is not what its author
  // wrote: it is not checked further, rather than reported again in every rule it misleads.
  if (duplicates.length > 0) return loaded;

  const result = ProcessSchema.safeParse(yaml.data);
  if (result.success) {
    loaded.spec = result.data;
  } else {
    problems.push(...friendlyIssues(ProcessSchema, result.error.issues, yaml.data, yaml));
  }
  return loaded;
}

/**
 * Duplicate keys, each once. A list item's first key written twice in one item (`id` of a step)
 * is a new item missing its `- `: that is said once, at the line, and the item's other repeated
 * keys (its name, role …) are the same slip.
 */
function duplicateProblems(duplicates: readonly DuplicateKey[], data: unknown): SourceProblem[] {
  const problems: SourceProblem[] = [];
  const missingDash = new Set<string>();
  for (const duplicate of duplicates) {
    // Duplicate lifecycle stages are the lifecycle-stages rule's to report.
    if (duplicate.path[0] === 'lifecycle' && duplicate.path.length === 2) continue;
    const item = duplicate.path.slice(0, -1);
    const key = String(duplicate.path.at(-1));
    const itemKey = JSON.stringify(item);
    if (missingDash.has(itemKey)) continue;
    if (typeof item.at(-1) === 'number' && firstKeyOf(data, item) === key) {
      missingDash.add(itemKey);
      problems.push({ line: duplicate.line, column: duplicate.column, path: duplicate.path, messageId: 'yaml.missingDash', data: { key } });
      continue;
    }
    problems.push({ line: duplicate.line, column: duplicate.column, path: duplicate.path, messageId: 'yaml.duplicateKey', data: { key } });
  }
  return problems;
}

function firstKeyOf(data: unknown, path: YamlPath): string | undefined {
  let node = data;
  for (const segment of path) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
  return node !== null && typeof node === 'object' && !Array.isArray(node) ? Object.keys(node)[0] : undefined;
}

/**
 * A one-line list whose items are separated by the full-width comma (`[《发票》，《报销单》]`,
 * `[pay，archive]`): valid YAML, read as one item. Only where the comma stands between two things
 * that are plainly separate items (form names in 《》 or ids), since a sentence may hold a “，”.
 */
function fullWidthCommas(frontMatter: string, firstLine: number): SourceProblem[] {
  const problems: SourceProblem[] = [];
  // Only the lines with a “，” are looked at (Chinese prose has many; most lines have none).
  let line = 0;
  let lineStart = 0;
  for (let comma = frontMatter.indexOf('，'); comma !== -1; ) {
    for (let end = frontMatter.indexOf('\n', lineStart); end !== -1 && end < comma; end = frontMatter.indexOf('\n', lineStart)) {
      line++;
      lineStart = end + 1;
    }
    const end = frontMatter.indexOf('\n', comma);
    const lineEnd = end === -1 ? frontMatter.length : end;
    const list = /\[([^\]]*)\]/.exec(frontMatter.slice(lineStart, lineEnd));
    if (list && /(?:》\s*，\s*《|(?:^|[\s,])[a-z0-9-]+\s*，\s*[a-z0-9-]+(?:$|[\s,]))/.test(list[1]!)) {
      problems.push({ line: line + firstLine, column: list.index + 1 + list[1]!.indexOf('，') + 1, messageId: 'yaml.fullWidthComma', data: { found: list[0] } });
    }
    comma = frontMatter.indexOf('，', lineEnd);
  }
  return problems;
}

/** Bytes of a string in UTF-8, without Node's Buffer (the reader also runs in browsers). */
function utf8Length(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}
