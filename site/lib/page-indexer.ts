/**
 * How the build's search index (search-index.ts, an integration) gets the pages the build renders
 * (search-middleware.ts, which runs in the bundle that renders them): both run in one process, and
 * the integration sets the indexer here only while `astro build` renders.
 */
export interface PageIndexer {
  /** Whether the page served at this path is one readers search. */
  wants(pathname: string): boolean;
  /** Hands the page over; resolves when the indexer is ready for the next one. */
  add(pathname: string, html: string): Promise<void>;
}

const KEY = Symbol.for('handbook.page-indexer');
type Holder = typeof globalThis & { [KEY]?: PageIndexer };

export function pageIndexer(): PageIndexer | undefined {
  return (globalThis as Holder)[KEY];
}

export function setPageIndexer(indexer: PageIndexer | undefined): void {
  if (indexer) (globalThis as Holder)[KEY] = indexer;
  else delete (globalThis as Holder)[KEY];
}
