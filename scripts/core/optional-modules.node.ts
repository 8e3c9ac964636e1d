import { createRequire } from 'node:module';
import type { MarkdownParser } from './optional-modules.ts';

/**
 * Parsers that only rare specs need (a YAML error, links Markdown must decide, `--fix`), loaded on
 * first use: a clean lint never loads them, which keeps each lint thread about 9 MB (yaml) and
 * 14 MB (unified + remark) smaller (measured). Browsers get `optional-modules.browser.ts`, through
 * the `#optional-modules` import map in package.json.
 */
const load = createRequire(import.meta.url);
let yaml: typeof import('yaml') | undefined;
let markdown: MarkdownParser | undefined;

export function yamlPackage(): typeof import('yaml') {
  return (yaml ??= load('yaml') as typeof import('yaml'));
}

export function markdownParser(): MarkdownParser {
  if (!markdown) {
    const { unified } = load('unified') as typeof import('unified');
    const remarkParse = (load('remark-parse') as typeof import('remark-parse')).default;
    const parser = unified().use(remarkParse).freeze();
    markdown = { parse: (body) => parser.parse(body), visit: (load('unist-util-visit') as typeof import('unist-util-visit')).visit };
  }
  return markdown;
}
