import { CORE_SCHEMA, load as fastLoad } from 'js-yaml';
import { yamlPackage as Y } from '#optional-modules';
import type { Document, LineCounter, Node as YamlNode } from 'yaml';
import type { Position, SourceProblem, YamlPath } from './diagnostic.ts';
import type { MessageValue } from './render.ts';
import { eventRecorder, lineIndex, locateInTree, SourceTree } from './yaml-positions.ts';

/** Aliases beyond this are refused: a "billion laughs" document expands exponentially. */
const MAX_ALIASES = 100;
const MAX_DEPTH = 64;

export interface DuplicateKey extends Position {
  path: YamlPath;
}

export interface ParsedYaml {
  /** The parsed value; `undefined` when the YAML could not be read. */
  data: unknown;
  problems: SourceProblem[];
  duplicateKeys: DuplicateKey[];
  /** Position of a path's value (or of its key with `target: 'key'`), found lazily. */
  locate(path: YamlPath, target?: 'key' | 'value'): Position;
}

/**
 * Parses YAML once, fast, recording where each node is.
 *
 * The clean path is one js-yaml load (YAML 1.2 core schema, so dates stay strings as in
 * the `yaml` package) whose listener records node offsets; a finding's position is read
 * from them. The slower `yaml` package runs only when the fast path cannot be trusted:
 * a syntax error, duplicate keys, or anchors and aliases (alias bombs), and then gives
 * the positions itself.
 *
 * `firstLine` is the 1-based line of the YAML's first line inside its file.
 */
export function parseYaml(text: string, firstLine: number): ParsedYaml {
  let document: { doc: Document; lines: LineCounter } | undefined;
  const full = () => (document ??= parseFull(text));
  const slowLocate = (path: YamlPath, target: 'key' | 'value' = 'value') => locateIn(full(), path, target, firstLine);

  // Parsers recurse per level and overflow the stack at a depth that varies from run to run,
  // so absurd nesting is refused before parsing: the same text always gets the same report.
  const nesting = scanNesting(text);
  const deep = nesting.deep;
  if (deep) {
    return { data: undefined, problems: [{ line: deep.line + firstLine - 1, column: 1, messageId: 'yaml.tooDeep', data: { limit: MAX_DEPTH } }], duplicateKeys: [], locate: slowLocate };
  }

  if (!mayUseAliases(text)) {
    const recorder = eventRecorder();
    let data: unknown;
    let parsed = false;
    try {
      data = fastLoad(text, { schema: CORE_SCHEMA, listener: recorder.listener });
      parsed = true;
    } catch {
      // Fall through: the full parser explains the error with a position.
    }
    if (parsed) {
      // Walked only when the text could nest that deep: each block level is indented one column more.
      const depthProblem = indentedPast(text, MAX_DEPTH - nesting.flowDepth - 1) ? checkDepth(firstLine) : undefined;
      if (depthProblem && nestsDeeper(data, 0)) return { data: undefined, problems: [depthProblem], duplicateKeys: [], locate: slowLocate };
      let at: ReturnType<typeof lineIndex> | undefined;
      let tree: SourceTree | undefined;
      const locate = (path: YamlPath, target: 'key' | 'value' = 'value'): Position => {
        const span = locateInTree((tree ??= new SourceTree(recorder.events)), text, data, path, target);
        if (!span) return slowLocate(path, target);
        at ??= lineIndex(text);
        const start = at(span.start);
        const end = at(span.end);
        return { line: start.line + firstLine - 1, column: start.column, endLine: end.line + firstLine - 1, endColumn: end.column };
      };
      return { data, problems: [], duplicateKeys: [], locate };
    }
  }
  return parseSlow(full(), firstLine, slowLocate);
}

/** Indentation beyond this many columns (a dash of a compact sequence counts two) is refused unparsed. */
const MAX_INDENT = 256;

/** Only these characters can change nesting; the scan jumps between them (regex search is native and fast). */
const NESTING_CHARS = /[[{\]}"'#]/g;
const DEEP_INDENT = new RegExp(`^(?: |-(?= |$)){${MAX_INDENT + 1}}`, 'm');

/**
 * Where the text first nests deeper than any parser should be asked to follow (`deep`: more than
 * MAX_DEPTH open flow brackets, or an indentation past MAX_INDENT), and the deepest nesting of flow
 * brackets seen. A cheap scan that skips quoted text and comments.
 */
function scanNesting(text: string): { deep?: { line: number; column: number }; flowDepth: number } {
  const indent = mayIndentDeep(text) ? DEEP_INDENT.exec(text) : null;
  let limit = text.length;
  let deepIndent: { line: number; column: number } | undefined;
  if (indent) {
    // Spaces and dashes of `- - x` both count; find the exact column on that line.
    const lineStart = indent.index;
    let columns = 0;
    let i = lineStart;
    for (; columns <= MAX_INDENT; i++) columns += text.charCodeAt(i) === 45 ? 2 : 1;
    deepIndent = { line: countNewlines(text, lineStart) + 1, column: i - lineStart };
    limit = lineStart;
  }
  let depth = 0;
  let maxDepth = 0;
  NESTING_CHARS.lastIndex = 0;
  for (let match = NESTING_CHARS.exec(text); match && match.index < limit; match = NESTING_CHARS.exec(text)) {
    const i = match.index;
    const c = text.charCodeAt(i);
    if (c === 35) {
      // A comment runs to the end of its line when `#` starts the line or follows a space.
      const before = text.charCodeAt(i - 1);
      if (i === 0 || before === 10 || before === 32 || before === 9) NESTING_CHARS.lastIndex = nextLine(text, i);
    } else if (c === 34 || c === 39) {
      if (startsScalar(text, i, text.lastIndexOf('\n', i - 1) + 1)) NESTING_CHARS.lastIndex = closingQuote(text, i);
    } else if (c === 91 || c === 123) {
      if (++depth > MAX_DEPTH) return { deep: { line: countNewlines(text, i) + 1, column: i - text.lastIndexOf('\n', i - 1) }, flowDepth: depth };
      if (depth > maxDepth) maxDepth = depth;
    } else if ((c === 93 || c === 125) && depth > 0) {
      depth--;
    }
  }
  return { ...(deepIndent ? { deep: deepIndent } : {}), flowDepth: maxDepth };
}

/** Whether some line starts with at least `columns` spaces or block indicators (`- `, `? `, `: `). */
function indentedPast(text: string, columns: number): boolean {
  if (columns <= 0) return true;
  const indents = (c: number) => c === 32 || c === 45 || c === 63 || c === 58;
  for (let start = 0; start < text.length; start = text.indexOf('\n', start) + 1 || text.length) {
    // Most lines fail at their last column, so that one is looked at first.
    if (!indents(text.charCodeAt(start + columns - 1))) continue;
    let i = start;
    while (i < start + columns && (text.charCodeAt(i) === 32 || (indents(text.charCodeAt(i)) && /[ \n]/.test(text[i + 1] ?? '\n')))) i++;
    if (i === start + columns) return true;
  }
  return false;
}

/**
 * Whether the text has a run of more than MAX_INDENT spaces and dashes anywhere (which DEEP_INDENT
 * needs). Such a run covers a multiple of MAX_INDENT, so only those positions are looked at.
 */
function mayIndentDeep(text: string): boolean {
  const isRun = (c: number) => c === 32 || c === 45;
  for (let i = MAX_INDENT; i < text.length; i += MAX_INDENT) {
    if (!isRun(text.charCodeAt(i))) continue;
    let start = i;
    while (start > 0 && isRun(text.charCodeAt(start - 1))) start--;
    let end = i + 1;
    while (end < text.length && isRun(text.charCodeAt(end))) end++;
    if (end - start > MAX_INDENT) return true;
  }
  return false;
}

function nextLine(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end === -1 ? text.length : end;
}

/** The index after the quote that closes the scalar opened at `open` (`\"` escapes in double quotes, `''` in single). */
function closingQuote(text: string, open: number): number {
  const quote = text[open]!;
  for (let i = text.indexOf(quote, open + 1); i !== -1; i = text.indexOf(quote, i + 1)) {
    if (quote === "'" && text[i + 1] === "'") {
      i++;
      continue;
    }
    if (quote === '"') {
      let backslashes = 0;
      for (let k = i - 1; text.charCodeAt(k) === 92; k--) backslashes++;
      if (backslashes % 2 === 1) continue;
    }
    return i + 1;
  }
  return text.length;
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** A quote opens a quoted scalar only where a value can start (not the `'` of `Manager's`). */
function startsScalar(text: string, at: number, lineStart: number): boolean {
  let k = at - 1;
  while (k >= lineStart && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k--;
  return k < lineStart || ':-[{,?'.includes(text[k]!);
}

function mayUseAliases(text: string): boolean {
  return text.includes('&') && /(?:^|[\s[{,:-])&[^\s]/m.test(text);
}

function parseFull(text: string): { doc: Document; lines: LineCounter } {
  const lines = new (Y().LineCounter)();
  const doc = Y().parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false, version: '1.2' });
  return { doc, lines };
}

function parseSlow(
  { doc, lines }: { doc: Document; lines: LineCounter },
  firstLine: number,
  locate: ParsedYaml['locate'],
): ParsedYaml {
  const problems: SourceProblem[] = [];
  for (const error of doc.errors) {
    const at = lines.linePos(error.pos[0]);
    const detail = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    problems.push({ line: at.line + firstLine - 1, column: at.col, messageId: 'yaml.invalid', data: { detail, hint: yamlHint(error.code) } });
  }
  if (problems.length > 0) return { data: undefined, problems, duplicateKeys: [], locate };

  const duplicateKeys = findDuplicateKeys(doc, lines, firstLine);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch {
    return { data: undefined, problems: [{ line: firstLine, column: 1, messageId: 'yaml.aliases' }], duplicateKeys, locate };
  }
  if (nestsDeeper(data, 0)) return { data: undefined, problems: [checkDepth(firstLine)], duplicateKeys, locate };
  return { data, problems, duplicateKeys, locate };
}

/** A hint for a parser error code: what a person should look at. */
function yamlHint(code: string): MessageValue {
  switch (code) {
    case 'TAB_AS_INDENT':
      return { message: 'yaml.hintTabs' };
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return { message: 'yaml.hintIndent' };
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return { message: 'yaml.hintColon' };
    case 'BAD_ALIAS':
    case 'BAD_SCALAR_START':
      return { message: 'yaml.hintQuote' };
    default:
      return { message: 'yaml.hintNone' };
  }
}

function findDuplicateKeys(doc: Document, lines: LineCounter, firstLine: number): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  Y().visit(doc, {
    Map(_, map, path) {
      const seen = new Set<unknown>();
      const where = pathOf(path);
      for (const pair of map.items) {
        const key = Y().isScalar(pair.key) ? pair.key.value : pair.key;
        if (seen.has(key) && Y().isScalar(pair.key) && pair.key.range) {
          const at = lines.linePos(pair.key.range[0]);
          found.push({ path: [...where, String(key)], line: at.line + firstLine - 1, column: at.col });
        }
        seen.add(key);
      }
    },
  });
  return found;
}

/** The front-matter path of a node from `visit`'s ancestor list. */
function pathOf(ancestors: readonly unknown[]): YamlPath {
  const path: YamlPath = [];
  for (let i = 0; i < ancestors.length; i++) {
    const node = ancestors[i];
    const child = ancestors[i + 1];
    if (Y().isPair(node) && Y().isScalar(node.key)) path.push(String(node.key.value));
    if (Y().isSeq(node) && child !== undefined) path.push(node.items.indexOf(child as never));
  }
  return path;
}

function checkDepth(firstLine: number): SourceProblem {
  return { line: firstLine, column: 1, messageId: 'yaml.tooDeep', data: { limit: MAX_DEPTH } };
}

/** An object or array below `depth` levels deeper than MAX_DEPTH. Recursion stops there, so the stack stays shallow. */
function nestsDeeper(value: unknown, depth: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (depth > MAX_DEPTH) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (nestsDeeper(value[i], depth + 1)) return true;
    return false;
  }
  for (const key of Object.keys(value)) if (nestsDeeper((value as Record<string, unknown>)[key], depth + 1)) return true;
  return false;
}

/**
 * The position of a path. When the path does not exist (a missing key), the
 * nearest existing ancestor's key is used, so the report still points somewhere useful.
 */
function locateIn(
  { doc, lines }: { doc: Document; lines: LineCounter },
  path: YamlPath,
  target: 'key' | 'value',
  firstLine: number,
): Position {
  let node: unknown = doc.contents;
  let keyNode: YamlNode | undefined;
  let best: { key?: YamlNode; value?: unknown } = { value: node };
  for (const segment of path) {
    let next: unknown;
    let nextKey: YamlNode | undefined;
    if (Y().isMap(node)) {
      const pair = node.items.find((item) => Y().isScalar(item.key) && String(item.key.value) === String(segment));
      if (pair) {
        next = pair.value;
        nextKey = pair.key as YamlNode;
      }
    } else if (Y().isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
    }
    if (next === undefined && nextKey === undefined) break;
    node = next;
    keyNode = nextKey;
    best = { key: keyNode, value: node };
  }
  const chosen = (target === 'key' ? best.key ?? best.value : best.value ?? best.key) as YamlNode | undefined;
  const range = chosen && 'range' in chosen ? chosen.range : undefined;
  if (!range) return { line: firstLine, column: 1 };
  const start = lines.linePos(range[0]);
  const end = lines.linePos(range[1]);
  return { line: start.line + firstLine - 1, column: start.col, endLine: end.line + firstLine - 1, endColumn: end.col };
}
