// @ts-check
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { editBase } from './scripts/core/handbook-config.ts';
import { readHandbookConfig } from './scripts/core/read-handbook-config.ts';
import { handbookExports } from './scripts/export/integration.ts';
import { outputAside } from './site/lib/output-aside.ts';
import { searchIndex } from './site/lib/search-index.ts';

/**
 * The handbook site. Pages are generated from `processes/` (see site/content.config.ts).
 * Environment:
 *   HANDBOOK_ALLOW_BROKEN=1    build the valid specs and list broken ones on /broken/ (default: stop with file:line:column)
 *   HANDBOOK_NO_CHROMIUM=1     build without Chromium: no Word or PDF copies (flowcharts are drawn in Node either way)
 *   CHROMIUM_PATH=/path        Chromium that prints the Word and PDF copies (default /usr/bin/chromium, else one Playwright installed)
 *   HANDBOOK_TODAY=YYYY-MM-DD  "today" for review deadlines (default: the build date)
 *   HANDBOOK_PROCESSES_DIR     where the specs are (default processes/)
 *   HANDBOOK_EXPORTS=bpmn,pdf  formats published under /exports/ (default: BPMN, and Word and PDF when Chromium prints them); 0 for none
 * The site's title, address and "edit this page" links come from the handbook's settings (the `handbook`
 * section of processlint.config.yml); without a repository there, pages have no edit link.
 */
const handbook = readHandbookConfig(process.cwd());
const edit = editBase(handbook);

/** @param {string} zh @param {string} en @param {string} href */
const link = (zh, en, href) => ({ label: zh, translations: { en }, link: href });

export default defineConfig({
  ...(handbook.url ? { site: handbook.url } : {}),
  srcDir: './site',
  publicDir: './site/public',
  outDir: process.env.HANDBOOK_OUT_DIR ?? './dist',
  // Separate caches let the tests build fixture handbooks beside a normal build.
  ...(process.env.HANDBOOK_ASTRO_CACHE ? { cacheDir: process.env.HANDBOOK_ASTRO_CACHE } : {}),
  trailingSlash: 'always',
  server: { host: '127.0.0.1' },
  // Starlight imports js-yaml 4 (default export); the project uses js-yaml 5. Bundling js-yaml lets each
  // importer get its own version instead of both resolving to the root one at prerender time.
  // The Mermaid chunks are large but load only on pages built without Chromium.
  // The editor's lint worker (site/scripts/editor/) is bundled with the packages' `worker` builds where they have one,
  // and with the rules' checks and messages but not their docs.
  // A rebuild copies the process and quiz pages whose data and code are unchanged (their cacheKey: site/lib/page-keys.ts).
  experimental: { incrementalBuild: true },
  vite: { resolve: { noExternal: ['js-yaml'] }, build: { chunkSizeWarningLimit: 3000 }, plugins: [lightSchemaSupport()], worker: { plugins: () => [workerBuilds(), ruleChecksOnly()] } },
  integrations: [
    starlight({
      title: { ...handbook.name },
      defaultLocale: 'root',
      locales: {
        root: { label: '简体中文', lang: 'zh-CN' },
        en: { label: 'English', lang: 'en' },
      },
      ...(edit ? { editLink: { baseUrl: edit } } : {}),
      lastUpdated: true,
      // The search index is built by site/lib/search-index.ts, from the searched pages only; the search box stays (our Search component).
      pagefind: false,
      // Our own bilingual 404 (site/pages/404.astro).
      disable404Route: true,
      customCss: ['./site/styles/handbook.css'],
      components: { Search: './site/components/Search.astro' },
      sidebar: [
        link('首页', 'Home', '/'),
        link('流程目录', 'Process catalogue', '/processes/'),
        link('岗位职责', 'Duties by role', '/roles/'),
        link('部门', 'Departments', '/departments/'),
        link('表单与输出', 'Forms and outputs', '/forms/'),
        { label: '使用说明', translations: { en: 'How to read' }, slug: 'guide' },
        // For those who keep the handbook: out of the readers' way and out of reader search (pagefind: false).
        {
          label: '维护者',
          translations: { en: 'Maintainers' },
          collapsed: true,
          items: [
            link('检查规则', 'Lint rules', '/rules/'),
            { label: '构建与发布', translations: { en: 'Building the site' }, slug: 'maintainers/build' },
            ...(process.env.HANDBOOK_ALLOW_BROKEN === '1' ? [link('无法读取的流程', 'Unreadable processes', '/broken/')] : []),
          ],
        },
      ],
    }),
    searchIndex(),
    handbookExports(),
    outputAside(),
  ],
});

/**
 * The editor's schema completion and hover (codemirror-json-schema, YAML mode) without what it would
 * otherwise bring to the page: its `utils/markdown` module loads Shiki (megabytes) as soon as it is
 * imported, though our descriptions are plain text; its JSON and JSON5 parsers are never used.
 * Both are replaced by small modules in site/scripts/editor/.
 * @returns {import('vite').Plugin}
 */
function lightSchemaSupport() {
  /** @param {string} file */
  const local = (file) => fileURLToPath(new URL(`./site/scripts/editor/${file}`, import.meta.url));
  return {
    name: 'handbook:light-schema-support',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer?.includes('/codemirror-json-schema/')) return null;
      if (/\/utils\/markdown(?:\.js)?$/.test(source)) return local('plain-markdown.ts');
      if (/^\.\/json5?-parser(?:\.js)?$/.test(source)) return local('unused-parsers.ts');
      return null;
    },
  };
}

/**
 * Web workers have no DOM, yet Vite bundles them with the `browser` condition, and some packages'
 * browser builds use `document` (decode-named-character-reference, under remark, decodes entities
 * through a DOM element). A package that exports a `worker` build gets it in a worker.
 * @returns {import('vite').Plugin}
 */
function workerBuilds() {
  return {
    name: 'handbook:worker-builds',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      const name = /^(?:@[^/]+\/)?[^/.][^/]*/.exec(source)?.[0];
      if (!name || name !== source) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved) return null;
      const root = resolved.id.slice(0, resolved.id.lastIndexOf(`/node_modules/${name}/`) + `/node_modules/${name}/`.length);
      if (!root.endsWith(`/${name}/`)) return null;
      const exports = JSON.parse(readFileSync(`${root}package.json`, 'utf8')).exports;
      const entry = typeof exports?.['.'] === 'object' ? exports['.'] : exports;
      return typeof entry?.worker === 'string' ? `${root}${entry.worker.replace(/^\.\//, '')}` : null;
    },
  };
}

/**
 * The lint worker checks and words findings; it never shows a rule's rationale or examples (each
 * finding links to its rule's page, which does). Those docs are about a third of the rules' code, so
 * in the worker's bundle each rule's `meta.docs` keeps only its one-sentence description, and the
 * module-level constants only the examples used go too (the bundler keeps a `.replace(…)` it cannot
 * prove pure). The rule files stay whole for the CLI, the site and the tests: this only shapes the
 * worker's copy, and test/e2e/editor.test.ts holds the worker free of rationales and examples.
 * @returns {import('vite').Plugin}
 */
function ruleChecksOnly() {
  const ruleFile = /\/scripts\/rules\/[a-z-]+\.ts$/;
  /** @param {any} node @param {string} name */
  const property = (node, name) => node?.type === 'ObjectExpression' ? node.properties.find((/** @type {any} */ p) => p.type === 'Property' && !p.computed && (p.key.name ?? p.key.value) === name) : undefined;
  return {
    name: 'handbook:rule-checks-only',
    enforce: 'pre',
    transform(code, id) {
      if (!ruleFile.test(id.split('?')[0] ?? '')) return null;
      /** @type {any} */
      const program = this.parse(code, { lang: 'ts' });
      const rule = program.body.find((/** @type {any} */ node) => node.type === 'ExportDefaultDeclaration')?.declaration;
      if (rule?.type !== 'CallExpression' || rule.callee.name !== 'defineRule') return null;
      const docs = property(property(rule.arguments[0], 'meta')?.value, 'docs')?.value;
      const description = property(docs, 'description')?.value;
      if (!description) return null;
      let checks = `${code.slice(0, docs.start)}{ description: ${code.slice(description.start, description.end)} }${code.slice(docs.end)}`;
      for (;;) {
        /** @type {any} */
        const body = this.parse(checks, { lang: 'ts' }).body;
        const uses = new Map();
        /** @param {any} node */
        const count = (node) => {
          if (Array.isArray(node)) node.forEach(count);
          else if (node && typeof node === 'object') {
            if (node.type === 'Identifier') uses.set(node.name, (uses.get(node.name) ?? 0) + 1);
            Object.values(node).forEach(count);
          }
        };
        count(body);
        // A top-level `const NAME = …` whose name appears nowhere else (the declaration is its one use).
        const unused = body.filter((/** @type {any} */ node) => node.type === 'VariableDeclaration' && node.declarations.length === 1 && node.declarations[0].id.type === 'Identifier' && uses.get(node.declarations[0].id.name) === 1);
        if (unused.length === 0) return { code: checks, map: null };
        for (const node of unused.reverse()) checks = checks.slice(0, node.start) + checks.slice(node.end);
      }
    },
  };
}
