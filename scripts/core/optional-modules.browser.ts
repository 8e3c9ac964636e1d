import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import * as yaml from 'yaml';
import type { MarkdownParser } from './optional-modules.ts';

/** The parsers `optional-modules.node.ts` loads on demand, bundled for the browser. */
const parser = unified().use(remarkParse).freeze();
const markdown: MarkdownParser = { parse: (body) => parser.parse(body), visit };

export function yamlPackage(): typeof import('yaml') {
  return yaml;
}

export function markdownParser(): MarkdownParser {
  return markdown;
}
