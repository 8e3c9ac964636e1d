import { closest } from '../../core/friendly-issues.ts';
import type { MessageValue } from '../../core/render.ts';

export { firstFew, list, listAnd } from '../../core/render.ts';

/** Suggestions per collection of known names, so that a spec repeating one mistake computes its suggestion once. */
const cache = new WeakMap<object, Map<string, string | null>>();

/**
 * The `{{suggestion}}` of a message: the known name nearest in spelling to `word`, worded
 * " (did you mean `x`?)" when shown, or nothing when none is near enough.
 */
export function didYouMean(word: string, known: ReadonlyMap<string, unknown> | ReadonlySet<string>): MessageValue {
  let memo = cache.get(known);
  if (!memo) cache.set(known, (memo = new Map()));
  if (!memo.has(word)) {
    // An edit distance is at least the difference in length, so names too long or short to be near are skipped.
    const reach = Math.max(2, Math.floor(word.length / 3));
    const candidates: string[] = [];
    for (const name of known.keys()) if (Math.abs(name.length - word.length) <= reach) candidates.push(name);
    memo.set(word, closest(word, candidates) ?? null);
  }
  return { suggestion: memo.get(word)! };
}
