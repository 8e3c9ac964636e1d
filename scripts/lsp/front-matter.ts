import { isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { YamlPath } from '../core/diagnostic.ts';
import { splitFrontMatter } from '../core/source.ts';

/**
 * An open spec's front matter as the YAML it is. The view has the document's length and line
 * breaks, with every character outside the front matter turned into a space, so an offset, a line
 * and a column mean the same in the view as in the document: the YAML language service and the
 * id completion read the view, and their answers need no translation back.
 */
export interface FrontMatterView {
  /** The document's text with everything but the front matter blanked. */
  yaml: string;
  /** The front matter's lines, 0-based: `firstLine` up to, not including, `endLine`. */
  firstLine: number;
  endLine: number;
}

const LINE = /\r\n|\r|\n/g;

/** The front matter of a document's text, or `undefined` when it has none (or it is never closed). */
export function frontMatterView(text: string): FrontMatterView | undefined {
  // Where the linter finds the front matter, on the text it reads (LF line ends, no BOM).
  const split = splitFrontMatter(text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
  if (split.frontMatter === undefined || split.problems.length > 0) return undefined;
  const firstLine = split.frontMatterLine - 1;
  const endLine = firstLine + (split.frontMatter.match(/\n/g)?.length ?? 0);
  let yaml = '';
  let line = 0;
  let start = 0;
  for (const end of [...text.matchAll(LINE), undefined]) {
    const stop = end ? end.index : text.length;
    const content = text.slice(start, stop);
    yaml += line >= firstLine && line < endLine ? content : ' '.repeat(content.length);
    if (!end) break;
    yaml += end[0];
    start = stop + end[0].length;
    line++;
  }
  return { yaml, firstLine, endLine };
}

/** Whether a 0-based line is one of the front matter's. */
export function inFrontMatter(view: FrontMatterView, line: number): boolean {
  return line >= view.firstLine && line < view.endLine;
}

/** The view parsed, errors and all: a spec being typed is seldom valid YAML at every keystroke. */
export function parseView(view: FrontMatterView): Document {
  return parseDocument(view.yaml, { version: '1.2', uniqueKeys: false, prettyErrors: false });
}

/** A value being written: where it is in the front matter, and the offsets of what is typed so far. */
export interface ValueSite {
  path: YamlPath;
  start: number;
  end: number;
  /** What is typed so far (empty at `key: |`). */
  text: string;
  /** What an inserted value must start with: a space right after `key:`, where YAML needs one. */
  lead: string;
}

/**
 * The value at `offset`, when the cursor is in one: after `key:` on its line, in a scalar value, in a
 * sequence item (`- |`, `[a, |]`). Keys and the space between entries are not values.
 */
export function valueAt(document: Document, source: string, offset: number): ValueSite | undefined {
  const at = (path: YamlPath, start: number, end: number, lead = ''): ValueSite => ({ path, start, end, text: source.slice(start, end), lead });
  const walk = (node: unknown, path: YamlPath): ValueSite | undefined => {
    if (isScalar(node)) {
      const [start, end] = node.range ?? [offset, offset];
      return start <= offset && offset <= end ? at(path, start, end) : undefined;
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key) || !pair.key.range) continue;
        const key = String(pair.key.value);
        const keyEnd = pair.key.range[1];
        if (offset <= keyEnd) continue;
        const value = pair.value as Node | null;
        if (!value || (isScalar(value) && value.value === null && value.range && value.range[0] === value.range[1])) {
          // `key:` with nothing after it yet: a value only on the key's own line, after the colon.
          const between = source.slice(keyEnd, offset);
          if (/^[ \t]*:[ \t]*$/.test(between)) return at([...path, key], offset, offset, between.endsWith(':') ? ' ' : '');
          continue;
        }
        const range = value.range;
        if (range && range[0] <= offset && offset <= range[1]) return walk(value, [...path, key]);
      }
      return undefined;
    }
    if (isSeq(node)) {
      for (const [index, item] of node.items.entries()) {
        const range = (item as Node | null)?.range;
        if (range && range[0] <= offset && offset <= range[1]) return walk(item, [...path, index]);
      }
      // Between the brackets of a flow sequence: a new item.
      const range = node.range;
      if (node.flow && range && range[0] < offset && offset < range[1]) return at([...path, node.items.length], offset, offset);
      return undefined;
    }
    return undefined;
  };
  return walk(document.contents, []);
}

/** A path as a pattern: `['steps', 2, 'next', 0]` → `steps.*.next.*`. */
export function pathPattern(path: YamlPath): string {
  return path.map((segment) => (typeof segment === 'number' ? '*' : segment)).join('.');
}
