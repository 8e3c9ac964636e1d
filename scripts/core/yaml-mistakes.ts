import type { SourceProblem } from './diagnostic.ts';
import type { MessageKey } from './messages.ts';
import type { MessageData, MessageValue } from './render.ts';

/**
 * What a person did wrong when the YAML parser gives up. The parser names where it got lost,
 * often a line after the slip or the line above it, in its own words, and then reports every
 * consequence. Hand-editing slips have a shape in the text itself (a tab, a full-width colon, a
 * line indented two spaces off, a quote never closed), so the text is read for them first and the
 * cause is reported once, at its line; the parser's first error, translated, is the fallback.
 */

/** One error of the `yaml` package: its code and where it is (1-based line and column in the YAML). */
export interface ParserError {
  code: string;
  line: number;
  column: number;
  message: string;
}

type Problem = Omit<SourceProblem, 'line'> & { line: number };

/** The cause of a YAML syntax error in `text` (the front matter), as one problem; lines are offset by `firstLine`. */
export function explainYamlErrors(text: string, errors: readonly ParserError[], firstLine: number): SourceProblem[] {
  const first = errors[0]!;
  const lines = text.split('\n');
  const found = tabIndent(lines) ?? fullWidthColon(lines) ?? colonWithoutSpace(lines) ?? strayQuote(lines) ?? indentation(lines, first.line);
  const at = (problem: Problem): SourceProblem => ({ ...problem, line: problem.line + firstLine - 1 });
  if (found) return [at(found)];
  return [at({ line: first.line, column: first.column, ...translated(first) })];
}

function problem(line: number, column: number, message: { messageId: MessageKey; data?: MessageData }): Problem {
  return { line, column, ...message };
}

/** Lines that are neither blank nor only a comment. */
const significant = (line: string) => line.trim() !== '' && !line.trimStart().startsWith('#');

function tabIndent(lines: string[]): Problem | undefined {
  for (let i = 0; i < lines.length; i++) {
    const indent = /^[ ]*\t/.exec(lines[i]!);
    if (indent && significant(lines[i]!)) return problem(i + 1, indent[0].length, { messageId: 'yaml.tabIndent' });
  }
  return undefined;
}

/** A key, after any list dashes: letters, digits, `_` and `-` (spec keys are English). */
const KEY = /^(\s*(?:-\s+)*)([A-Za-z_$][\w$-]*)/;

function fullWidthColon(lines: string[]): Problem | undefined {
  for (let i = 0; i < lines.length; i++) {
    const key = KEY.exec(lines[i]!);
    if (!key) continue;
    const after = lines[i]!.slice(key[0].length);
    const colon = /^\s*：/.exec(after);
    if (colon) return problem(i + 1, key[0].length + colon[0].length, { messageId: 'yaml.fullWidthColon', data: { key: key[2]! } });
  }
  return undefined;
}

function colonWithoutSpace(lines: string[]): Problem | undefined {
  for (let i = 0; i < lines.length; i++) {
    const key = KEY.exec(lines[i]!);
    if (!key || lines[i]![key[0].length] !== ':') continue;
    const value = lines[i]!.slice(key[0].length + 1);
    // `key:value` — but not `https://…`, and not a line whose colon already has its space.
    if (value === '' || /^\s/.test(value) || value.startsWith('//')) continue;
    return problem(i + 1, key[0].length + 1, { messageId: 'yaml.colonSpace', data: { key: key[2]!, value: value.trim() } });
  }
  return undefined;
}

/** A value that opens with a quote and does not close it on its line, or goes on after closing it. */
function strayQuote(lines: string[]): Problem | undefined {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const start = /^(\s*(?:-\s+)*(?:[A-Za-z_$][\w$-]*:\s+)?)(["'])/.exec(line);
    if (!start || !significant(line)) continue;
    const quote = start[2]!;
    const open = start[1]!.length;
    let close = -1;
    for (let k = open + 1; k < line.length; k++) {
      if (quote === '"' && line[k] === '\\') {
        k++;
        continue;
      }
      if (line[k] !== quote) continue;
      if (quote === "'" && line[k + 1] === "'") {
        k++;
        continue;
      }
      close = k;
      break;
    }
    const rest = close === -1 ? '' : line.slice(close + 1).trim();
    const inFlow = /[[{]/.test(start[1]!);
    if (close === -1 || (rest !== '' && !rest.startsWith('#') && !(inFlow && /^[,\]}]/.test(rest)) && !/^[,\]}]/.test(rest))) {
      return problem(i + 1, open + 1, { messageId: 'yaml.strayQuote', data: { quote } });
    }
  }
  return undefined;
}

interface Shape {
  line: number;
  /** Where the line's content starts: its dash if it is a list item, else its key or text. */
  column: number;
  dash: boolean;
  /** The column of its key (after the dashes), and the key. */
  keyColumn: number;
  key?: string;
  /** `key:` with nothing after it: what follows is nested under it. */
  opens: boolean;
}

/** The line's shape, 0-based columns. */
function shapeOf(text: string, line: number): Shape {
  const indent = text.length - text.trimStart().length;
  const dashes = /^(?:-(?:\s+|$))*/.exec(text.slice(indent))![0];
  const keyColumn = indent + dashes.length;
  const key = /^([^\s#'"[{][^:#]*?|"[^"]*"|'[^']*'):(?:\s+(.*))?$/.exec(text.slice(keyColumn));
  const value = key?.[2]?.trim() ?? '';
  return {
    line,
    column: indent,
    dash: dashes !== '',
    keyColumn,
    ...(key ? { key: key[1]! } : {}),
    opens: key !== null && (value === '' || value.startsWith('#') || /^[|>]/.test(value)),
  };
}

/**
 * A line indented off its level: deeper than a sibling whose value is on its own line, or at a
 * column no enclosing level uses. Looked for up to just after the line the parser stopped at.
 */
function indentation(lines: string[], stoppedAt: number): Problem | undefined {
  const stack: Shape[] = [];
  let previous: Shape | undefined;
  let blockScalar: number | undefined;
  for (let i = 0; i < lines.length && i < stoppedAt + 1; i++) {
    const text = lines[i]!;
    if (!significant(text)) continue;
    const line = shapeOf(text, i + 1);
    if (blockScalar !== undefined) {
      if (line.column > blockScalar) continue;
      blockScalar = undefined;
    }
    while (stack.length > 0 && stack.at(-1)!.column >= line.column && !(stack.at(-1)!.column === line.column && !stack.at(-1)!.dash && line.dash && stack.at(-1)!.opens)) stack.pop();
    const parent = stack.at(-1);
    if (previous && line.key !== undefined) {
      // Nested under a line that holds its own value (`name: 提交报销`): one level too deep.
      if (parent && !parent.dash && !parent.opens && parent === previous) {
        return problem(line.line, line.column + 1, { messageId: 'yaml.indentDeeper', data: { spaces: line.column - parent.keyColumn, sibling: parent.key ?? '' } });
      }
      // A field of a list item at a column between the dash and the item's fields: too shallow.
      if (parent?.dash && !line.dash && line.column < parent.keyColumn) {
        return problem(line.line, line.column + 1, { messageId: 'yaml.indentShallower', data: { spaces: parent.keyColumn - line.column, sibling: previous.key ?? parent.key ?? '' } });
      }
      // A field where the level holds list items (`- …`), or at the dash of a list: too shallow.
      const sibling = siblingOf(stack, lines, line);
      if (sibling && sibling.dash !== line.dash && line.column === sibling.column && previous.keyColumn > line.column) {
        return problem(line.line, line.column + 1, { messageId: 'yaml.indentShallower', data: { spaces: previous.keyColumn - line.column, sibling: previous.key ?? '' } });
      }
    }
    if (line.key !== undefined && /:\s*[|>][-+0-9]*\s*(?:#.*)?$/.test(text)) blockScalar = line.column;
    if (line.key !== undefined || line.dash) stack.push(line);
    previous = line;
  }
  return undefined;
}

/** The last line before `line` at its column under the same parent, if any. */
function siblingOf(stack: readonly Shape[], lines: string[], line: Shape): Shape | undefined {
  const parentLine = stack.at(-1)?.line ?? 0;
  for (let i = line.line - 2; i >= parentLine; i--) {
    const text = lines[i]!;
    if (!significant(text)) continue;
    const shape = shapeOf(text, i + 1);
    if (shape.column === line.column) return shape;
    if (shape.column < line.column) return undefined;
  }
  return undefined;
}

/** The parser's own error, in our words where we know its code. */
function translated(error: ParserError): { messageId: MessageKey; data: MessageData } {
  const problems: Record<string, MessageValue> = {
    MULTILINE_IMPLICIT_KEY: { message: 'yaml.problemKey' },
    BLOCK_AS_IMPLICIT_KEY: { message: 'yaml.problemKey' },
    BAD_INDENT: { message: 'yaml.problemIndent' },
    MISSING_CHAR: { message: 'yaml.problemMissing' },
    UNEXPECTED_TOKEN: { message: 'yaml.problemUnexpected' },
    BAD_SCALAR_START: { message: 'yaml.problemScalarStart' },
  };
  if (error.code === 'TAB_AS_INDENT') return { messageId: 'yaml.tabIndent', data: {} };
  const problem = problems[error.code];
  if (problem) return { messageId: 'yaml.syntax', data: { problem } };
  return { messageId: 'yaml.invalid', data: { detail: error.message, hint: { message: 'yaml.hintNone' } } };
}
