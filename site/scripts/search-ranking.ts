/**
 * How the search box ranks results (Pagefind's ranking weights), as Starlight sets them by default:
 * page length counts for little, so a process page, long because it holds its whole procedure,
 * ranks above the short form pages that merely name the same words.
 */
export const SEARCH_RANKING = { pageLength: 0.1, termFrequency: 0.1, termSaturation: 2, termSimilarity: 9, diacriticSimilarity: 0.8 } as const;

/**
 * The list, beside Pagefind's own files in /pagefind/, of the index's other shards, which the search
 * box merges into the first (site/lib/search-shards.ts). Written by site/lib/search-index.ts.
 */
export const SHARD_LIST = 'handbook-shards.json';
