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
  const size = typeof content === 'string' ? (content.length > MAX_SPEC_BYTES / 3 ? utf8Length(content) : content.length) : content.byteLength;
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

  for (const duplicate of yaml.duplicateKeys) {
    // Duplicate lifecycle stages are the lifecycle-stages rule's to report.
    if (duplicate.path[0] === 'lifecycle' && duplicate.path.length === 2) continue;
    problems.push({ line: duplicate.line, column: duplicate.column, path: duplicate.path, messageId: 'yaml.duplicateKey', data: { key: String(duplicate.path.at(-1)) } });
  }

  const result = ProcessSchema.safeParse(yaml.data);
  if (result.success) {
    loaded.spec = result.data;
  } else {
    problems.push(...friendlyIssues(ProcessSchema, result.error.issues, yaml.data, yaml));
  }
  return loaded;
}

/** Bytes of a string in UTF-8, without Node's Buffer (the reader also runs in browsers). */
function utf8Length(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}
