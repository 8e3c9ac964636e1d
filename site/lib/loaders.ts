import type { Loader } from 'astro/loaders';
import { AstroError } from 'astro/errors';
import { commandLocale } from '../../scripts/core/handbook-config.ts';
import type { Locale } from '../../scripts/core/messages.ts';
import { renderCore } from '../../scripts/core/render.ts';
import { allowBroken, displayPath, formsPath, handbookSettings, orgPath, problemLines, readForms, readOrg, readSpec, specFiles } from './source.ts';

/**
 * Content loaders that read specs with the project's own loader (`loadSpec`,
 * YAML 1.2 core: dates stay strings) instead of Astro's glob/YAML parser, so
 * the site sees exactly what the linter sees.
 */

/** The build speaks the language the environment names, else the handbook's. */
function buildLocale(): Locale {
  return commandLocale(process.env, handbookSettings());
}

function stop(kind: 'spec' | 'org' | 'forms', lines: string[]): never {
  const zh = buildLocale() === 'zh-CN';
  const hint =
    kind === 'spec'
      ? zh
        ? '请按提示修正这些流程文件（npm run lint 可查看全部问题）；或设置 HANDBOOK_ALLOW_BROKEN=1 先发布其余流程，损坏的流程会列在 /broken/ 页面。'
        : 'Fix these spec files as described (`npm run lint` shows every finding), or set HANDBOOK_ALLOW_BROKEN=1 to publish the other processes and list the broken ones on /broken/.'
      : kind === 'org'
        ? zh
          ? '请修正组织注册表 processes/org.yml。'
          : 'Fix the org registry processes/org.yml.'
        : zh
          ? '请修正表单登记 processes/forms.yml。'
          : 'Fix the forms registry processes/forms.yml.';
  const title = {
    spec: zh ? '流程文件有错误，网站未构建：' : 'Some process specs are broken; the site was not built:',
    org: zh ? '组织注册表有错误：' : 'The org registry is broken:',
    forms: zh ? '表单登记有错误：' : 'The forms registry is broken:',
  }[kind];
  const error = new AstroError(`${title}\n${lines.join('\n')}`, hint);
  // The file:line:column list is the message; a stack trace would only hide it.
  error.stack = '';
  throw error;
}

export function processLoader(): Loader {
  return {
    name: 'handbook-processes',
    async load({ store, generateDigest, logger }) {
      const locale = buildLocale();
      const seen = new Map<string, string>();
      const broken: string[] = [];
      const valid = [];
      for (const absolute of specFiles()) {
        const loaded = readSpec(absolute);
        if (!loaded.spec) {
          broken.push(...problemLines(loaded.file, loaded.problems, locale));
          continue;
        }
        const first = seen.get(loaded.spec.id);
        if (first) {
          broken.push(`${loaded.file}:${loaded.locate(['id']).line}:${loaded.locate(['id']).column} ${locale === 'zh-CN' ? `流程标识 \`${loaded.spec.id}\` 已被 ${first} 使用，请改为唯一的标识。` : `The process id \`${loaded.spec.id}\` is already used by ${first}; make it unique.`}`);
          continue;
        }
        seen.set(loaded.spec.id, loaded.file);
        valid.push(loaded);
      }
      if (broken.length > 0) {
        if (!allowBroken()) stop('spec', broken);
        logger.warn(`${broken.length} problem(s) in process specs; the broken specs are listed on /broken/ (HANDBOOK_ALLOW_BROKEN=1).`);
      }
      store.clear();
      // Stored as loadSpec typed it, with the schema the collection declares: validating each spec a second
      // time (parseData) cost a 1,000-process handbook's every build about a second.
      for (const loaded of valid) {
        const id = loaded.spec!.id;
        store.set({ id, data: loaded.spec as unknown as Record<string, unknown>, body: loaded.body, filePath: loaded.file, digest: generateDigest(loaded.text) });
      }
    },
  };
}

/** Specs that could not be read, with their problems in both languages; empty unless HANDBOOK_ALLOW_BROKEN=1. */
export function brokenLoader(): Loader {
  return {
    name: 'handbook-broken-specs',
    async load({ store, parseData }) {
      store.clear();
      if (!allowBroken()) return;
      for (const absolute of specFiles()) {
        const loaded = readSpec(absolute);
        if (loaded.spec) continue;
        const worded = (locale: Locale) => loaded.problems.map(({ line, column, messageId, data }) => ({ line, column, message: renderCore(messageId, data, locale) }));
        const data = await parseData({ id: loaded.file, data: { file: loaded.file, problems: { 'zh-CN': worded('zh-CN'), en: worded('en') } } });
        store.set({ id: loaded.file, data });
      }
    },
  };
}

export function orgLoader(): Loader {
  return {
    name: 'handbook-org',
    async load({ store, parseData }) {
      const loaded = readOrg();
      if (!loaded.org || loaded.problems.length > 0) stop('org', problemLines(displayPath(orgPath()), loaded.problems, buildLocale()));
      store.clear();
      const data = await parseData({ id: 'org', data: loaded.org as unknown as Record<string, unknown> });
      store.set({ id: 'org', data });
    },
  };
}

/** The forms registry (processes/forms.yml) as one entry; a broken registry stops the build with file:line:column. */
export function formsLoader(): Loader {
  return {
    name: 'handbook-forms',
    async load({ store, parseData }) {
      const loaded = readForms();
      if (!loaded.registry || loaded.problems.length > 0) stop('forms', problemLines(displayPath(formsPath()), loaded.problems, buildLocale()));
      store.clear();
      const data = await parseData({ id: 'forms', data: loaded.registry as unknown as Record<string, unknown> });
      store.set({ id: 'forms', data });
    },
  };
}
