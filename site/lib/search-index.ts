import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';
import { globSync } from 'tinyglobby';
import { SHARD_LIST } from '../scripts/search-ranking.ts';
import { shardPages, SHARD_BYTES, type Shard } from './search-shards.ts';

/**
 * The search index (Pagefind), built from the pages readers search: processes, roles, departments,
 * forms, the guide and the home and learning index pages, in both languages. Starlight would hand
 * Pagefind every page of the site, and a handbook's quiz, learning-path, rule and editor pages (which
 * say `pagefind: false`, so none of them is indexed) are about half its HTML: reading them cost a
 * large handbook's build a third of its search time and memory for nothing. A test holds this list
 * equal to the pages that mark their content for search (`data-pagefind-body`).
 */
const SEARCHED = ['index.html', 'processes/**/*.html', 'roles/**/*.html', 'departments/**/*.html', 'forms/**/*.html', 'guide/**/*.html', 'learn/index.html'];
export const SEARCHED_PAGES = `{${[...SEARCHED, ...SEARCHED.map((glob) => `en/${glob}`)].join(',')}}`;

/** What a merged shard needs; the first shard also brings Pagefind's scripts, styles and language modules. */
const SHARD_FILES = (name: string) => name === 'pagefind-entry.json' || name.endsWith('.pf_meta') || ['index', 'fragment', 'filter'].includes(name);

export function searchIndex(): AstroIntegration {
  let cache: string | undefined;
  return {
    name: 'handbook-search',
    hooks: {
      'astro:config:done': ({ config }) => {
        cache = fileURLToPath(new URL('search/', config.cacheDir));
      },
      'astro:build:done': async ({ dir, logger }) => {
        const made = await buildSearchIndex({ out: fileURLToPath(dir), cache: cache! });
        logger.info(`search index: ${made.pages} pages in ${made.shards} shards (${made.indexed} indexed, ${made.shards - made.indexed} unchanged) in ${made.ms} ms`);
      },
    },
  };
}

export interface SearchIndexOptions {
  /** The built site. */
  out: string;
  /** Where each shard's index is kept, by a digest of its pages, for the next build. */
  cache: string;
  shardBytes?: number;
}

/**
 * Indexes the searched pages of a built site into `<out>/pagefind/`, one Pagefind index per shard
 * (site/lib/search-shards.ts). A shard whose pages are byte for byte those of an earlier build is
 * copied from the cache instead of being indexed again.
 */
export async function buildSearchIndex({ out, cache, shardBytes = SHARD_BYTES }: SearchIndexOptions): Promise<{ pages: number; shards: number; indexed: number; ms: number }> {
  const started = Date.now();
  const pages = globSync(SEARCHED_PAGES, { cwd: out }).map((page) => ({ path: page, bytes: statSync(path.join(out, page)).size }));
  const shards = shardPages(pages, shardBytes);
  const version = pagefindVersion();
  const built = shards.map((shard) => ({ shard, dir: path.join(cache, digestOf(out, shard, version)) }));
  const missing = built.filter(({ dir }) => !existsSync(path.join(dir, 'pagefind-entry.json')));
  if (missing.length > 0) {
    try {
      for (const { shard, dir } of missing) await indexShard(out, shard, dir, path.join(cache, 'pages'));
    } finally {
      await pagefind.close();
      rmSync(path.join(cache, 'pages'), { recursive: true, force: true });
    }
  }
  const bundle = path.join(out, 'pagefind');
  rmSync(bundle, { recursive: true, force: true });
  for (const { shard, dir } of built) {
    const to = shard.name === 'main' ? bundle : path.join(bundle, shard.name);
    linkTree(dir, to, (name) => shard.name === 'main' || SHARD_FILES(name));
  }
  writeFileSync(path.join(bundle, SHARD_LIST), `${JSON.stringify(built.filter(({ shard }) => shard.name !== 'main').map(({ shard }) => `${shard.name}/`))}\n`);
  // The cache keeps the shards of this build only.
  const kept = new Set(built.map(({ dir }) => path.basename(dir)));
  for (const entry of readdirSync(cache)) if (!kept.has(entry)) rmSync(path.join(cache, entry), { recursive: true, force: true });
  return { pages: pages.length, shards: shards.length, indexed: missing.length, ms: Date.now() - started };
}

async function indexShard(out: string, shard: Shard, dir: string, staging: string): Promise<void> {
  const input = pagesOf(out, shard, staging);
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(errors.join('; '));
  const added = await index.addDirectory(input);
  if (added.errors.length > 0) throw new Error(added.errors.join('; '));
  const next = `${dir}.next`;
  rmSync(next, { recursive: true, force: true });
  const written = await index.writeFiles({ outputPath: next });
  if (written.errors.length > 0) throw new Error(written.errors.join('; '));
  await index.deleteIndex();
  rmSync(dir, { recursive: true, force: true });
  renameSync(next, dir);
}

/**
 * Links a cached shard's files into the site (a copy where links cannot be made). A cached shard is
 * never written again once made, only deleted, so the site's links keep their files.
 */
function linkTree(from: string, to: string, keepTop: (name: string) => boolean): void {
  for (const entry of readdirSync(from, { withFileTypes: true, recursive: true })) {
    const source = path.join(entry.parentPath, entry.name);
    const relative = path.relative(from, source);
    if (!keepTop(relative.split(path.sep)[0]!)) continue;
    const target = path.join(to, relative);
    if (entry.isDirectory()) {
      mkdirSync(target, { recursive: true });
      continue;
    }
    linkOrCopy(source, target);
  }
}

/** A hard link to `source` at `target` (its folder made), or a copy where links cannot be made (another disk). */
function linkOrCopy(source: string, target: string): void {
  mkdirSync(path.dirname(target), { recursive: true });
  try {
    linkSync(source, target);
  } catch {
    copyFileSync(source, target);
  }
}

/**
 * Where Pagefind reads a shard's pages from, at their paths in the site so that their URLs stay: the
 * site itself with a glob that lists them, or, should a path hold a character globs give a meaning
 * to (ids are kebab-case, so none does), a folder they are linked into.
 */
function pagesOf(out: string, shard: Shard, staging: string): { path: string; glob: string } {
  if (shard.pages.every((page) => /^[\w./-]+$/.test(page))) return { path: out, glob: `{${shard.pages.join(',')}}` };
  const input = path.join(staging, shard.name);
  rmSync(input, { recursive: true, force: true });
  for (const page of shard.pages) linkOrCopy(path.join(out, page), path.join(input, page));
  return { path: input, glob: '**/*.html' };
}

function digestOf(out: string, shard: Shard, version: string): string {
  // SHA-1 reads the 245 MB of a 1,000-process handbook in a third of SHA-256's time here; the digest only names a cache entry.
  const hash = createHash('sha1').update(`pagefind ${version}\0${shard.name}\0`);
  for (const page of shard.pages) hash.update(`${page}\0`).update(readFileSync(path.join(out, page))).update('\0');
  return `${shard.name}-${hash.digest('hex').slice(0, 32)}`;
}

/** The installed Pagefind's version, found as Node finds the package (its exports do not include package.json). */
function pagefindVersion(): string {
  for (const dir of createRequire(import.meta.url).resolve.paths('pagefind') ?? []) {
    const file = path.join(dir, 'pagefind', 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return 'unknown';
}
