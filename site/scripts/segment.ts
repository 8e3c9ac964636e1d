const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('zh', { granularity: 'word' }) : undefined;

/**
 * Pagefind splits Chinese into words when it indexes, but a query typed
 * without spaces (投诉处理) is one term to it. Split runs of Han characters into
 * words (投诉 处理); other text is left as typed.
 */
export function segmentQuery(term: string): string {
  if (!segmenter || !/\p{Script=Han}/u.test(term)) return term;
  return Array.from(segmenter.segment(term), (part) => part.segment.trim())
    .filter(Boolean)
    .join(' ');
}
