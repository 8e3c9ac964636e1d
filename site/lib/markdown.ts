import type { Element, Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { Locale } from '../../scripts/core/messages.ts';
import { formAnchor, url } from './urls.ts';

export interface BodyContext {
  locale: Locale;
  /** Step ids of the process, for `#step` links. */
  stepIds: Set<string>;
  /** Ids of known processes, for `other.md` links. */
  processIds: Set<string>;
  /** The page slug of a form by name (default: `formAnchor`, an unregistered form's). */
  formSlug?: (name: string) => string;
}

/** The line that starts a body's English part (see `splitBody`). */
const ENGLISH_MARKER = /^<!--\s*lang:\s*en\s*-->$/i;

/**
 * A spec body in its two languages: the Chinese before a line `<!-- lang: en -->`, the English after
 * it. The marker is found by the Markdown parser, as a block of HTML of its own, so the same text
 * inside code or a paragraph does not split the body.
 */
export function splitBody(markdown: string): { zh: string; en?: string } {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown);
  const marker = tree.children.find((node) => node.type === 'html' && ENGLISH_MARKER.test(node.value.trim()));
  if (!marker?.position) return { zh: markdown };
  return { zh: markdown.slice(0, marker.position.start.offset), en: markdown.slice(marker.position.end.offset) };
}

const SAFE_PROTOCOL = /^(?:https?:|mailto:)/i;

/**
 * The prose body of a spec as HTML. Specs are untrusted: raw HTML is shown as
 * text (never parsed), only http(s)/mailto and internal links keep an href,
 * and images become their alt text (no third-party requests).
 */
export function renderBody(markdown: string, context: BodyContext): string {
  const file = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(() => (tree: MdastRoot) => {
      visit(tree, 'html', (node, index, parent) => {
        if (parent && index !== undefined) parent.children[index] = { type: 'text', value: node.value } as never;
      });
      visit(tree, 'image', (node, index, parent) => {
        if (parent && index !== undefined) parent.children[index] = { type: 'text', value: node.alt ?? '' } as never;
      });
    })
    .use(remarkRehype, { allowDangerousHtml: false })
    .use(() => (tree: HastRoot) => {
      visit(tree, 'element', (node: Element) => {
        if (node.tagName !== 'a') return;
        const href = typeof node.properties.href === 'string' ? node.properties.href : '';
        const target = rewriteHref(href, context);
        if (target === undefined) {
          node.tagName = 'span';
          node.properties = {};
        } else {
          node.properties = {};
          node.properties['href'] = target;
          if (SAFE_PROTOCOL.test(target) && !target.startsWith('mailto:')) node.properties['rel'] = ['noopener', 'noreferrer', 'nofollow'];
        }
      });
    })
    .use(rehypeStringify)
    .processSync(markdown);
  return String(file);
}

/** Where a link in a spec body should point on the site; `undefined` drops the link (text stays). */
export function rewriteHref(raw: string, { locale, stepIds, processIds, formSlug = formAnchor }: BodyContext): string | undefined {
  let href: string;
  try {
    href = decodeURIComponent(raw.trim());
  } catch {
    href = raw.trim();
  }
  if (href === '') return undefined;
  if (href.startsWith('#')) {
    const id = href.slice(1);
    return stepIds.has(id) ? `#step-${id}` : undefined;
  }
  if (href.toLowerCase().startsWith('form:')) return url.form(locale, formSlug(href.slice(5).replace(/^《|》$/g, '').trim()));
  const md = /^(?:\.{0,2}\/)*(?:[\w-]+\/)*([a-z0-9]+(?:-[a-z0-9]+)*)\.md(?:#([\w-]+))?$/.exec(href);
  if (md) {
    const id = md[1]!;
    if (!processIds.has(id)) return undefined;
    return url.process(locale, id) + (md[2] ? `#step-${md[2]}` : '');
  }
  if (SAFE_PROTOCOL.test(href)) return encodeURI(href);
  return undefined;
}
