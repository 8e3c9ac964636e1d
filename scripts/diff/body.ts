/**
 * The prose body of a spec, compared paragraph by paragraph: reviewers see which
 * paragraphs, list items and headings changed and how, not just "the body changed".
 */
import { diffArrays } from 'diff';
import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { toString } from 'mdast-util-to-string';
import { gfm } from 'micromark-extension-gfm';

export interface BodyChange {
  /** The heading the paragraph sits under, as readers see it. */
  section?: string;
  /** The paragraph before, as readers see it; absent when it was added. */
  from?: string;
  /** The paragraph after; absent when it was removed. */
  to?: string;
}

interface Block {
  section?: string;
  /** The Markdown source, which decides whether a block changed (a link's target counts). */
  source: string;
  /** What readers see: the text without link targets or markup. */
  text: string;
}

const fold = (text: string) => text.split(/\s*\n\s*/).join(' ').trim();

/**
 * GitHub-flavoured Markdown, read as remark-parse with remark-gfm reads it, without remark-gfm's
 * Markdown writer, which a comparison never uses (the in-browser editor's worker runs this).
 */
const parse = (markdown: string): Root => fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });

/** The source of a run of sibling nodes, line breaks and indentation folded into single spaces. */
function source(markdown: string, first: Nodes, last: Nodes = first): string {
  const [start, end] = [first.position?.start.offset, last.position?.end.offset];
  return start === undefined || end === undefined ? '' : fold(markdown.slice(start, end));
}

function block(section: string | undefined, markdown: string, nodes: Nodes[]): Block {
  return { ...(section !== undefined ? { section } : {}), source: source(markdown, nodes[0]!, nodes.at(-1)!), text: fold(nodes.map((n) => toString(n)).join(' ')) };
}

/**
 * The body's units of reading, in order: each heading, paragraph, list item and table
 * row on its own (a list item without its marker), each with the heading above it.
 */
export function bodyBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  let section: string | undefined;
  const visit = (node: Nodes): void => {
    switch (node.type) {
      case 'root':
      case 'blockquote':
      case 'list':
      case 'table':
        for (const child of node.children) visit(child);
        return;
      case 'listItem':
        if (node.children.length > 0) blocks.push(block(section, markdown, node.children));
        return;
      case 'heading':
        section = fold(toString(node));
        blocks.push(block(section, markdown, [node]));
        return;
      default:
        blocks.push(block(section, markdown, [node]));
    }
  };
  visit(parse(markdown));
  return blocks.filter((b) => b.source !== '');
}

/**
 * Paragraphs removed, added and changed between two bodies. Within a run of removed
 * and added paragraphs, the first removed one pairs with the first added one (an edit),
 * and so on; the rest are plain removals or additions. Paragraphs are shown as readers
 * see them, unless only their markup changed (a link's target): then as written.
 */
export function bodyChanges(before: string, after: string): BodyChange[] {
  const [old, neu] = [bodyBlocks(before), bodyBlocks(after)];
  const changes: BodyChange[] = [];
  let [i, j] = [0, 0];
  let removed: Block[] = [];
  let added: Block[] = [];
  const flush = () => {
    const paired = Math.min(removed.length, added.length);
    for (let k = 0; k < Math.max(removed.length, added.length); k++) {
      const [was, now] = [removed[k], added[k]];
      const section = (k < paired ? now : was ?? now)?.section;
      const shown = was && now && was.text === now.text ? 'source' : 'text';
      changes.push({ ...(section !== undefined ? { section } : {}), ...(was ? { from: was[shown] } : {}), ...(now ? { to: now[shown] } : {}) });
    }
    [removed, added] = [[], []];
  };
  for (const part of diffArrays(old.map((b) => b.source), neu.map((b) => b.source))) {
    const count = part.count ?? part.value.length;
    if (part.removed) removed.push(...old.slice(i, (i += count)));
    else if (part.added) added.push(...neu.slice(j, (j += count)));
    else {
      flush();
      i += count;
      j += count;
    }
  }
  flush();
  return changes;
}
