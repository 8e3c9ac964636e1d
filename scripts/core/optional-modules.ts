import type { Root } from 'mdast';

/**
 * Parsers loaded only when a spec needs them, the same way in Node (on first use) and in a browser
 * (bundled): import them from `#optional-modules`, which package.json maps to the right file.
 */
export interface MarkdownParser {
  parse(body: string): Root;
  visit: typeof import('unist-util-visit').visit;
}
