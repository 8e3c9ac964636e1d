import type { Heading, PhrasingContent, Root } from 'mdast';
import { markdownParser } from '#optional-modules';

/** A link destination in a Markdown body, with its 1-based position in the body. */
export interface BodyLink {
  url: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface BodyLinks {
  links: BodyLink[];
  /** Anchors of the body's headings (GitHub-style slugs); computed when first asked, which is rare. */
  headings(): Set<string>;
}

// remark is loaded on the first body that needs it (see scripts/core/optional-modules.node.ts): nearly every
// body is read by the scanner below.

/** Link syntax that can hold a destination: inline `](`, reference `][`, definition `]:`, autolink `<scheme:`. */
const MAY_LINK = /\]\(|\]\[|\]:|<[a-z][a-z0-9+.-]*:/i;

/**
 * Syntax whose meaning depends on context the simple scanner does not follow:
 * code spans and fences, HTML and autolinks, escapes, entities, references,
 * tabs and indented code. A body with any of it goes to remark.
 */
const NEEDS_PARSER = /[`<\\&\t]|~~~|\]\[|\]:|^ {4}/m;

/** A line of `===` or `---`: under text it makes a setext heading, whose extent only a parser knows. */
const UNDERLINE = /^ {0,3}(?:=+|-+)[ ]*$/gm;

function hasSetextHeading(body: string): boolean {
  for (const match of body.matchAll(UNDERLINE)) {
    const before = body.lastIndexOf('\n', match.index - 2);
    if (match.index > 0 && body.slice(before + 1, match.index - 1).trim() !== '') return true;
  }
  return false;
}

/** `[text](destination)`: text without brackets or line breaks, destination without spaces, parentheses or angle brackets. */
const SIMPLE_LINK = /(!?)\[[^[\]\n]*\]\(([^()\s<>]*)\)/g;

/** Whether the body may hold a link; most bodies hold none, and then Markdown is not parsed at all. */
export function mayLink(body: string): boolean {
  return MAY_LINK.test(body);
}

/**
 * The links of a body. Bodies whose links are all plain inline links, with
 * nothing around them that could change their meaning, are read by a scanner
 * that gives what remark gives (a property test holds it to that); any other
 * body is parsed by remark. Remark's fixed cost per parse is several times a
 * spec's YAML parse, and nearly every spec's body is that simple.
 */
export function bodyLinks(body: string): BodyLinks {
  if (!mayLink(body)) return { links: [], headings: () => new Set() };
  return scanLinks(body) ?? parseLinks(body);
}

/** The links as remark reads them. */
export function parseLinks(body: string): BodyLinks {
  const { parse, visit } = markdownParser();
  const tree = parse(body);
  const links: BodyLink[] = [];
  const headings = new Set<string>();
  visit(tree, (node) => {
    if ((node.type === 'link' || node.type === 'definition') && node.position) {
      const { start, end } = node.position;
      links.push({ url: node.url, line: start.line, column: start.column, endLine: end.line, endColumn: end.column });
    } else if (node.type === 'heading') {
      headings.add(slug(textOf((node as Heading).children)));
    }
  });
  return { links, headings: () => headings };
}

/** The links found by the simple scanner, or `undefined` when the body needs remark. */
export function scanLinks(body: string): BodyLinks | undefined {
  if (NEEDS_PARSER.test(body) || hasSetextHeading(body)) return undefined;
  const links: BodyLink[] = [];
  const lineStarts = [0];
  for (let i = body.indexOf('\n'); i !== -1; i = body.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const at = (offset: number) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low]! + 1 };
  };
  for (const match of body.matchAll(SIMPLE_LINK)) {
    if (match[1]) continue; // an image
    const start = at(match.index);
    const end = at(match.index + match[0].length);
    links.push({ url: match[2]!, line: start.line, column: start.column, endLine: end.line, endColumn: end.column });
  }
  // Anything still shaped like a link (nested brackets, a title, parentheses) is beyond the scanner.
  if (body.replace(SIMPLE_LINK, '').includes('](')) return undefined;
  let headings: Set<string> | undefined;
  // Only a link to an anchor that is no step needs the headings, so only then is the body parsed.
  return { links, headings: () => (headings ??= parseLinks(body).headings()) };
}

function textOf(children: PhrasingContent[]): string {
  return children.map((child) => ('value' in child ? child.value : 'children' in child ? textOf(child.children as PhrasingContent[]) : '')).join('');
}

/** The anchor a heading gets on the site (GitHub-style: lower case, punctuation dropped, spaces to hyphens). */
export function slug(text: string): string {
  return text.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

/** A link's percent-encoded part as written (`form:%E8%B4%B9…` → `form:费…`); kept as it is when it is not valid encoding. */
export function decodeLink(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
