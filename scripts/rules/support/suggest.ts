import { closest } from '../../core/friendly-issues.ts';
import type { Locale } from '../../core/messages.ts';

/**
 * Suggestions per collection of known names, so that a handbook of thousands of
 * specs repeating one broken reference computes its suggestion once.
 */
const cache = new WeakMap<object, Map<string, string | undefined>>();

/**
 * A localized " (did you mean `x`?)" (or nothing), for the `{{suggestion}}` placeholder.
 * `known` is the map or set of names, also the cache key.
 */
export function didYouMean(locale: Locale, word: string, known: ReadonlyMap<string, unknown> | ReadonlySet<string>): string {
  // Only real maps and sets are remembered: the linter's stand-in for a handbook not yet read
  // records each question asked of it, and an answer from memory would go unrecorded.
  const real = known instanceof Map || known instanceof Set;
  let memo = real ? cache.get(known) : undefined;
  if (!memo) {
    memo = new Map();
    if (real) cache.set(known, memo);
  }
  if (!memo.has(word)) {
    // An edit distance is at least the difference in length, so names too long or short to be near are skipped.
    const reach = Math.max(2, Math.floor(word.length / 3));
    const candidates: string[] = [];
    for (const name of known.keys()) if (Math.abs(name.length - word.length) <= reach) candidates.push(name);
    memo.set(word, closest(word, candidates));
  }
  const match = memo.get(word);
  if (!match) return '';
  return locale === 'zh-CN' ? `（是否应为 \`${match}\`？）` : ` (did you mean \`${match}\`?)`;
}

/** A list of values for a message, in the locale's way of listing. */
export function list(locale: Locale, items: readonly string[]): string {
  return items.join(locale === 'zh-CN' ? '、' : ', ');
}

/** "a, b and c" / "a、b和c": a list read as one phrase. */
export function listAnd(locale: Locale, items: readonly string[]): string {
  if (items.length < 2) return items.join('');
  const head = list(locale, items.slice(0, -1));
  return locale === 'zh-CN' ? `${head}和${items.at(-1)}` : `${head} and ${items.at(-1)}`;
}

/** At most `limit` items, then "and N more", so a message stays readable however many there are. */
export function firstFew(locale: Locale, items: readonly string[], limit = 3): string {
  if (items.length <= limit) return list(locale, items);
  const more = items.length - limit;
  return `${list(locale, items.slice(0, limit))}${locale === 'zh-CN' ? ` 等 ${items.length} 个` : ` and ${more} more`}`;
}
