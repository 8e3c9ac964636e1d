import { createHash } from 'node:crypto';

/**
 * How the searched pages are split into separately built search indexes ("shards"), so that a rebuild
 * indexes again only the shards whose pages changed. Pagefind has no incremental index: at 1,000
 * processes, indexing all 2,926 searched pages took 15 s of a 33 s rebuild in which no page changed.
 *
 * A page's shard is a hash of its path without the language prefix: it depends neither on the order
 * nor on the content of the pages, so an unchanged page stays in its shard from one build to the
 * next, and both languages of a page share one. The number of shards is a power of two chosen from
 * the pages' size, so a handbook that grows a little keeps its shards (one that crosses a power of
 * two is dealt again, once).
 *
 * Pages of every kind are mixed in each shard on purpose. The browser ranks each shard's results
 * with that shard's own word statistics and merges them by score (Pagefind's `mergeIndex`): a shard
 * of forms only, where a word is rare, would rank its short pages above the process pages that a
 * shard of processes only, where the same word is common, ranks lower. A random sample of the
 * handbook has about the handbook's statistics.
 *
 * A handbook with no more than two shards' worth of searched pages has one shard, the whole index,
 * as before (processes/, 33 processes, has 24 MB of them).
 */

/** About the HTML one shard holds: at 1,000 processes, 16 shards of about 0.9 s of Pagefind's time each. */
export const SHARD_BYTES = 16 * 1024 * 1024;

export interface SearchedPage {
  /** Path relative to the output folder, with `/` separators (`en/processes/leave/index.html`). */
  path: string;
  bytes: number;
}

export interface Shard {
  /** The first shard, the one the search box opens, is `main`; the others `shard-<n>`. */
  name: string;
  pages: string[];
}

export function shardPages(pages: readonly SearchedPage[], shardBytes = SHARD_BYTES): Shard[] {
  const bytes = pages.reduce((sum, page) => sum + page.bytes, 0);
  const count = bytes <= 2 * shardBytes ? 1 : powerOfTwoAtLeast(Math.ceil(bytes / shardBytes));
  const buckets = Array.from({ length: count }, () => [] as string[]);
  for (const page of pages) buckets[bucketOf(page.path.replace(/^en\//, ''), count)]!.push(page.path);
  return buckets.flatMap((list, n) => (n === 0 || list.length > 0 ? [{ name: n === 0 ? 'main' : `shard-${n}`, pages: list.sort() }] : []));
}

function bucketOf(id: string, count: number): number {
  if (count === 1) return 0;
  return createHash('sha1').update(id).digest().readUInt32BE(0) % count;
}

function powerOfTwoAtLeast(n: number): number {
  let power = 1;
  while (power < n) power *= 2;
  return power;
}
