const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('zh', { granularity: 'word' }) : undefined;

/**
 * Question words a reader types (报销多久到账, 请假怎么申请) but no handbook page says: Pagefind
 * finds only pages holding every word, so they are left out of the query.
 */
const QUESTION_WORDS = new Set(['多久', '多长', '多长时间', '怎么', '怎样', '怎么样', '如何', '什么', '哪里', '哪儿', '哪个', '谁', '吗', '呢', '么', '是否', '能否', '可以', '要', '需要']);

/**
 * Pagefind splits Chinese into words when it indexes, but a query typed
 * without spaces (投诉处理) is one term to it. Split runs of Han characters into
 * words (投诉 处理), leaving out question words; other text is left as typed.
 */
export function segmentQuery(term: string): string {
  if (!segmenter || !/\p{Script=Han}/u.test(term)) return term;
  const words = Array.from(segmenter.segment(term), (part) => part.segment.trim()).filter(Boolean);
  const content = words.filter((word) => !QUESTION_WORDS.has(word));
  return (content.length > 0 ? content : words).join(' ');
}
