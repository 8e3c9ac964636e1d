import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { globSync } from 'tinyglobby';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSearchIndex } from '../../site/lib/search-index.ts';
import { shardPages } from '../../site/lib/search-shards.ts';
import { SHARD_LIST } from '../../site/scripts/search-ranking.ts';

const MB = 1024 * 1024;

describe('shardPages', () => {
  const pages = [
    { path: 'index.html', bytes: 1 * MB },
    { path: 'en/index.html', bytes: 1 * MB },
    { path: 'guide/index.html', bytes: 1 * MB },
    { path: 'departments/finance/index.html', bytes: 1 * MB },
    { path: 'processes/index.html', bytes: 1 * MB },
    ...Array.from({ length: 40 }, (_, i) => [`processes/p${i}/index.html`, `en/processes/p${i}/index.html`]).flat().map((page) => ({ path: page, bytes: 1 * MB })),
    ...Array.from({ length: 6 }, (_, i) => ({ path: `roles/r${i}/index.html`, bytes: 1 * MB })),
  ];
  const shardOf = (shards: { name: string; pages: string[] }[], page: string) => shards.find((shard) => shard.pages.includes(page))?.name;

  it('keeps a handbook with at most two shards worth of pages in one index', () => {
    expect(shardPages(pages, 46 * MB)).toEqual([{ name: 'main', pages: pages.map((page) => page.path).sort() }]);
  });

  it('deals every page to one of a power of two of shards chosen from the size, pages of every kind in each', () => {
    // 91 MB at 12 MB a shard: 8 shards' worth, so 8.
    const shards = shardPages(pages, 12 * MB);
    expect(shards.flatMap((shard) => shard.pages).sort()).toEqual(pages.map((page) => page.path).sort());
    expect(shards[0]!.name).toBe('main');
    expect(shards.map((shard) => shard.name).sort()).toEqual(['main', ...Array.from({ length: 7 }, (_, n) => `shard-${n + 1}`)].sort());
    expect(new Set(shards.map((shard) => shard.pages.length)).size).toBeGreaterThan(1);
    expect(shards.filter((shard) => shard.pages.some((page) => page.startsWith('roles/'))).length).toBeGreaterThan(1);
  });

  it('puts a page in the same shard whatever else the handbook holds, and both languages of it together', () => {
    // Until the size crosses a power of two of shards: then the pages are dealt again, once.
    const shards = shardPages(pages, 12 * MB);
    const fewer = shardPages([...pages.filter((page) => !page.path.includes('/p3/')), { path: 'processes/new/index.html', bytes: 1 * MB }], 12 * MB);
    for (let i = 0; i < 40; i++) {
      expect(shardOf(shards, `en/processes/p${i}/index.html`)).toBe(shardOf(shards, `processes/p${i}/index.html`));
      if (i !== 3) expect(shardOf(fewer, `processes/p${i}/index.html`)).toBe(shardOf(shards, `processes/p${i}/index.html`));
    }
    expect(shardOf(shards, 'en/index.html')).toBe(shardOf(shards, 'index.html'));
  });
});

describe('buildSearchIndex', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'search-shards-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const out = path.join(work, 'site');
  const cache = path.join(work, 'cache');
  const page = (file: string, lang: string, text: string) => {
    mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
    writeFileSync(path.join(out, file), `<!doctype html><html lang="${lang}"><head><title>${file}</title></head><body><main data-pagefind-body><h1>${file}</h1><p>${text}</p></main></body></html>`);
  };
  page('index.html', 'zh-CN', '运营流程手册 首页');
  page('en/index.html', 'en', 'Operating handbook home');
  for (let i = 0; i < 12; i++) {
    page(`processes/p${i}/index.html`, 'zh-CN', `流程 ${i} 报销 审批 ${'说明 '.repeat(200)}`);
    page(`en/processes/p${i}/index.html`, 'en', `process ${i} reimbursement approval ${'text '.repeat(200)}`);
  }
  for (let i = 0; i < 4; i++) page(`roles/r${i}/index.html`, 'zh-CN', `岗位 ${i} 报销`);
  // About 1.3 KB of HTML a process page: 8 shards.
  const shardBytes = 4_000;
  const bundleFiles = () => globSync('pagefind/**', { cwd: out }).sort().map((file) => [file, readFileSync(path.join(out, file)).toString('base64')] as const);

  it('writes one index per shard, the first in /pagefind/ with its scripts, the others listed beside it', async () => {
    const made = await buildSearchIndex({ out, cache, shardBytes });
    const shards = JSON.parse(readFileSync(path.join(out, 'pagefind', SHARD_LIST), 'utf8')) as string[];
    expect(made).toMatchObject({ pages: 30, shards: shards.length + 1, indexed: shards.length + 1 });
    expect(shards.length).toBeGreaterThan(2);
    expect(readdirSync(path.join(out, 'pagefind'))).toContain('pagefind.js');
    let counted = 0;
    for (const dir of ['', ...shards]) {
      const entry = JSON.parse(readFileSync(path.join(out, 'pagefind', dir, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
      counted += Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
      if (dir) expect(readdirSync(path.join(out, 'pagefind', dir))).not.toContain('pagefind.js');
    }
    expect(counted).toBe(30);
  });

  it('builds the same index again from the cache without indexing, and indexes again only the shard of a changed page', async () => {
    const first = bundleFiles();
    expect((await buildSearchIndex({ out, cache, shardBytes })).indexed).toBe(0);
    expect(bundleFiles()).toEqual(first);

    page('processes/p5/index.html', 'zh-CN', `流程 5 报销 审批 已修订 ${'说明 '.repeat(200)}`);
    expect((await buildSearchIndex({ out, cache, shardBytes })).indexed).toBe(1);
    const shardOfFile = (file: string) => (file.split('/')[1]!.startsWith('shard-') ? file.split('/')[1] : 'main');
    const changed = new Set(bundleFiles().filter(([file, bytes]) => !first.some(([was, before]) => was === file && before === bytes)).map(([file]) => shardOfFile(file)));
    expect(changed.size).toBe(1);
    // The cache keeps what this build used: one entry per shard.
    expect(readdirSync(cache)).toHaveLength((await buildSearchIndex({ out, cache, shardBytes })).shards);
  });

  it('indexes a page whose path a glob would misread (a comma, brackets)', async () => {
    const odd = path.join(work, 'odd');
    for (const [file, text] of [['index.html', '首页'], ['forms/a,b/index.html', '报销单'], ['roles/[x]/index.html', '出纳']]) {
      mkdirSync(path.dirname(path.join(odd, file!)), { recursive: true });
      writeFileSync(path.join(odd, file!), `<!doctype html><html lang="zh-CN"><body><main data-pagefind-body><p>${text}</p></main></body></html>`);
    }
    expect(await buildSearchIndex({ out: odd, cache: path.join(work, 'odd-cache') })).toMatchObject({ pages: 3, indexed: 1 });
    const entry = JSON.parse(readFileSync(path.join(odd, 'pagefind', 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    expect(Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0)).toBe(3);
  });
});
