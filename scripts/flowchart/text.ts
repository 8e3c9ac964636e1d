import { eastAsianWidth } from 'get-east-asian-width';

/**
 * Text measured without a browser, for laying out the flowchart in Node and in the editor's
 * worker alike. A wide (CJK) character takes one em in the site's CJK font; other characters
 * are counted at 0.6 em, a little more than Noto Sans' average, so a label rather has spare room
 * than spills out of its shape.
 */

const NARROW_EM = 0.6;
const graphemes = new Intl.Segmenter('zh', { granularity: 'grapheme' });
/** Word boundaries: ICU keeps Chinese words (客户, 投诉) and Latin words whole where it can. */
const words = new Intl.Segmenter('zh', { granularity: 'word' });
const CLOSING = new Set([...'，。、；：！？）》」』】〉,.;:!?)]}…']);

// Wrapping measures the same names and line candidates many times, and a site draws each diagram in
// both languages: widths are remembered (in ems), up to a bound.
const measured = new Map<string, number>();
const MEASURED_AT_MOST = 50_000;

export function textWidth(text: string, fontSize: number): number {
  let ems = measured.get(text);
  if (ems === undefined) {
    ems = 0;
    for (const { segment } of graphemes.segment(text)) ems += eastAsianWidth(segment.codePointAt(0)!) === 2 ? 1 : NARROW_EM;
    if (measured.size >= MEASURED_AT_MOST) measured.clear();
    measured.set(text, ems);
  }
  return ems * fontSize;
}

/**
 * `text` in lines no wider than `maxWidth`, broken between words; a word longer than a line is
 * broken between characters. Lines are balanced: as narrow as they can be without needing
 * another line, so a name never ends with one character on a line of its own. At most
 * `maxLines` lines, the last one ending in … when text is left.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, maxLines = Number.POSITIVE_INFINITY): string[] {
  // Split into words once: balancing tries about seven widths, and ICU's Chinese word breaking is the costly part.
  const segments = [...words.segment(text.replace(/[\t\n\r ]+/g, ' ').trim())].map((part) => part.segment);
  const greedy = greedyLines(segments, maxWidth, fontSize);
  let lines = greedy;
  if (greedy.length > 1 && greedy.length <= maxLines) {
    let [narrow, wide] = [maxWidth / 2, maxWidth];
    while (wide - narrow > 2) {
      const middle = (narrow + wide) / 2;
      const tried = greedyLines(segments, middle, fontSize);
      if (tried.length === greedy.length) [wide, lines] = [middle, tried];
      else narrow = middle;
    }
  }
  if (lines.length <= maxLines) return lines;
  const fits = (candidate: string) => textWidth(candidate, fontSize) <= maxWidth;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1]!;
  while (last && !fits(`${last}…`)) last = [...graphemes.segment(last)].slice(0, -1).map((part) => part.segment).join('');
  kept[maxLines - 1] = `${last}…`;
  return kept;
}

function greedyLines(segments: readonly string[], maxWidth: number, fontSize: number): string[] {
  const lines: string[] = [];
  let line = '';
  const push = () => {
    if (line.trim()) lines.push(line.trim());
    line = '';
  };
  const fits = (candidate: string) => textWidth(candidate.trim(), fontSize) <= maxWidth;
  for (const segment of segments) {
    // Closing punctuation never starts a line (，。、）》…): it stays on the line before, a little over.
    if (fits(line + segment) || (line.trim() && CLOSING.has(segment))) {
      line += segment;
      continue;
    }
    push();
    if (fits(segment)) {
      line = segment.trimStart();
      continue;
    }
    for (const { segment: character } of graphemes.segment(segment)) {
      if (!fits(line + character)) push();
      line += character;
    }
  }
  push();
  return lines;
}
