import type { SourceProblem } from './diagnostic.ts';

/** Specs larger than this are refused unread: no real process needs a megabyte of YAML. */
export const MAX_SPEC_BYTES = 1024 * 1024;

export interface DecodedText {
  text: string;
  problems: SourceProblem[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Bytes to text: UTF-8 only, a BOM dropped (and reported, since some tools
 * choke on it), CRLF and CR normalised to LF so positions are plain line:column.
 */
export function decodeSource(bytes: Uint8Array): DecodedText {
  const problems: SourceProblem[] = [];
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = lenientUtf8.decode(bytes);
    const bad = text.indexOf('\uFFFD');
    const before = text.slice(0, Math.max(bad, 0));
    const line = before.split('\n').length;
    const column = bad - before.lastIndexOf('\n');
    problems.push({ line, column, messageId: 'source.notUtf8' });
    return { text: '', problems };
  }
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    problems.push({ line: 1, column: 1, messageId: 'source.bom' });
  }
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  return { text, problems };
}

export interface SplitSource {
  /** The YAML between the fences, or undefined when there is no front matter. */
  frontMatter?: string;
  /** 1-based line of the first YAML line (the line after the opening `---`). */
  frontMatterLine: number;
  body: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
}

/** Splits `---\nyaml\n---\nbody`; reports an unclosed or missing front matter. */
export function splitFrontMatter(text: string): SplitSource & { problems: SourceProblem[] } {
  if (!/^---[ \t]*(?:\n|$)/.test(text)) {
    return { frontMatterLine: 1, body: text, bodyLine: 1, problems: [{ line: 1, column: 1, messageId: 'source.noFrontMatter' }] };
  }
  const open = text.indexOf('\n') === -1 ? text.length : text.indexOf('\n') + 1;
  const close = /^(?:---|\.\.\.)[ \t]*$/m;
  close.lastIndex = 0;
  const rest = text.slice(open);
  const match = close.exec(rest);
  if (!match) {
    return { frontMatterLine: 2, body: '', bodyLine: 1, problems: [{ line: 1, column: 1, messageId: 'source.unclosedFrontMatter' }] };
  }
  const frontMatter = rest.slice(0, match.index);
  const afterClose = open + match.index + match[0].length;
  const bodyStart = text[afterClose] === '\n' ? afterClose + 1 : afterClose;
  const linesBefore = countLines(text, bodyStart);
  return { frontMatter, frontMatterLine: 2, body: text.slice(bodyStart), bodyLine: linesBefore + 1, problems: [] };
}

function countLines(text: string, end: number): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
