import { yamlPackage } from '#optional-modules';
import { splitFrontMatter } from '../core/source.ts';
import type { Fix } from './rule.ts';

/**
 * Applies fixes to a spec's front matter through the `yaml` Document API, so comments,
 * key order and formatting survive; the body is left byte for byte. Returns the text
 * unchanged when no fix changes the document. A fix that throws is skipped. `yaml` is loaded on
 * the first repair, so a lint that repairs nothing (`--changed` in CI) never loads it.
 */
export function applyFixes(text: string, fixes: Fix[]): string {
  const split = splitFrontMatter(text);
  if (split.frontMatter === undefined || fixes.length === 0) return text;
  const open = text.indexOf('\n') + 1;
  const end = open + split.frontMatter.length;
  const doc = yamlPackage().parseDocument(split.frontMatter, { version: '1.2', uniqueKeys: false, keepSourceTokens: false });
  if (doc.errors.length > 0) return text;
  const options = { lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false } as const;
  const before = doc.toString(options);
  for (const fix of fixes) {
    try {
      fix(doc);
    } catch {
      // A fix that cannot apply leaves the finding for a person.
    }
  }
  const after = doc.toString(options);
  if (after === before) return text;
  return text.slice(0, open) + after + text.slice(end);
}

/** Restores what reading normalised (CRLF line ends, a BOM) before writing a fixed file back. */
export function restoreLineEnds(original: Uint8Array | string, fixed: string): string {
  const raw = typeof original === 'string' ? original : new TextDecoder().decode(original);
  let out = fixed;
  if (raw.includes('\r\n')) out = out.replace(/\n/g, '\r\n');
  if (raw.charCodeAt(0) === 0xfeff) out = `\uFEFF${out}`;
  return out;
}
